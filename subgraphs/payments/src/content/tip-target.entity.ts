import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Audience } from '@vp/kit';

export enum TipTargetKind {
  VIDEO = 'VIDEO',
  LIVE_STREAM = 'LIVE_STREAM',
}

/**
 * What payments knows of a video or live stream that can be tipped: a read model fed by the
 * owning subgraph's events (payments never reads the videos or live schema). `version` is the
 * `occurredAt` of the last event applied, so older events arriving late change nothing.
 */
@Entity({ tableName: 'tip_target' })
export class TipTarget {
  [OptionalProps]?: 'visibility' | 'deleted';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: () => TipTargetKind })
  kind!: TipTargetKind;

  @Index()
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Enum({ items: () => Audience })
  audience!: Audience;

  /** PUBLIC, UNLISTED or PRIVATE as the owner last set it; null when the kind has none. */
  @Property({ type: 'string', length: 20, nullable: true })
  visibility: string | null = null;

  @Property({ type: 'boolean', default: false })
  deleted: boolean = false;

  @Property({ type: 'datetime' })
  version!: Date;
}

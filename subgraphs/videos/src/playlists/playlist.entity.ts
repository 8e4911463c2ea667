import { randomUUID } from 'node:crypto';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
} from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Video } from '../videos/video.entity';

export const MAX_PLAYLIST_ITEMS = 5000;

export enum PlaylistVisibility {
  PUBLIC = 'PUBLIC',
  UNLISTED = 'UNLISTED',
  PRIVATE = 'PRIVATE',
}
registerEnumType(PlaylistVisibility, {
  name: 'PlaylistVisibility',
  description:
    "PUBLIC: on its owner's channel for everyone. UNLISTED: readable by whoever has its id. PRIVATE: its owner only.",
});

export enum PlaylistKind {
  REGULAR = 'REGULAR',
  WATCH_LATER = 'WATCH_LATER',
}

// Each user has at most one "Watch later", created the first time it is asked for.
@Index({
  name: 'playlist_watch_later_idx',
  expression: `create unique index "playlist_watch_later_idx" on "videos"."playlist" ("owner_id") where "kind" = 'WATCH_LATER'`,
})
@Index({
  name: 'playlist_owner_created_idx',
  expression: `create index "playlist_owner_created_idx" on "videos"."playlist" ("owner_id", "created_at" desc, "id" desc)`,
})
@Check({
  name: 'playlist_description_length_check',
  expression: 'char_length("description") <= 5000',
})
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An ordered list of videos kept by one user.' })
@Entity({ tableName: 'playlist' })
export class Playlist {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Field({ description: '1–150 characters.' })
  @Property({ type: 'string', length: 150 })
  title!: string;

  @Field({ description: 'Up to 5000 characters.' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => PlaylistVisibility)
  @Enum({ items: () => PlaylistVisibility, default: PlaylistVisibility.PRIVATE })
  visibility: PlaylistVisibility = PlaylistVisibility.PRIVATE;

  @Enum({ items: () => PlaylistKind, default: PlaylistKind.REGULAR })
  kind: PlaylistKind = PlaylistKind.REGULAR;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * A video in a playlist at a position (0-based). Positions are kept dense by every change, under
 * the playlist's row lock; the unique position is checked at commit, so shifting a range of
 * positions in one statement never trips over itself.
 */
@Unique({
  name: 'playlist_item_position_unique',
  properties: ['playlist', 'position'],
  deferMode: 'deferred',
})
@Entity({ tableName: 'playlist_item' })
export class PlaylistItem {
  @ManyToOne(() => Playlist, { primary: true, deleteRule: 'cascade' })
  playlist!: Rel<Playlist>;

  @ManyToOne(() => Video, { primary: true, deleteRule: 'cascade', index: true })
  video!: Rel<Video>;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'datetime' })
  addedAt: Date = new Date();
}

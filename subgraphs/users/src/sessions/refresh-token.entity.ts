import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Session } from './session.entity';

/** One refresh token of a family, kept only as its SHA-256; usable once, then rotated. */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Session, { deleteRule: 'cascade' })
  @Index()
  session!: Rel<Session>;

  /** Hex SHA-256 of the token the client holds. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Set when it was exchanged for a new one; presenting it again is reuse. */
  @Property({ type: 'datetime', nullable: true })
  rotatedAt?: Date | null;
}

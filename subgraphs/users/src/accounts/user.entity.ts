import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { type Language, Role, PUBLIC_CACHE } from '@vp/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: 'What an account may do.' });

/** The languages an account's emails can be in (stored as `ja` / `en`). */
export enum EmailLanguage {
  JA = 'ja',
  EN = 'en',
}
registerEnumType(EmailLanguage, {
  name: 'EmailLanguage',
  description: 'The language of the emails the platform sends you (receipts, notices).',
});

/**
 * `email` and `birthDate` are deliberately not @Field here: UserResolver exposes them as nullable
 * fields that resolve only for the account itself or an admin.
 */
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'An account; its public face is its channel (handle, display name).' })
@Entity({ tableName: 'user' })
@Check({ name: 'user_language_check', expression: `"language" in ('ja', 'en')` })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised (trimmed, lower-cased); readable only by its owner and admins. */
  @Property({ type: 'string', unique: true, length: 254 })
  email!: string;

  @Field({ description: 'Unique, 3–30 of a-z, 0-9 and _ (stored lower-case).' })
  @Property({ type: 'string', unique: true, length: 30 })
  handle!: string;

  @Field({ description: 'The name shown on the channel, 1–50 characters.' })
  @Property({ type: 'string', length: 50 })
  displayName!: string;

  @Field(() => String, {
    description: 'About the account, plain text of at most 1,000 characters ("" if none).',
  })
  @Property({ type: 'string', length: 1000, default: '' })
  bio: Opt<string> = '';

  /** ISO date (YYYY-MM-DD); adult content checks need it. Readable only by its owner and admins. */
  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ type: 'string', hidden: true, length: 255 })
  passwordHash!: string;

  @Field(() => [Role], { description: 'What the account may do; public.' })
  @Enum({ items: () => Role, array: true, default: [Role.VIEWER] })
  roles: Role[] = [Role.VIEWER];

  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt?: Date | null;

  /**
   * The language of the account's emails (money emails): the browser's Accept-Language at
   * sign-up (Japanese unless it prefers English), changed with updateProfile. Private.
   */
  @Property({ type: 'string', length: 2, default: 'ja' })
  language: Opt<Language> = 'ja';

  /** Where the current avatar's re-encoded files are stored (`avatars/<id>/<version>/`); null: none. */
  @Property({ type: 'string', length: 255, nullable: true })
  avatarPrefix?: string | null;

  /** When a moderator or admin suspended the account; null: not suspended (moderation/suspension.ts). */
  @Property({ type: 'datetime', nullable: true })
  suspendedAt: Date | null = null;

  /** When the suspension ends by itself; null while suspended: until lifted. */
  @Property({ type: 'datetime', nullable: true })
  suspendedUntil: Date | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  suspensionReason: string | null = null;

  @Field({ description: 'When the account was created.' })
  @Property({ type: 'datetime' })
  @Index()
  createdAt: Date = new Date();
}

/** Whether the account is suspended now (a suspension with an end passes by itself). */
export const isSuspended = (user: Pick<User, 'suspendedAt' | 'suspendedUntil'>, now = new Date()) =>
  user.suspendedAt !== null &&
  (user.suspendedUntil === null || user.suspendedUntil.getTime() > now.getTime());

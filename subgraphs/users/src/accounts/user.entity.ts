import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Role } from '@vp/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role', description: 'What an account may do.' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An account; its public face is its channel (handle, display name).' })
@Entity({ tableName: 'user' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised (trimmed, lower-cased); readable only by its owner and admins. */
  @Property({ unique: true, length: 254 })
  email!: string;

  @Field({ description: 'Unique, 3–30 of a-z, 0-9 and _.' })
  @Property({ unique: true, length: 30 })
  handle!: string;

  @Field()
  @Property({ length: 50 })
  displayName!: string;

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ hidden: true, length: 255 })
  passwordHash!: string;

  @Field(() => [Role])
  @Enum({ items: () => Role, array: true, default: [Role.VIEWER] })
  roles: Role[] = [Role.VIEWER];

  @Property({ nullable: true })
  emailVerifiedAt?: Date | null;

  @Field()
  @Property()
  @Index()
  createdAt: Date = new Date();
}

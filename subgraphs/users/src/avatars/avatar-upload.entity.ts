import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An avatar upload handed out and not completed yet: its file waits at
 * `avatars/<userId>/incoming/<id>`. completeAvatarUpload removes the row with the file; rows left
 * behind are uploads abandoned (or completions that died), whose files housekeeping deletes after
 * 24 hours. No foreign key: the file must still be found after its account is gone.
 */
@Entity({ tableName: 'avatar_upload' })
export class PendingAvatarUpload {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Index()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

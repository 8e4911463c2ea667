import { ConnectionType, NoDirectionOverrides, PlainText, TextLength } from '@vp/kit';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';
import { Playlist, PlaylistVisibility } from './playlist.entity';

@InputType()
export class CreatePlaylistInput {
  @Field({ description: '1–150 characters.' })
  @TextLength(1, 150)
  @PlainText()
  @NoDirectionOverrides()
  title!: string;

  @Field(() => String, { nullable: true, defaultValue: '', description: 'Up to 5000 characters.' })
  @TextLength(0, 5000)
  @PlainText({ lineBreaks: true })
  description?: string | null;

  @Field(() => PlaylistVisibility, { defaultValue: PlaylistVisibility.PRIVATE })
  visibility: PlaylistVisibility = PlaylistVisibility.PRIVATE;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdatePlaylistInput {
  @Field(() => String, { nullable: true, description: '1–150 characters.' })
  @TextLength(1, 150)
  @PlainText()
  @NoDirectionOverrides()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 5000 characters.' })
  @TextLength(0, 5000)
  @PlainText({ lineBreaks: true })
  description?: string | null;

  @Field(() => PlaylistVisibility, { nullable: true })
  visibility?: PlaylistVisibility | null;
}

@ObjectType({ description: 'A video in a playlist.' })
export class PlaylistItemEntry {
  @Field(() => Int, { description: '0-based, among the entries you may see.' })
  position!: number;

  @Field()
  addedAt!: Date;

  @Field(() => Video)
  video!: Video;
}

export const PlaylistItemConnection = ConnectionType(PlaylistItemEntry);
export const PlaylistConnection = ConnectionType(Playlist);

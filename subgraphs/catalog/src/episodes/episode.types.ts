import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "Signed HLS playback of an episode's video." })
export class EpisodePlayback {
  @Field({
    description:
      "The master playlist's URL; it also admits the video's other playlists and segments.",
  })
  hlsUrl!: string;

  @Field({
    description:
      'After this the URLs are refused; never later than the end of the licence window playing now.',
  })
  expiresAt!: Date;
}

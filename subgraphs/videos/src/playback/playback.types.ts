import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Signed HLS playback of one video.' })
export class Playback {
  @Field({
    description:
      "The master playlist's URL; it also admits the video's other playlists and segments.",
  })
  hlsUrl!: string;

  @Field({ description: 'After this the URLs are refused; ask for `playback` again.' })
  expiresAt!: Date;

  @Field({
    description:
      'False while the video is still being processed: its lowest rung is still growing (an EVENT playlist: play from the start, a seek past what is encoded waits) and the higher rungs join the master as they finish. True once READY.',
  })
  complete!: boolean;
}

@ObjectType('Rendition', { description: 'One rung of the HLS ladder.' })
export class RenditionInfo {
  @Field(() => Int)
  height!: number;

  @Field(() => Int)
  width!: number;

  @Field(() => Int, { description: 'Peak bits per second, as in the master playlist.' })
  bandwidth!: number;

  @Field(() => Int, { description: 'Average bits per second.' })
  averageBandwidth!: number;

  @Field({ description: 'RFC 6381 codecs, e.g. avc1.64001f,mp4a.40.2.' })
  codecs!: string;

  @Field(() => Float)
  frameRate!: number;
}

@ObjectType({
  description: 'Seek previews: a sprite of thumbnails and the WebVTT that maps times to tiles.',
})
export class Storyboard {
  @Field({ description: 'Signed URL of the sprite image.' })
  imageUrl!: string;

  @Field({ description: 'Signed URL of the WebVTT file; its cues point into the sprite.' })
  vttUrl!: string;
}

import { readEnv } from '@vp/kit';
import { s3MediaEnv, thrownMessage } from '@vp/media/src/testing/aws-env';
import { videosConfigFromEnv, videosEnv } from '../env';

// VIDEOS_TRANSCODER selects the transcoder; mediaconvert needs S3 and a role, and says so.
const onS3 = s3MediaEnv();

describe('VIDEOS_TRANSCODER', () => {
  it('is the embedded ffmpeg worker unless asked', () => {
    const env = readEnv(videosEnv, { PLATFORM_DATA_DIR: '/tmp/vp-env-test' });
    expect(videosConfigFromEnv(env).transcoder).toEqual({ kind: 'ffmpeg' });
  });

  it('mediaconvert: the job settings from the environment', () => {
    const env = readEnv(videosEnv, {
      ...onS3,
      VIDEOS_TRANSCODER: 'mediaconvert',
      VIDEOS_MEDIACONVERT_ROLE_ARN: 'arn:aws:iam::123456789012:role/MediaConvert',
      VIDEOS_MEDIACONVERT_EVENTS_SECRET: 'x'.repeat(40),
    });
    expect(videosConfigFromEnv(env).transcoder).toEqual({
      kind: 'mediaconvert',
      region: 'eu-west-1',
      endpoint: undefined,
      roleArn: 'arn:aws:iam::123456789012:role/MediaConvert',
      queueArn: undefined,
      bucket: 'media',
      pollSeconds: 60,
      eventsSecret: 'x'.repeat(40),
    });
  });

  it('refuses mediaconvert on local storage, without a role, a short events secret or an unknown value', () => {
    const refusal = thrownMessage(() =>
      readEnv(videosEnv, {
        PLATFORM_DATA_DIR: '/tmp/vp-env-test',
        VIDEOS_TRANSCODER: 'mediaconvert',
      }),
    );
    expect(refusal).toMatch(/set MEDIA_STORAGE=s3/);
    expect(refusal).toMatch(/VIDEOS_MEDIACONVERT_ROLE_ARN/);
    expect(() =>
      readEnv(videosEnv, {
        ...onS3,
        VIDEOS_TRANSCODER: 'mediaconvert',
        VIDEOS_MEDIACONVERT_ROLE_ARN: 'arn:aws:iam::123456789012:role/MediaConvert',
        VIDEOS_MEDIACONVERT_EVENTS_SECRET: 'short',
      }),
    ).toThrow(/VIDEOS_MEDIACONVERT_EVENTS_SECRET/);
    expect(() => readEnv(videosEnv, { ...onS3, VIDEOS_TRANSCODER: 'elastic' })).toThrow(
      /must be "ffmpeg" or "mediaconvert"/,
    );
  });
});

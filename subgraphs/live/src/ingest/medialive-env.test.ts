import { readEnv } from '@vp/kit';
import { s3MediaEnv, thrownMessage } from '@vp/media/src/testing/aws-env';
import { liveConfigFromEnv, liveEnv } from '../env';

const onS3 = s3MediaEnv();

describe('LIVE_INGEST=medialive', () => {
  it('turns the embedded ingest off and configures MediaLive', () => {
    const config = liveConfigFromEnv(
      readEnv(liveEnv, {
        ...onS3,
        LIVE_INGEST: 'medialive',
        LIVE_MEDIALIVE_ROLE_ARN: 'arn:aws:iam::123456789012:role/MediaLive',
        LIVE_MEDIALIVE_INPUT_SECURITY_GROUP_ID: '1234567',
      }),
    );
    expect(config.ingest).toBe(false);
    expect(config.mediaLive).toMatchObject({
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::123456789012:role/MediaLive',
      inputSecurityGroupId: '1234567',
      bucket: 'media',
      startTimeoutSeconds: 300,
      ladder: [{ height: 360, videoKbps: 800 }],
    });
  });

  it('refuses it on local storage or without a role and an input security group', () => {
    expect(() =>
      readEnv(liveEnv, { PLATFORM_DATA_DIR: '/tmp/vp-env-test', LIVE_INGEST: 'medialive' }),
    ).toThrow(/MEDIA_STORAGE=s3/);
    const error = thrownMessage(() => readEnv(liveEnv, { ...onS3, LIVE_INGEST: 'medialive' }));
    expect(error).toMatch(/LIVE_MEDIALIVE_ROLE_ARN/);
    expect(error).toMatch(/LIVE_MEDIALIVE_INPUT_SECURITY_GROUP_ID/);
  });

  it('keeps the embedded ingest by default', () => {
    const config = liveConfigFromEnv(readEnv(liveEnv, { PLATFORM_DATA_DIR: '/tmp/vp-env-test' }));
    expect(config.mediaLive).toBeUndefined();
    expect(config.ingest).not.toBe(false);
  });
});

import { serveFromEnv } from '@vp/kit';
import { type LiveConfig, live } from './definition';

void serveFromEnv(live, 4003, (env): LiveConfig => ({ rtmpUrl: env.LIVE_RTMP_URL }));

import { serveFromEnv } from '@vp/kit';
import { live, liveConfigFromEnv } from './definition';

void serveFromEnv(live, 4003, liveConfigFromEnv);

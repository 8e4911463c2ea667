import { serveFromEnv } from '@vp/kit';
import { videos } from './definition';
import { videosConfigFromEnv } from './env';

void serveFromEnv(videos, 4002, videosConfigFromEnv);

import { serveFromEnv } from '@vp/kit';
import { videos } from './definition';

void serveFromEnv(videos, 4002);

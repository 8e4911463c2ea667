import { serveFromEnv } from '@vp/kit';
import { search, searchConfigFromEnv } from './definition';

void serveFromEnv(search, 4006, searchConfigFromEnv);

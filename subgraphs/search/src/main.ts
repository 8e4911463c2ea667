import { serveFromEnv } from '@vp/kit';
import { search } from './definition';

void serveFromEnv(search, 4006);

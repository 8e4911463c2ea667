import { serveFromEnv } from '@vp/kit';
import { live } from './definition';

void serveFromEnv(live, 4003);

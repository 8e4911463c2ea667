import { serveFromEnv } from '@vp/kit';
import { payments } from './definition';

void serveFromEnv(payments, 4004);

import { serveFromEnv } from '@vp/kit';
import { users } from './definition';

void serveFromEnv(users, 4001);

import { serveFromEnv } from '@vp/kit';
import { catalog } from './definition';

void serveFromEnv(catalog, 4005);

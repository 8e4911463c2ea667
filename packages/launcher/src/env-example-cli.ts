import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envExample } from './env-example';

/** `npm run env:example`: rewrites .env.example from the processes' schemas. */
const file = join(__dirname, '../../../.env.example');
writeFileSync(file, envExample());
console.log(`wrote ${file}`);

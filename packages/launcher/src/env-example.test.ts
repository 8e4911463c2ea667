import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envExample } from './env-example';
import { PROCESSES } from './processes';

describe('.env.example', () => {
  it('is what `npm run env:example` makes from the schemas today', () => {
    const committed = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    expect(committed).toBe(envExample());
  });

  it('lists and describes every variable of every process', () => {
    const text = envExample();
    for (const { name, env } of PROCESSES) {
      for (const [variable, type] of Object.entries(env.shape)) {
        expect({ process: name, variable, listed: text.includes(`\n#${variable}=`) }).toEqual({
          process: name,
          variable,
          listed: true,
        });
        expect({ variable, described: !!(type as { description?: string }).description }).toEqual({
          variable,
          described: true,
        });
      }
    }
  });
});

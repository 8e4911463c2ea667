import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_NODE_FLAGS } from './node-flags';

const root = join(__dirname, '../../..');

describe("the platform's Node flags", () => {
  it('are those of `npm start` and of the image every container runs', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toContain(`node ${PLATFORM_NODE_FLAGS.join(' ')} `);
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(
      new RegExp(`^ENV .*NODE_OPTIONS=(["']?)${PLATFORM_NODE_FLAGS.join(' ')}\\1(\\s|$)`, 'm'),
    );
  });
});

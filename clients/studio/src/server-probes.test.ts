import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The studio's server answers the probes Kubernetes sends (/health, /ready; compose uses
 * /api/health) itself, rather than the SPA fallback answering 200 with index.html to any path.
 */
describe('the studio server probe routes', () => {
  let server: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    const module = join(__dirname, '../server/server.mjs');
    const script = `
      import { createStudioServer, studioConfig } from ${JSON.stringify(module)};
      const server = createStudioServer(studioConfig({ HOST: '127.0.0.1' }));
      server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
    `;
    server = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout!.on('data', chunk => {
        output += chunk;
        const port = /port (\d+)/.exec(output)?.[1];
        if (port) {
          resolve(`http://127.0.0.1:${port}`);
        }
      });
      server.stderr!.on('data', chunk => (output += chunk));
      server.once('exit', code => reject(new Error(`studio server exited ${code}: ${output}`)));
    });
  });
  afterAll(() => {
    server?.kill();
  });

  it.each(['/health', '/ready', '/api/health'])('%s answers 200 with JSON', async path => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('knows no other /api/ path', async () => {
    const response = await fetch(`${origin}/api/ready`);
    expect(response.status).toBe(404);
  });
});

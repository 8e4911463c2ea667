import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { S3Storage } from '../storage/s3-storage';

/**
 * An S3-compatible server for tests: `s3rver` (a devDependency: never import this from code that
 * ships) on 127.0.0.1, a free port, one bucket in a temp folder.
 *
 * It runs in a child process started with `--openssl-legacy-provider`: s3rver makes ListObjectsV2
 * continuation tokens with DES, which Node 20's OpenSSL 3 refuses otherwise (any truncated listing
 * would fail with InternalError). The child exits when its stdin closes, so it never outlives us.
 */
const CHILD = `
const S3rver = require(${JSON.stringify(require.resolve('s3rver'))});
const [directory, bucket] = process.argv.slice(1);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
server.run().then(({ port }) => console.log(JSON.stringify({ port })));
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
`;

export interface TestS3 {
  endpoint: string;
  bucket: string;
  storage: () => S3Storage;
  stop: () => Promise<void>;
}

export async function startS3rver(bucket = 'media-test'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'vp-s3rver-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', CHILD, directory, bucket],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', line => resolve(JSON.parse(line).port));
    child.once('exit', code => reject(new Error(`s3rver exited with ${code} before listening`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    storage: () =>
      new S3Storage({
        bucket,
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    stop: async () => {
      child.stdin!.end();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

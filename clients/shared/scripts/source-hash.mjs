// What an app's build script hashes to tell whether its last build is still fresh: every file under
// the given inputs (tests left out), each named by its path from the repository's root.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The client code every app builds in (the shared operations and session) and the lockfile. */
export const SHARED_INPUTS = [
  join(ROOT, 'clients/shared/src'),
  join(ROOT, 'clients/shared/package.json'),
  join(ROOT, 'package-lock.json'),
];

function files(path) {
  if (!existsSync(path)) {
    return [];
  }
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path)
    .sort()
    .flatMap(name => (/\.test\.tsx?$/.test(name) ? [] : files(join(path, name))));
}

export function sourceHash(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files)) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

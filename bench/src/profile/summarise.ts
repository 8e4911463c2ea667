import { readFileSync } from 'node:fs';
import { table } from '../report';

/**
 * Sums a V8 .cpuprofile's self time per function and per module (an npm package, or the project's
 * own workspace file), so a profile taken under bench load (`PROFILE_DIR=… npm run bench:gateway`)
 * reads as "where a request's time goes".
 *
 *   node -r @swc-node/register src/profile/summarise.ts <file.cpuprofile> [top=25] [requests]
 *
 * Only the load window counts (the longest run of busy seconds, or WINDOW=from-to in seconds).
 * With `requests` (how many the process answered in that window), each row also shows µs per request.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; the project's files → their workspace folder. */
export function moduleOf(url: string): string {
  if (!url) {
    return '(native/V8)';
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) {
    return 'node (core)';
  }
  const project = /\/(packages|subgraphs|gateway|bench)\/([^/]+)?/.exec(url);
  if (project) {
    return project[1] === 'gateway' ? 'gateway' : `${project[1]}/${project[2]}`;
  }
  return url;
}

/**
 * The load window: the longest run of seconds in which the process was busy at least 80% of the
 * time (start-up, module loading and idle waiting between targets left out).
 */
export function loadWindow(profile: Profile, idleIds: Set<number>): [number, number] {
  const busy: number[] = [];
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const second = Math.floor(t / 1e6);
    busy[second] = (busy[second] ?? 0) + (idleIds.has(id) ? 0 : (profile.timeDeltas[i] ?? 0));
  });
  let best: [number, number] = [0, busy.length];
  let start = -1;
  // seconds 0-5 are start-up (migrations, module loading): never the load
  for (let s = 6; s <= busy.length; s++) {
    const hot = (busy[s] ?? 0) >= 800_000;
    if (hot && start < 0) {
      start = s;
    } else if (!hot && start >= 0) {
      if (s - start > best[1] - best[0] || best[0] === 0) {
        best = [start, s];
      }
      start = -1;
    }
  }
  return best;
}

export function summarise(profile: Profile, window?: [number, number]) {
  const self = new Map<number, number>();
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (!window || (t >= window[0] * 1e6 && t < window[1] * 1e6)) {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      idle += functionName === '(idle)' ? us : 0;
    }
    total += us;
    const short = url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/(packages|subgraphs|gateway)\//, '$1/');
    const fn = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const mod =
      functionName === '(garbage collector)'
        ? '(GC)'
        : functionName === '(idle)'
          ? '(idle)'
          : moduleOf(url);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  }
  return { total, idle, byFunction, byModule };
}

function main() {
  const [file, topArg, requestsArg] = process.argv.slice(2);
  const top = Number(topArg ?? 25);
  const requests = requestsArg ? Number(requestsArg) : undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const idleIds = new Set(
    profile.nodes.filter(n => n.callFrame.functionName === '(idle)').map(n => n.id),
  );
  const window = process.env.WINDOW
    ? (process.env.WINDOW.split('-').map(Number) as [number, number])
    : loadWindow(profile, idleIds);
  console.log(`load window: seconds ${window[0]}–${window[1]} of the profile`);
  const { total, idle, byFunction, byModule } = summarise(profile, window);
  const busy = total - idle;
  const rows = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== '(idle)' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => [
        name.slice(0, 90),
        (us / 1000).toFixed(0),
        `${((100 * us) / busy).toFixed(1)}%`,
        requests ? (us / requests).toFixed(1) : '-',
      ]);
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy`);
  table('self time by module', [['module', 'ms', '% busy', 'µs/request'], ...rows(byModule)]);
  table('self time by function', [['function', 'ms', '% busy', 'µs/request'], ...rows(byFunction)]);
}

if (require.main === module) {
  main();
}

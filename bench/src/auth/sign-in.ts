/**
 * bench:sign-in (issue 16, weaknesses 1 and 7), through the gateway in front of the users subgraph,
 * client addresses given with X-Forwarded-For (the gateway trusts loopback as a proxy, as the
 * embedded default does, and tells users the address it believes):
 *
 * 1. Credential stuffing: 1,000 sign-in attempts with wrong passwords against one account from
 *    many addresses (ADDRESSES, 4 attempts each by default), CONCURRENCY at a time: p50/p99 of
 *    the attempts and what they were answered, against the p99 of ordinary sign-ins (right
 *    password, one per address, no attack). Then the owner: their password alone is refused
 *    (SIGN_IN_LINK_REQUIRED), and requestSignInLink + signInWithLink (the link read from the local
 *    mailbox) signs them in; the time that takes.
 * 2. Sign-up with a registered email against a new one (interleaved): p50/p99 and their ratio;
 *    both hash the password, so neither is measurably faster.
 *
 *   npm run bench:sign-in -w @vp/bench    (ATTEMPTS=1000, ADDRESSES=250, CONCURRENCY=16, SIGNUPS=60)
 */
process.env.LOG_LEVEL ??= 'fatal';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphql } from '@vp/kit/testing';
import { startTestPlatform, type TestPlatform } from '@vp/launcher/testing';
import { ms, percentile, reachableRedis, table } from './report';

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 1000);
const ADDRESSES = Number(process.env.ADDRESSES ?? 250);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SIGNUPS = Number(process.env.SIGNUPS ?? 60);
const BASELINE = Number(process.env.BASELINE ?? 100);
const PASSWORD = 'correct horse battery staple';

const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;

let addressCount = 0;
/** A distinct address (10.x.y.z: one per simulated client). */
const nextAddress = () => {
  addressCount += 1;
  return `10.${(addressCount >> 16) & 255}.${(addressCount >> 8) & 255}.${addressCount & 255}`;
};

async function timed(platform: TestPlatform, query: string, variables: object, address: string) {
  const start = performance.now();
  const answer = await graphql(platform.url, query, variables as Record<string, unknown>, {
    headers: { 'x-forwarded-for': address },
  });
  const code = answer.errors
    ? String(answer.errors[0].extensions?.reason ?? answer.errors[0].extensions?.code)
    : 'OK';
  return { ms: performance.now() - start, code, answer };
}

/** Runs `tasks` CONCURRENCY at a time. */
async function pooled<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const countCodes = (codes: string[]) =>
  Object.entries(
    codes.reduce<Record<string, number>>((counts, code) => {
      counts[code] = (counts[code] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');

function linkInMailbox(platform: TestPlatform, email: string): string | undefined {
  const folder = join(platform.dataDir, 'mailbox');
  const mails = readdirSync(folder)
    .sort()
    .flatMap(file => {
      try {
        return [
          JSON.parse(readFileSync(join(folder, file), 'utf8')) as { to: string; text: string },
        ];
      } catch {
        return []; // still being written
      }
    })
    .filter(mail => mail.to === email);
  return /sign-in-link\?token=([A-Za-z0-9_-]+)/.exec(mails.at(-1)?.text ?? '')?.[1];
}

async function stuffing(platform: TestPlatform) {
  const other = await platform.signUp({ name: 'baseline' });
  const signInOther = () =>
    timed(platform, SIGN_IN, { input: { email: other.email, password: PASSWORD } }, nextAddress());
  // one person signing in at a time, as a quiet platform sees it
  const baseline: Awaited<ReturnType<typeof timed>>[] = [];
  for (let i = 0; i < BASELINE; i += 1) {
    baseline.push(await signInOther());
  }
  const during: Awaited<ReturnType<typeof timed>>[] = [];
  let attacking = true;
  const victim = await platform.signUp({ name: 'victim' });
  const addresses = Array.from({ length: ADDRESSES }, nextAddress);
  const started = performance.now();
  // meanwhile someone else signs in to their own account, one attempt after another
  const otherAccounts = (async () => {
    while (attacking) {
      during.push(await signInOther());
    }
  })();
  const attack = await pooled(
    Array.from(
      { length: ATTEMPTS },
      (_, i) => () =>
        timed(
          platform,
          SIGN_IN,
          { input: { email: victim.email, password: `leaked password ${i}` } },
          addresses[i % ADDRESSES],
        ),
    ),
  );
  const attackSeconds = (performance.now() - started) / 1000;
  attacking = false;
  await otherAccounts;

  const ownerAddress = nextAddress();
  const withPassword = await timed(
    platform,
    SIGN_IN,
    { input: { email: victim.email, password: PASSWORD } },
    ownerAddress,
  );
  const linkStart = performance.now();
  await timed(
    platform,
    'mutation ($e: String!) { requestSignInLink(email: $e) }',
    { e: victim.email },
    ownerAddress,
  );
  let token: string | undefined;
  while (!(token = linkInMailbox(platform, victim.email))) {
    if (performance.now() - linkStart > 30_000) {throw new Error('no sign-in link mailed');}
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  const withLink = await timed(
    platform,
    'mutation ($t: String!) { signInWithLink(token: $t) { accessToken } }',
    { t: token },
    ownerAddress,
  );
  const linkMs = performance.now() - linkStart;

  const times = (results: { ms: number }[]) => results.map(result => result.ms);
  const baseP99 = percentile(times(baseline), 99);
  table(
    `Sign-in under credential stuffing: ${ATTEMPTS} attempts on one account from ${ADDRESSES} addresses, ${CONCURRENCY} at a time (ms)`,
    [
      ['run', 'p50', 'p99', 'p99 / baseline p99', 'answers'],
      [
        `baseline: ${BASELINE} right-password sign-ins one at a time, no attack`,
        ms(percentile(times(baseline), 50)),
        ms(baseP99),
        '1.00',
        countCodes(baseline.map(result => result.code)),
      ],
      [
        `stuffing (${(ATTEMPTS / attackSeconds).toFixed(0)} attempts/s)`,
        ms(percentile(times(attack), 50)),
        ms(percentile(times(attack), 99)),
        (percentile(times(attack), 99) / baseP99).toFixed(2),
        countCodes(attack.map(result => result.code)),
      ],
      [
        `another account's sign-ins during the attack (${during.length}, one at a time)`,
        ms(percentile(times(during), 50)),
        ms(percentile(times(during), 99)),
        (percentile(times(during), 99) / baseP99).toFixed(2),
        countCodes(during.map(result => result.code)),
      ],
      ["owner's password afterwards (new address)", ms(withPassword.ms), '', '', withPassword.code],
      ['owner: requestSignInLink + mail + signInWithLink', ms(linkMs), '', '', withLink.code],
    ],
  );
}

async function signUpTiming(platform: TestPlatform) {
  const taken = await platform.signUp({ name: 'taken' });
  const fresh: number[] = [];
  const registered: number[] = [];
  for (let i = 0; i < SIGNUPS; i += 1) {
    const handle = `timing_${i}_${Math.random().toString(36).slice(2, 8)}`;
    const input = (email: string) => ({
      input: { email, password: PASSWORD, handle, displayName: 'Timing', birthDate: '1990-04-21' },
    });
    // interleaved, the registered email first on odd rounds, so drift hits both alike
    const runs = [
      async () =>
        registered.push((await timed(platform, SIGN_UP, input(taken.email), nextAddress())).ms),
      async () =>
        fresh.push(
          (await timed(platform, SIGN_UP, input(`${handle}@example.com`), nextAddress())).ms,
        ),
    ];
    for (const run of i % 2 ? runs : runs.reverse()) {
      await run();
    }
  }
  const ratio = (p: number) => (percentile(registered, p) / percentile(fresh, p)).toFixed(2);
  table(
    `Sign-up time, registered email (refused) against new email (${SIGNUPS} each, interleaved; ms)`,
    [
      ['email', 'p50', 'p99'],
      ['new (account made)', ms(percentile(fresh, 50)), ms(percentile(fresh, 99))],
      ['registered (refused)', ms(percentile(registered, 50)), ms(percentile(registered, 99))],
      ['registered / new', ratio(50), ratio(99)],
    ],
  );
}

async function main() {
  const redisUrl = process.env.MODE === 'memory' ? undefined : await reachableRedis();
  console.log(`(throttling state ${redisUrl ? 'in Redis' : 'in process'})`);
  const platform = await startTestPlatform({ subgraphs: ['users'], redisUrl });
  try {
    await stuffing(platform);
    await signUpTiming(platform);
  } finally {
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

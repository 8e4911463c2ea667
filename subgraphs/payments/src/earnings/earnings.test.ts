import { randomUUID } from 'node:crypto';
import { Role } from '@vp/kit';
import {
  errorCodes,
  graphql,
  startTestSubgraph,
  tokenFor,
  type TestSubgraph,
} from '@vp/kit/testing';
import { payments } from '../definition';
import { EARNINGS, movableClock, settledTip, userRef } from '../ledger/ledger.testing';
import { createTipSettlement } from '../ledger/tip-settlement';

const ENTRIES = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  earningEntries(first: $first, after: $after) {
    edges { cursor node { id kind amountJpy createdAt availableAt tipId withdrawalId } }
    pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;

describe('User.earnings and User.earningEntries', () => {
  let app: TestSubgraph;
  const time = movableClock();
  const creator = randomUUID();
  const tipIds: string[] = [];

  beforeAll(async () => {
    app = await startTestSubgraph(payments, { clock: time.clock });
    for (const amount of [1000, 2000, 3000]) {
      tipIds.push((await settledTip(app.em(), creator, amount, time.clock)).id);
    }
    await createTipSettlement({ now: time.clock }).tipReversed(app.em(), tipIds[1], 'CHARGEBACK');
  });
  afterAll(() => app?.stop());

  it('shows the creator their own earnings', async () => {
    const response = await graphql(app.url, EARNINGS, userRef(creator), {
      token: await tokenFor(creator),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([
      { id: creator, earnings: { availableJpy: 0, pendingJpy: 3200, lifetimeJpy: 3200 } },
    ]);
  });

  it('gives someone who never earned zeros, and an admin anyone’s earnings in one batched query', async () => {
    const nobody = randomUUID();
    app.takeSql();
    const response = await graphql(app.url, EARNINGS, userRef(nobody, creator, "x' or 1=1"), {
      token: await tokenFor(randomUUID(), [Role.ADMIN]),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((user: any) => user.earnings)).toEqual([
      { availableJpy: 0, pendingJpy: 0, lifetimeJpy: 0 },
      { availableJpy: 0, pendingJpy: 3200, lifetimeJpy: 3200 },
      { availableJpy: 0, pendingJpy: 0, lifetimeJpy: 0 },
    ]);
    expect(app.takeSql().filter(sql => /from "payments"."ledger_entry"/.test(sql))).toHaveLength(1);
  });

  it('refuses anyone else with FORBIDDEN and a signed-out viewer with UNAUTHENTICATED, leaking nothing', async () => {
    for (const [token, code] of [
      [await tokenFor(randomUUID(), [Role.CREATOR, Role.ANALYST]), 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const response = await graphql(app.url, EARNINGS, userRef(creator), { token });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.data._entities).toEqual([{ id: creator, earnings: null }]);
      const entries = await graphql(app.url, ENTRIES, { ...userRef(creator), first: 5 }, { token });
      expect(errorCodes(entries)).toEqual([code]);
      expect(JSON.stringify(entries)).not.toContain(tipIds[0]);
    }
  });

  it('lists every change to the balance, newest first, page by page', async () => {
    const token = await tokenFor(creator);
    const page = async (after?: string) => {
      const response = await graphql(
        app.url,
        ENTRIES,
        { ...userRef(creator), first: 2, after },
        { token },
      );
      expect(response.errors).toBeUndefined();
      return response.data._entities[0].earningEntries;
    };
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    const nodes = [...first.edges, ...second.edges].map((edge: any) => edge.node);
    expect(nodes.map((node: any) => [node.kind, node.amountJpy, node.tipId])).toEqual([
      ['TIP_REVERSAL', -1600, tipIds[1]],
      ['TIP_CREDIT', 2400, tipIds[2]],
      ['TIP_CREDIT', 1600, tipIds[1]],
      ['TIP_CREDIT', 800, tipIds[0]],
    ]);
    expect(nodes.every((node: any) => node.withdrawalId === null)).toBe(true);
    expect(new Date(nodes[1].availableAt).getTime() - new Date(nodes[1].createdAt).getTime()).toBe(
      7 * 86_400_000,
    );
    expect([
      first.pageInfo.hasNextPage,
      second.pageInfo.hasNextPage,
      second.pageInfo.hasPreviousPage,
    ]).toEqual([true, false, true]);
    const forged = await graphql(
      app.url,
      ENTRIES,
      { ...userRef(creator), first: 2, after: 'W10' },
      { token },
    );
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
    const zero = await graphql(app.url, ENTRIES, { ...userRef(creator), first: 0 }, { token });
    expect(errorCodes(zero)).toEqual(['BAD_USER_INPUT']);
  });
});

import { randomUUID } from 'node:crypto';
import { Audience } from '@vp/kit';
import {
  errorCodes,
  graphql,
  startTestSubgraph,
  tokenFor,
  type TestSubgraph,
} from '@vp/kit/testing';
import { TipTargetKind } from '../content/tip-target.entity';
import { payments } from '../definition';
import { addTipTarget, recordingCheckout, SEND_TIP } from '../ledger/ledger.testing';
import { Tip, TipStatus } from './tip.entity';

describe('sendTip', () => {
  let app: TestSubgraph;
  const checkout = recordingCheckout();
  const viewer = randomUUID();
  let viewerToken: string;
  let creator: string;
  let videoId: string;

  const tipCount = () => app.em().count(Tip, {});
  const send = (input: Record<string, unknown>, token: string | null = viewerToken) =>
    graphql(app.url, SEND_TIP, { input }, { token: token ?? undefined });

  beforeAll(async () => {
    app = await startTestSubgraph(payments, { startCheckout: checkout.startCheckout });
    viewerToken = await tokenFor(viewer);
    const video = await addTipTarget(app.em());
    creator = video.ownerId;
    videoId = video.id;
  });
  afterAll(() => app?.stop());

  it('records a PENDING tip, starts a Stripe checkout for general content and returns its URL', async () => {
    checkout.calls.length = 0;
    const response = await send({
      targetId: videoId,
      amountJpy: 500,
      message: '  いつも楽しみにしています <b>!</b> ',
    });
    expect(response.errors).toBeUndefined();
    const tip = response.data.sendTip;
    expect(tip).toMatchObject({
      status: 'PENDING',
      amountJpy: 500,
      message: 'いつも楽しみにしています <b>!</b>',
      checkoutUrl: 'http://localhost:4000/checkout/sandbox/cs_test_1',
    });
    expect(checkout.calls).toEqual([
      { kind: 'tip', userId: viewer, tipId: tip.id, amountJpy: 500, adult: false },
    ]);
    const stored = await app.em().findOneOrFail(Tip, { id: tip.id });
    expect(stored).toMatchObject({
      fromUserId: viewer,
      creatorId: creator,
      targetId: videoId,
      targetKind: TipTargetKind.VIDEO,
      status: TipStatus.PENDING,
      provider: 'STRIPE',
      providerRef: 'cs_test_1',
      // Stored as the plain text it is; showing it safely is the client's job.
      message: 'いつも楽しみにしています <b>!</b>',
    });
  });

  it('asks for an adult checkout (CCBill) when the content is ADULT', async () => {
    checkout.calls.length = 0;
    const adult = await addTipTarget(app.em(), { audience: Audience.ADULT });
    const response = await send({ targetId: adult.id, amountJpy: 50_000 });
    expect(response.errors).toBeUndefined();
    expect(response.data.sendTip).toMatchObject({
      status: 'PENDING',
      message: '',
      amountJpy: 50_000,
    });
    expect(checkout.calls).toEqual([expect.objectContaining({ adult: true, amountJpy: 50_000 })]);
    expect((await app.em().findOneOrFail(Tip, { id: response.data.sendTip.id })).provider).toBe(
      'CCBILL',
    );
  });

  it('stores an empty and a whitespace-only message alike: as no message', async () => {
    for (const message of ['', ' \n\t ']) {
      const response = await send({ targetId: videoId, amountJpy: 300, message });
      expect(response.errors).toBeUndefined();
      expect(response.data.sendTip.message).toBe('');
    }
  });

  it('accepts the limits exactly: ¥100, ¥50,000 and a message of 200 characters (emoji count once)', async () => {
    const message = '🎉'.repeat(200);
    for (const amountJpy of [100, 50_000]) {
      const response = await send({ targetId: videoId, amountJpy, message });
      expect(response.errors).toBeUndefined();
      expect(response.data.sendTip.message).toBe(message);
    }
  });

  it.each([
    ['¥99', { amountJpy: 99 }, 'amountJpy'],
    ['¥50,001', { amountJpy: 50_001 }, 'amountJpy'],
    ['zero', { amountJpy: 0 }, 'amountJpy'],
    ['a negative amount', { amountJpy: -500 }, 'amountJpy'],
    ['a message of 201 characters', { amountJpy: 500, message: 'a'.repeat(201) }, 'message'],
    ['control characters in the message', { amountJpy: 500, message: 'hi\u0000there' }, 'message'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_name, input, field) => {
    const before = await tipCount();
    checkout.calls.length = 0;
    const response = await send({ targetId: videoId, ...input });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems).toEqual([
      expect.objectContaining({ field: `input.${field}` }),
    ]);
    expect(response.data?.sendTip ?? null).toBeNull();
    expect(await tipCount()).toBe(before);
    expect(checkout.calls).toEqual([]);
  });

  it.each([
    ['a fractional amount', 100.5],
    ['an amount beyond 32 bits', 2 ** 40],
    ['a string amount', '500'],
  ])('refuses %s with BAD_USER_INPUT before any resolver runs', async (_name, amountJpy) => {
    const before = await tipCount();
    const response = await send({ targetId: videoId, amountJpy });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await tipCount()).toBe(before);
  });

  it('refuses a tip to your own video with BAD_USER_INPUT and stores nothing', async () => {
    const before = await tipCount();
    checkout.calls.length = 0;
    const response = await send({ targetId: videoId, amountJpy: 500 }, await tokenFor(creator));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.problems).toEqual([
      expect.objectContaining({ field: 'input.targetId' }),
    ]);
    expect(await tipCount()).toBe(before);
    expect(checkout.calls).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown, malformed, deleted or private target', async () => {
    const deleted = await addTipTarget(app.em(), { deleted: true });
    const hidden = await addTipTarget(app.em(), { visibility: 'PRIVATE' });
    const before = await tipCount();
    for (const targetId of [randomUUID(), "x' or 1=1 --", deleted.id, hidden.id]) {
      const response = await send({ targetId, amountJpy: 500 });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    }
    expect(await tipCount()).toBe(before);
  });

  it('refuses a signed-out viewer with UNAUTHENTICATED', async () => {
    const before = await tipCount();
    const response = await send({ targetId: videoId, amountJpy: 500 }, null);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(await tipCount()).toBe(before);
  });

  it('leaves no tip behind when the checkout cannot start', async () => {
    const failing = await startTestSubgraph(payments, {
      startCheckout: async () => {
        throw new Error('provider down');
      },
    });
    try {
      const video = await addTipTarget(failing.em());
      const response = await graphql(
        failing.url,
        SEND_TIP,
        { input: { targetId: video.id, amountJpy: 500 } },
        { token: viewerToken },
      );
      expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(response)).not.toContain('provider down');
      expect(await failing.em().count(Tip, {})).toBe(0);
    } finally {
      await failing.stop();
    }
  });
});

describe('sendTip with the real (sandbox) checkout', () => {
  let app: TestSubgraph;
  beforeAll(async () => {
    app = await startTestSubgraph(payments);
  });
  afterAll(() => app?.stop());

  it('returns the sandbox checkout page for a general video', async () => {
    const video = await addTipTarget(app.em());
    const response = await graphql(
      app.url,
      SEND_TIP,
      { input: { targetId: video.id, amountJpy: 300, message: 'thanks' } },
      { token: await tokenFor(randomUUID()) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.sendTip.checkoutUrl).toMatch(/^http:\/\/localhost:4000\//);
    const stored = await app.em().findOneOrFail(Tip, { id: response.data.sendTip.id });
    expect([stored.status, stored.provider, stored.checkoutUrl]).toEqual([
      TipStatus.PENDING,
      'STRIPE',
      response.data.sendTip.checkoutUrl,
    ]);
  });
});

import { type Server } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { isUuid, type Logger, type MikroORM } from '@vp/kit';
import { type EntityManager } from '@mikro-orm/postgresql';
import { CheckoutSession } from '../../checkout/checkout-session.entity';
import { type CheckoutResult, resultOfStatus, returnLocation } from '../../checkout/return-url';
import { yen } from '../provider';
import { type PaymentsRuntime } from '../runtime';
import { PayoutAccount } from '../../payouts/payout-account.entity';
import { sandboxAccountEvent } from '../../payouts/payouts.provider';
import { deliverToWebhooks, sandboxDeliveries } from './sandbox-deliveries';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.price{font-size:2rem;font-weight:600}button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem}
.note{color:#666;font-size:.85rem}</style></head>
<body>${body}</body></html>`;
}

function describe(checkout: CheckoutSession) {
  const what =
    checkout.kind === 'SUBSCRIPTION' ? `${checkout.plan?.name ?? 'Plan'} (monthly)` : 'Tip';
  const provider = checkout.provider === 'STRIPE' ? 'Stripe' : 'CCBill';
  return { what, provider, price: yen(checkout.amountJpy) };
}

/**
 * Sends the buyer back to the checkout's return URL (the app's deep link or the web app) with a
 * 303, the page still saying the outcome with a "Back to the app" link, for browsers that do not
 * follow custom schemes. False when the checkout has no return URL: the page says it alone.
 */
function sendBack(
  res: express.Response,
  checkout: CheckoutSession,
  result: CheckoutResult,
  title: string,
  body: string,
) {
  const location = returnLocation(checkout, result);
  if (!location) {
    return false;
  }
  res
    .status(303)
    .location(location)
    .type('html')
    .send(
      page(
        title,
        `${body}<p><a id="return" href="${escapeHtml(location)}">Back to the app</a></p>`,
      ),
    );
  return true;
}

/** Where this very server listens, for posting the webhooks to it over loopback. */
export function ownBaseUrl(req: express.Request) {
  const server = (req.socket as Socket & { server?: Server }).server;
  const address = server?.address() as AddressInfo | null;
  const port = address?.port ?? req.socket.localPort;
  const host =
    !address || address.address === '0.0.0.0' || address.address === '::'
      ? '127.0.0.1'
      : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * GET/POST /checkout/:id. In sandbox mode the page is the checkout itself ("Pay" / "Decline",
 * posting `outcome` to its own URL); for live checkouts it is only where the provider returns the
 * buyer to. Fulfilment never happens here: only the webhooks the sandbox then posts grant anything.
 * Once the outcome is known, a checkout started with a returnUrl sends the buyer there (303).
 */
export function mountSandboxPage(
  app: express.Express,
  orm: MikroORM,
  runtime: PaymentsRuntime,
  log: Logger,
) {
  if (runtime.settings.mode === 'sandbox') {
    // The sandbox posts the webhooks of lifecycle calls to this server: learn where it listens.
    app.use((req, _res, next) => {
      runtime.selfUrl ??= ownBaseUrl(req);
      next();
    });
  }
  const load = async (id: string) => {
    const em = orm.em.fork() as EntityManager;
    return isUuid(id) ? em.findOne(CheckoutSession, { id }, { populate: ['plan'] }) : null;
  };

  app.get('/checkout/:id', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const checkout = await load(req.params.id);
    if (!checkout) {
      res.status(404).type('html').send(page('Checkout not found', '<h1>Checkout not found</h1>'));
      return;
    }
    const { what, provider, price } = describe(checkout);
    const open = checkout.status === 'OPEN' && checkout.expiresAt > runtime.now();
    if (checkout.mode !== 'SANDBOX' || !open) {
      // the outcome is known when the checkout finished, or when the live provider's success or
      // cancel URL brought the buyer here
      const said = req.query.result;
      const result =
        resultOfStatus(checkout.status) ??
        (checkout.mode === 'LIVE' && (said === 'success' || said === 'cancel') ? said : null);
      const state =
        checkout.status === 'COMPLETED'
          ? 'Payment received.'
          : checkout.status === 'OPEN'
            ? 'Waiting for the payment provider.'
            : `This checkout is ${checkout.status.toLowerCase()}.`;
      const body = `<h1>${escapeHtml(what)}</h1><p class="price">${price}</p><p>${state}</p>`;
      if (!result || !sendBack(res, checkout, result, what, body)) {
        res.type('html').send(page(what, body));
      }
      return;
    }
    res.type('html').send(
      page(
        `Pay ${price} — ${what}`,
        `<h1>${escapeHtml(what)}</h1>
<p class="price">${price}</p>
<form method="post">
  <button type="submit" name="outcome" value="success">Pay</button>
  <button type="submit" name="outcome" value="decline">Decline</button>
</form>
<p class="note">Sandbox checkout: no money moves. It plays ${provider} and sends ${provider}'s webhooks.</p>`,
      ),
    );
  });

  // Where payout onboarding (Stripe's, or the sandbox's) sends the creator back to.
  app.get('/payouts/return', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res
      .type('html')
      .send(
        page('Payout details received', `<h1>Payout details received</h1>${GO_BACK_TO_THE_STUDIO}`),
      );
  });

  app.post(
    '/checkout/:id',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      res.setHeader('cache-control', 'no-store');
      const outcome = (req.body as Record<string, unknown> | undefined)?.outcome;
      if (outcome !== 'success' && outcome !== 'decline') {
        res.status(400).type('html').send(page('Bad request', '<h1>Choose Pay or Decline.</h1>'));
        return;
      }
      const checkout = await load(req.params.id);
      if (!checkout || checkout.mode !== 'SANDBOX') {
        res
          .status(404)
          .type('html')
          .send(page('Checkout not found', '<h1>Checkout not found</h1>'));
        return;
      }
      if (checkout.status !== 'OPEN' || checkout.expiresAt <= runtime.now()) {
        res
          .status(409)
          .type('html')
          .send(
            page('Checkout closed', `<h1>This checkout is ${checkout.status.toLowerCase()}.</h1>`),
          );
        return;
      }
      const em = orm.em.fork() as EntityManager;
      const deliveries = await sandboxDeliveries(em, checkout, outcome, runtime.now());
      const statuses = await deliverToWebhooks(ownBaseUrl(req), runtime.settings, deliveries);
      if (statuses.some(status => status >= 300)) {
        log.error({ checkoutId: checkout.id, statuses }, 'sandbox webhooks were not accepted');
        res
          .status(502)
          .type('html')
          .send(page('Payment failed', '<h1>The payment could not be confirmed.</h1>'));
        return;
      }
      const { what, price } = describe(checkout);
      const result: CheckoutResult = outcome === 'success' ? 'success' : 'cancel';
      const said =
        outcome === 'success' ? 'Payment received.' : 'Payment declined. Nothing was charged.';
      const heading = `<h1>${escapeHtml(what)}</h1><p class="price">${price}</p>`;
      if (sendBack(res, checkout, result, what, `${heading}<p>${said}</p>`)) {
        return;
      }
      const message = outcome === 'success' ? 'Payment received. You can close this page.' : said;
      res.type('html').send(page(what, `${heading}<p>${message}</p>`));
    },
  );
}

const GO_BACK_TO_THE_STUDIO = `<p>You can close this tab and go back to the studio: its earnings page
shows your payout account's status (it may take a moment to become Active).</p>`;

/**
 * GET/POST /payouts/onboarding/:accountId, sandbox mode only: the provider's onboarding, played
 * locally. "Finish" sends Stripe's `account.updated` (payouts enabled) for the account, signed,
 * to the webhook route; "Restrict" sends one with payouts disabled. No bank details are asked.
 */
export function mountSandboxPayoutPage(
  app: express.Express,
  orm: MikroORM,
  runtime: PaymentsRuntime,
  log: Logger,
) {
  if (runtime.settings.mode !== 'sandbox') {
    return;
  }
  const load = (accountId: string) =>
    /^acct_test_[0-9a-f]{24}$/.test(accountId)
      ? (orm.em.fork() as EntityManager).findOne(PayoutAccount, { providerAccountId: accountId })
      : Promise.resolve(null);
  app.get('/payouts/onboarding/:accountId', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const account = await load(req.params.accountId);
    if (!account) {
      res.status(404).type('html').send(page('Not found', '<h1>Payout account not found</h1>'));
      return;
    }
    res.type('html').send(
      page(
        'Payout account',
        `<h1>Payout account</h1><p>Status: ${escapeHtml(account.status)}</p>
<form method="post">
  <button type="submit" name="outcome" value="active">Finish onboarding</button>
  <button type="submit" name="outcome" value="restricted">Restrict</button>
</form>
<p class="note">Sandbox onboarding: no bank details. It plays Stripe Connect and sends its account.updated webhook.</p>`,
      ),
    );
  });
  app.post(
    '/payouts/onboarding/:accountId',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      res.setHeader('cache-control', 'no-store');
      const outcome = (req.body as Record<string, unknown> | undefined)?.outcome;
      const account = await load(req.params.accountId);
      if (!account || (outcome !== 'active' && outcome !== 'restricted')) {
        res.status(400).type('html').send(page('Bad request', '<h1>Bad request</h1>'));
        return;
      }
      const event = sandboxAccountEvent(
        account.providerAccountId,
        account.userId,
        {
          payoutsEnabled: outcome === 'active',
          detailsSubmitted: true,
          disabledReason: outcome === 'active' ? null : 'requirements.past_due',
        },
        runtime.now(),
      );
      const [status] = await deliverToWebhooks(ownBaseUrl(req), runtime.settings, [
        { provider: 'STRIPE', event },
      ]);
      if (status >= 300) {
        log.error({ status }, 'sandbox account.updated was not accepted');
        res.status(502).type('html').send(page('Failed', '<h1>Onboarding failed.</h1>'));
        return;
      }
      res
        .type('html')
        .send(
          page(
            'Payout account',
            `<h1>Payout account ${escapeHtml(outcome)}.</h1>${GO_BACK_TO_THE_STUDIO}`,
          ),
        );
    },
  );
}

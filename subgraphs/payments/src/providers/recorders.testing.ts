import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The query string and the form body (Stripe's POST and DELETE, CCBill's GET API). */
  params: URLSearchParams;
}

type Answer = { status?: number; body: unknown };

/**
 * A local HTTP server standing in for a provider's API: it records every request and answers
 * with `answer` (replaceable by a test, to make the provider refuse or fail).
 */
export async function startRecorder(answer: (request: RecordedRequest) => Answer) {
  const requests: RecordedRequest[] = [];
  const state = { answer };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://recorder');
      const request = {
        method: req.method!,
        path: url.pathname,
        headers: req.headers,
        params: new URLSearchParams([...url.searchParams, ...new URLSearchParams(body)]),
      };
      requests.push(request);
      const { status = 200, body: reply } = state.answer(request);
      res.statusCode = status;
      if (typeof reply === 'string') {
        res.setHeader('content-type', 'text/plain');
        res.end(reply);
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(reply));
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    port,
    url: `http://127.0.0.1:${port}`,
    /** Answer differently from now on (until set back). */
    answerWith(next: (request: RecordedRequest) => Answer) {
      state.answer = next;
    },
    reset() {
      state.answer = answer;
      requests.splice(0);
    },
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

export type Recorder = Awaited<ReturnType<typeof startRecorder>>;

const PERIOD_END = () => Math.floor(Date.now() / 1000) + 20 * 24 * 3600;

/** Stripe's answers for the calls the lifecycle makes, in its shapes. */
export function stripeAnswer(request: RecordedRequest): Answer {
  const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(request.path);
  if (subscriptionPath) {
    const metadata: Record<string, string> = {};
    for (const [key, value] of request.params) {
      const match = /^metadata\[(.+)\]$/.exec(key);
      if (match) {
        metadata[match[1]] = value;
      }
    }
    return {
      body: {
        id: subscriptionPath[1],
        object: 'subscription',
        status: request.method === 'DELETE' ? 'canceled' : 'active',
        cancel_at_period_end: request.params.get('cancel_at_period_end') === 'true',
        metadata,
        items: {
          object: 'list',
          data: [
            {
              id: 'si_recorded',
              object: 'subscription_item',
              current_period_start: PERIOD_END() - 30 * 24 * 3600,
              current_period_end: PERIOD_END(),
              price: { id: 'price_recorded', object: 'price', product: 'prod_recorded' },
            },
          ],
        },
      },
    };
  }
  if (request.path === '/v1/products') {
    return { body: { id: request.params.get('id'), object: 'product' } };
  }
  if (request.path === '/v1/subscription_schedules') {
    return {
      body: {
        id: 'sub_sched_recorded',
        object: 'subscription_schedule',
        phases: [{ start_date: PERIOD_END() - 30 * 24 * 3600, end_date: PERIOD_END() }],
      },
    };
  }
  if (request.path.startsWith('/v1/subscription_schedules/')) {
    return { body: { id: 'sub_sched_recorded', object: 'subscription_schedule', phases: [] } };
  }
  if (request.path === '/v1/accounts') {
    return { body: { id: 'acct_recorded', object: 'account' } };
  }
  if (request.path === '/v1/account_links') {
    return {
      body: { object: 'account_link', url: 'https://connect.stripe.com/setup/e/acct_recorded/x' },
    };
  }
  if (request.path === '/v1/transfers') {
    return { body: { id: 'tr_recorded', object: 'transfer' } };
  }
  if (request.path === '/v1/payouts') {
    return { body: { id: 'po_recorded', object: 'payout' } };
  }
  if (/^\/v1\/transfers\/[^/]+\/reversals$/.test(request.path)) {
    return { body: { id: 'trr_recorded', object: 'transfer_reversal' } };
  }
  return { status: 404, body: { error: { type: 'invalid_request_error', code: 'not_recorded' } } };
}

/** Stripe refusing a request (a 400, which its SDK does not retry). */
export const stripeRefusal = (): Answer => ({
  status: 400,
  body: {
    error: {
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: 'No such subscription',
    },
  },
});

import { randomBytes } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  type BaseContext,
  checkPageSize,
  decodeTimeCursor,
  pastKey,
  encodeTimeCursor,
  enqueueJob,
  forbidden,
  type JobRun,
  type Logger,
  type Messaging,
  notFound,
  toConnection,
} from '@vp/kit';
import { isUuid, requireAccount } from '../accounts/account-access';
import { User } from '../accounts/user.entity';
import { auditByViewer, AuditAction } from '../audit/audit';
import { type Mailer } from '../mail';
import {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEvent,
} from './webhook.entity';
import { sendSigned } from './webhook-sender';
import { RefusedTarget, resolveTarget, urlProblem } from './webhook-target';

export const WEBHOOK_QUEUE = 'users.webhook-delivery';
export const MAX_ENDPOINTS = 10;

export interface WebhookSettings {
  /**
   * Deliveries to http and to loopback or private addresses (the embedded default, so a developer
   * can point an endpoint at their laptop). Off in production: https and public addresses only.
   */
  allowLocal: boolean;
  /** The first retry's delay; each next one doubles (pg-boss backoff, with jitter). */
  retryDelaySeconds: number;
  /** How long a delivery is retried before it fails and its endpoint is disabled. */
  retryWindowMs: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** Job workers per process; each sends up to 25 deliveries at once. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowLocal: true,
  retryDelaySeconds: 5,
  retryWindowMs: 3 * 24 * 60 * 60 * 1000,
  timeoutMs: 10_000,
  concurrency: 2,
};

/** What a webhook's `type` is called on the wire (Standard Webhooks style: `video.published`). */
const TYPE: Record<WebhookEvent, string> = {
  VIDEO_PUBLISHED: 'video.published',
  VIDEO_DELETED: 'video.deleted',
  LIVE_STARTED: 'live.started',
  LIVE_ENDED: 'live.ended',
  TIP_RECEIVED: 'tip.received',
  TEST: 'test',
};

function requireSessionOrScope(ctx: BaseContext) {
  // the gateway refuses keys without WEBHOOKS before this runs; a direct call is checked again
  if (ctx.viewer?.apiKeyId && !ctx.viewer.scopes?.includes('WEBHOOKS')) {
    throw forbidden('This API key lacks the WEBHOOKS scope.');
  }
}

export async function createWebhookEndpoint(
  ctx: BaseContext,
  settings: WebhookSettings,
  input: { url: string; events: WebhookEvent[] },
) {
  requireSessionOrScope(ctx);
  const { user } = await requireAccount(ctx);
  const events = [...new Set(input.events)];
  const problems = [];
  const problem = urlProblem(input.url, settings.allowLocal);
  if (problem) {
    problems.push({ field: 'input.url', message: problem });
  }
  if (events.length === 0) {
    problems.push({ field: 'input.events', message: 'Choose at least one event.' });
  }
  if (events.includes(WebhookEvent.TEST)) {
    problems.push({
      field: 'input.events',
      message: 'TEST deliveries come from sendTestWebhook only.',
    });
  }
  if (problems.length) {
    throw badInput('The endpoint cannot be made as asked.', problems);
  }
  if ((await ctx.em.count(WebhookEndpoint, { owner: user })) >= MAX_ENDPOINTS) {
    throw badInput(`At most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`, [
      { field: 'input', message: `At most ${MAX_ENDPOINTS} endpoints.` },
    ]);
  }
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const endpoint = ctx.em.create(WebhookEndpoint, { owner: user, url: input.url, events, secret });
  ctx.em.persist(endpoint);
  auditByViewer(ctx, {
    action: AuditAction.WEBHOOK_ENDPOINT_CREATED,
    targetType: 'WEBHOOK_ENDPOINT',
    targetId: endpoint.id,
    detail: { url: input.url, events: events.join(',') },
  });
  await ctx.em.flush();
  return { secret, endpoint };
}

async function ownEndpoint(ctx: BaseContext, id: string) {
  requireSessionOrScope(ctx);
  const { user } = await requireAccount(ctx);
  const endpoint = isUuid(id) ? await ctx.em.findOne(WebhookEndpoint, { id, owner: user }) : null;
  if (!endpoint) {
    throw notFound('The webhook endpoint');
  }
  return endpoint;
}

export async function deleteWebhookEndpoint(ctx: BaseContext, id: string) {
  const endpoint = await ownEndpoint(ctx, id);
  ctx.em.remove(endpoint);
  auditByViewer(ctx, {
    action: AuditAction.WEBHOOK_ENDPOINT_DELETED,
    targetType: 'WEBHOOK_ENDPOINT',
    targetId: endpoint.id,
    detail: { url: endpoint.url },
  });
  await ctx.em.flush();
  return true;
}

export async function sendTestWebhook(ctx: BaseContext, id: string) {
  const endpoint = await ownEndpoint(ctx, id);
  const now = new Date();
  await ctx.em.transactional(async em => {
    const delivery = em.create(WebhookDelivery, {
      endpoint,
      event: WebhookEvent.TEST,
      dedupeKey: `TEST:${now.toISOString()}:${randomBytes(4).toString('hex')}`,
      payload: {
        type: TYPE.TEST,
        timestamp: now.toISOString(),
        data: { message: 'A test delivery.' },
      },
    });
    em.persist(delivery);
    enqueueJob(em, WEBHOOK_QUEUE, { deliveryId: delivery.id });
  });
  return true;
}

export async function webhookEndpointsOf(ctx: BaseContext, owner: User) {
  requireSessionOrScope(ctx);
  const { user } = await requireAccount(ctx);
  if (user.id !== owner.id) {
    throw forbidden('Only the account itself may list its webhook endpoints.');
  }
  return ctx.em.find(
    WebhookEndpoint,
    { owner: owner.id },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** The delivery log of an endpoint, newest first (keyset on createdAt, id). */
export async function deliveriesOf(
  ctx: BaseContext,
  endpoint: WebhookEndpoint,
  first: number,
  after?: string | null,
) {
  checkPageSize(first);
  const cursor = after ? decodeTimeCursor(after, ['deliveries']) : null;
  const rows = await ctx.em.find(
    WebhookDelivery,
    {
      endpoint: endpoint.id,
      ...pastKey(cursor),
    },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 },
  );
  const connection = toConnection(rows, first, () => []);
  connection.edges.forEach(edge => {
    edge.cursor = encodeTimeCursor({
      label: 'deliveries',
      at: edge.node.createdAt,
      id: edge.node.id,
    });
  });
  connection.pageInfo.startCursor = connection.edges[0]?.cursor ?? null;
  connection.pageInfo.endCursor = connection.edges.at(-1)?.cursor ?? null;
  return connection;
}

/**
 * In the transaction of the event's consumer: one delivery per enabled endpoint of the owner that
 * listens to the event, and its job (through the outbox, so nothing is lost between the two). The
 * same event key never makes two deliveries to one endpoint.
 */
export async function queueWebhooks(
  em: EntityManager,
  ownerId: string,
  event: WebhookEvent,
  key: string,
  occurredAt: string,
  data: Record<string, unknown>,
) {
  const endpoints = await em.find(WebhookEndpoint, {
    owner: ownerId,
    enabled: true,
    events: { $contains: [event] },
  });
  for (const endpoint of endpoints) {
    const inserted: { id: string }[] = await em.getConnection().execute(
      `insert into users.webhook_delivery (id, endpoint_id, event, dedupe_key, payload, status, attempts, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?::jsonb, 'PENDING', 0, now())
       on conflict (endpoint_id, dedupe_key) do nothing returning id`,
      [
        endpoint.id,
        event,
        `${event}:${key}`,
        JSON.stringify({ type: TYPE[event], timestamp: occurredAt, data }),
      ],
      'all',
      em.getTransactionContext(),
    );
    for (const { id } of inserted) {
      enqueueJob(em, WEBHOOK_QUEUE, { deliveryId: id });
    }
  }
}

export interface DeliveryDeps {
  settings: WebhookSettings;
  mailer: Mailer;
  publicWebUrl: string;
  log: Logger;
}

/**
 * One try of one delivery (the job of WEBHOOK_QUEUE). Delivered on a 2xx answer. Otherwise the job
 * throws so pg-boss tries again later (exponential backoff), until the retry window has passed
 * since the delivery was made: then it is FAILED, the endpoint disabled and its owner emailed.
 */
export async function attemptDelivery(
  em: EntityManager,
  deps: DeliveryDeps,
  deliveryId: string,
  job?: Pick<JobRun, 'retryCount' | 'retryLimit'>,
) {
  const delivery = await em.findOne(
    WebhookDelivery,
    { id: deliveryId },
    { populate: ['endpoint', 'endpoint.owner'] },
  );
  if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) {
    return;
  }
  const { endpoint } = delivery;
  if (!endpoint.enabled) {
    delivery.status = WebhookDeliveryStatus.SKIPPED;
    await em.flush();
    return;
  }
  delivery.attempts += 1;
  let result: { status: number | null; error?: string };
  try {
    const target = await resolveTarget(endpoint.url, deps.settings.allowLocal);
    result = await sendSigned(
      target,
      endpoint.secret,
      { id: `msg_${delivery.id}`, body: JSON.stringify(delivery.payload) },
      deps.settings.timeoutMs,
    );
  } catch (error) {
    if (!(error instanceof RefusedTarget)) {
      throw error;
    }
    result = { status: null, error: error.message };
  }
  delivery.responseStatus = result.status;
  if (result.status !== null && result.status >= 200 && result.status < 300) {
    delivery.status = WebhookDeliveryStatus.DELIVERED;
    delivery.deliveredAt = new Date();
    delivery.lastError = null;
    await em.flush();
    return;
  }
  delivery.lastError = result.error ?? `HTTP ${result.status}`;
  const windowOver = Date.now() - delivery.createdAt.getTime() >= deps.settings.retryWindowMs;
  const lastTry = !!job && job.retryCount >= job.retryLimit;
  if (!windowOver && !lastTry) {
    await em.flush();
    throw new Error(`webhook delivery ${delivery.id} failed (${delivery.lastError}); retrying`);
  }
  delivery.status = WebhookDeliveryStatus.FAILED;
  endpoint.enabled = false;
  endpoint.disabledReason =
    `Deliveries failed for ${Math.round(deps.settings.retryWindowMs / 3_600_000)} hours (last: ${delivery.lastError}).`.slice(
      0,
      500,
    );
  await em.flush();
  deps.log.warn({ endpointId: endpoint.id, deliveryId: delivery.id }, 'webhook endpoint disabled');
  const owner = endpoint.owner as User;
  await deps.mailer
    .send({
      to: owner.email,
      subject: 'Your webhook endpoint was disabled',
      text:
        `Deliveries to your webhook endpoint ${endpoint.url} kept failing, so it has been disabled ` +
        `and will receive nothing more.\n\nLast error: ${delivery.lastError}\n\n` +
        `See its delivery log and make a new endpoint once the receiver works: ${deps.publicWebUrl}/account\n`,
    })
    .catch(error =>
      deps.log.error(
        { err: error, endpointId: endpoint.id },
        'could not email the owner of a disabled webhook endpoint',
      ),
    );
}

export async function defineWebhookDeliveries(messaging: Messaging, deps: DeliveryDeps) {
  await messaging.defineJob<{ deliveryId: string }>(
    WEBHOOK_QUEUE,
    async (data, job) => attemptDelivery(messaging.em(), deps, data.deliveryId, job),
    {
      // far more tries than the window needs: the window (3 days) decides when to give up
      retryLimit: 30,
      retryDelay: deps.settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: Math.ceil(deps.settings.timeoutMs / 1000) + 60,
    },
    deps.settings.concurrency,
    // 0.5 s between fetches per worker: take many deliveries at once, each retried on its own
    { batchSize: 25 },
  );
}

import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { clientAddress, type Logger, type MikroORM, type TrustProxy } from '@vp/kit';
import { type PaymentsSettings } from '../providers/settings';
import { stripeClient } from '../providers/stripe.provider';
import { ccbillEventInput, type CcbillFields } from './ccbill.handlers';
import {
  type HandlerDeps,
  intakeProviderEvent,
  type ProviderEventInput,
  type StoredEventParser,
} from './intake';
import { isAllowedIp } from './ip-allow-list';
import { stripeEventInput } from './stripe.handlers';

export interface WebhookRouteDeps {
  orm: MikroORM;
  settings: PaymentsSettings;
  /**
   * TRUST_PROXY: the gateway (and any proxy before it) whose X-Forwarded-For is believed, so the
   * CCBill allow-list sees CCBill's address and never one a caller wrote in the header.
   */
  trustProxy: TrustProxy;
  handlerDeps: HandlerDeps;
  log: Logger;
}

/** Webhook bodies are small; anything bigger is not from a provider. */
const rawBody = express.raw({ type: () => true, limit: '256kb' });

/** Equal-time comparison of secrets of any length (hashing first equalises the lengths). */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given) {
    return false;
  }
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** CCBill posts form-encoded or JSON, depending on the webhook's configured format. */
export function parseCcbillBody(text: string): CcbillFields | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return null;
      }
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>)
          .filter(([, value]) => value !== null && typeof value !== 'object')
          .map(([key, value]) => [key, String(value)]),
      );
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(trimmed));
}

export const storedEventParser: StoredEventParser = stored => {
  if (stored.provider === 'STRIPE') {
    return stripeEventInput(JSON.parse(stored.rawBody), stored.rawBody);
  }
  return ccbillEventInput(stored.eventType, parseCcbillBody(stored.rawBody) ?? {}, stored.rawBody)!;
};

/**
 * POST /webhooks/stripe and /webhooks/ccbill: authenticity first (nothing is read or written for
 * a delivery that fails it: 400), then the event is stored and applied exactly once (200, also for
 * a duplicate). A failure while applying answers 500 so the provider delivers it again.
 */
export function mountWebhookRoutes(app: express.Express, deps: WebhookRouteDeps) {
  const { settings, log } = deps;
  const stripe = stripeClient(settings.stripe);

  const intake = async (res: express.Response, input: ProviderEventInput) => {
    try {
      const result = await intakeProviderEvent(
        deps.orm,
        deps.handlerDeps,
        input,
        storedEventParser,
        log,
      );
      res.status(200).json({ received: true, duplicate: result === 'duplicate' });
    } catch (err) {
      log.error(
        { err, provider: input.provider, key: input.key },
        'provider event failed; the provider will retry',
      );
      res.status(500).json({ received: false });
    }
  };

  app.post('/webhooks/stripe', rawBody, async (req, res) => {
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body)) {
      res.status(400).json({ error: 'empty body' });
      return;
    }
    let event;
    try {
      // The raw bytes, the signature header and the 300 s tolerance (the SDK's default); events
      // of connected accounts may come through their own endpoint, signed with its secret.
      const secrets = [settings.stripe.webhookSecret, settings.stripe.connectWebhookSecret];
      for (const secret of secrets.filter((value): value is string => !!value)) {
        try {
          event = stripe.webhooks.constructEvent(
            body,
            req.headers['stripe-signature'] ?? '',
            secret,
          );
          break;
        } catch (error) {
          if (secret === secrets.filter(Boolean).at(-1)) {
            throw error;
          }
        }
      }
      if (!event) {
        throw new Error('no secret');
      }
    } catch {
      log.warn({ ip: req.socket.remoteAddress }, 'stripe webhook refused: bad signature');
      res.status(400).json({ error: 'invalid signature' });
      return;
    }
    await intake(res, stripeEventInput(event, body.toString('utf8')));
  });

  app.post('/webhooks/ccbill', rawBody, async (req, res) => {
    const ip = clientAddress(req, deps.trustProxy);
    const refuse = (why: string) => {
      log.warn({ ip, why }, 'ccbill webhook refused');
      res.status(400).json({ error: 'refused' });
    };
    if (!sameSecret(req.query.token, settings.ccbill.webhookToken)) {
      return refuse('bad token');
    }
    if (!isAllowedIp(settings.ccbill.allowedIps, ip)) {
      return refuse('source address not allowed');
    }
    const eventType = req.query.eventType;
    if (typeof eventType !== 'string' || !/^[A-Za-z]{1,50}$/.test(eventType)) {
      return refuse('no eventType');
    }
    const body = req.body as unknown;
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
    const fields = parseCcbillBody(text);
    if (!fields) {
      return refuse('unreadable body');
    }
    if (fields.clientAccnum && fields.clientAccnum !== settings.ccbill.account) {
      return refuse('another merchant account');
    }
    const input = ccbillEventInput(eventType, fields, text);
    if (!input) {
      return refuse('no transactionId or subscriptionId');
    }
    await intake(res, input);
  });
}

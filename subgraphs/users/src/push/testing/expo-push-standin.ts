import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EXPO_RECEIPTS_PATH, EXPO_SEND_PATH } from '../expo-push-sender';

/** One message as Expo's push API takes it (the fields this platform sends). */
export interface ExpoPushWireMessage {
  to: string;
  title?: string;
  body?: string;
  data?: Record<string, unknown>;
  sound?: string;
}

/** A request the stand-in accepted, its body decompressed and parsed. */
export interface ExpoPushStandInRequest {
  headers: IncomingHttpHeaders;
  messages: ExpoPushWireMessage[];
}

const EXPO_TOKEN = /^(?:ExponentPushToken|ExpoPushToken)\[[^\]]+\]$/;
/** Expo's documented limits per request. */
const MAX_MESSAGES = 100;
const MAX_RECEIPT_IDS = 1000;

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  return (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

/**
 * A local stand-in for Expo's push service (`POST /--/api/v2/push/send`), for tests: it speaks the
 * documented wire format (a JSON array of at most 100 messages, gzipped bodies accepted, answers
 * gzipped when asked), checks the bearer token when given one, and answers one push ticket per
 * message, in order: `DeviceNotRegistered` for the tokens `unregister`ed, `ok` with an id for the
 * rest. `POST /--/api/v2/push/getReceipts` answers the receipts of those ids: `DeviceNotRegistered`
 * where the token was `unregister`ed after its message was accepted (the app uninstalled before
 * Apple or Google delivered it), `ok` for the others, nothing for ids it never issued. A malformed request is refused as Expo does (400, `errors: [{ code, message }]`);
 * `failNext` makes the next requests answer an error status (an outage). Listens on a free port of
 * 127.0.0.1; `url` is the origin to pass as EXPO_PUSH_URL.
 */
export async function serveExpoPushStandIn(options: { accessToken?: string } = {}) {
  const requests: ExpoPushStandInRequest[] = [];
  const unregistered = new Set<string>();
  /** The token of each ticket issued. */
  const tickets = new Map<string, string>();
  let receiptRequests = 0;
  let failures: number[] = [];

  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      const json = JSON.stringify(body);
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(gzip ? gzipSync(json) : json);
    };
    const refuse = (status: number, code: string, message: string) =>
      answer(status, { errors: [{ code, message }] });
    try {
      const text = await bodyOf(request);
      const known = request.url === EXPO_SEND_PATH || request.url === EXPO_RECEIPTS_PATH;
      if (request.method !== 'POST' || !known) {
        return refuse(404, 'NOT_FOUND', `${request.method} ${request.url} is not served here`);
      }
      const failure = failures.shift();
      if (failure) {
        return refuse(failure, 'INTERNAL_SERVER_ERROR', 'An unknown error occurred.');
      }
      if (
        options.accessToken &&
        request.headers.authorization !== `Bearer ${options.accessToken}`
      ) {
        return refuse(401, 'UNAUTHORIZED', 'The bearer token is invalid.');
      }
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        return refuse(400, 'VALIDATION_ERROR', 'The body must be JSON (content-type).');
      }
      if (request.url === EXPO_RECEIPTS_PATH) {
        const { ids } = JSON.parse(text) as { ids?: unknown };
        if (!Array.isArray(ids) || ids.some(id => typeof id !== 'string')) {
          return refuse(400, 'VALIDATION_ERROR', '"ids" must be an array of ticket ids.');
        }
        if (ids.length > MAX_RECEIPT_IDS) {
          return refuse(413, 'PUSH_TOO_MANY_RECEIPTS', `More than ${MAX_RECEIPT_IDS} ids.`);
        }
        receiptRequests += 1;
        const receipts: Record<string, unknown> = {};
        for (const id of ids as string[]) {
          const to = tickets.get(id);
          if (to !== undefined) {
            receipts[id] = unregistered.has(to)
              ? {
                  status: 'error',
                  message: `"${to}" is not a registered push notification recipient`,
                  details: { error: 'DeviceNotRegistered' },
                }
              : { status: 'ok' };
          }
        }
        return answer(200, { data: receipts });
      }
      const messages = JSON.parse(text) as ExpoPushWireMessage[];
      if (!Array.isArray(messages) || messages.length === 0) {
        return refuse(400, 'VALIDATION_ERROR', 'The body must be an array of messages.');
      }
      if (messages.length > MAX_MESSAGES) {
        return refuse(
          413,
          'PUSH_TOO_MANY_NOTIFICATIONS',
          `You are trying to send more than ${MAX_MESSAGES} push notifications in one request.`,
        );
      }
      const malformed = messages.find(
        message => typeof message?.to !== 'string' || !EXPO_TOKEN.test(message.to),
      );
      if (malformed) {
        return refuse(400, 'VALIDATION_ERROR', `"to" is not an Expo push token: ${malformed?.to}`);
      }
      requests.push({ headers: request.headers, messages });
      answer(200, {
        data: messages.map(message => {
          if (unregistered.has(message.to)) {
            return {
              status: 'error',
              message: `"${message.to}" is not a registered push notification recipient`,
              details: { error: 'DeviceNotRegistered', expoPushToken: message.to },
            };
          }
          const id = randomUUID();
          tickets.set(id, message.to);
          return { status: 'ok', id };
        }),
      });
    } catch (error) {
      refuse(400, 'VALIDATION_ERROR', (error as Error).message);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Accepted requests, oldest first. */
    requests,
    /** Every message accepted, in order. */
    messages: () => requests.flatMap(request => request.messages),
    /** How many receipt requests were answered. */
    receiptRequests: () => receiptRequests,
    /**
     * From now on this token's tickets say DeviceNotRegistered (the app was uninstalled), and so
     * do the receipts of its messages accepted before.
     */
    unregister: (token: string) => unregistered.add(token),
    /** The next requests answer these statuses (500, 429…), one each, before any check. */
    failNext: (...statuses: number[]) => {
      failures = [...failures, ...statuses];
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

export type ExpoPushStandIn = Awaited<ReturnType<typeof serveExpoPushStandIn>>;

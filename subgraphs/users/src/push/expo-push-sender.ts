import { gzipSync } from 'node:zlib';
import {
  PUSH_BATCH_SIZE,
  type PushMessage,
  type PushOutcome,
  type PushReceipt,
  type PushSender,
  RECEIPT_BATCH_SIZE,
} from './push-sender';

export interface ExpoPushSettings {
  /** The service's origin: `https://exp.host` (EXPO_PUSH_URL), or a stand-in's in tests. */
  url: string;
  /** An Expo access token, when the project requires one for sending (EXPO_ACCESS_TOKEN). */
  accessToken?: string;
  /** How long one request may take before the job gives up on it (and retries later). */
  timeoutMs?: number;
}

/** The path of Expo's send endpoint under its origin. */
export const EXPO_SEND_PATH = '/--/api/v2/push/send';

/** The path of Expo's receipts endpoint under its origin. */
export const EXPO_RECEIPTS_PATH = '/--/api/v2/push/getReceipts';

/**
 * The longest ticket id kept for its receipt (the column `push_ticket.id`; Expo's are 36-character
 * UUIDs). A longer one would fail the insert and roll the whole send back, to be pushed again at
 * every retry: it is dropped instead, and the push counts as sent without a receipt.
 */
export const TICKET_ID_MAX_LENGTH = 100;

/** Bodies longer than this are gzipped, as Expo's own server SDK does. */
const GZIP_ABOVE_BYTES = 1024;

/** A push ticket: one per message, in the order sent. */
interface ExpoTicket {
  status: 'ok' | 'error';
  id?: string;
  message?: string;
  details?: { error?: string; expoPushToken?: string };
}

/** A push receipt: Apple's or Google's answer to the delivery, by ticket id. */
interface ExpoReceipt {
  status: 'ok' | 'error';
  message?: string;
  details?: { error?: string };
}

interface ExpoResponse<T> {
  data?: T;
  errors?: { code?: string; message?: string }[];
}

/**
 * Sends through Expo's push service (which forwards to APNs and FCM): up to 100 messages per POST,
 * JSON, gzipped above 1 KiB, with the access token as a bearer when there is one. Reads the push
 * tickets: `DeviceNotRegistered` names a token to drop. The receipts (a second round trip, some
 * minutes later, with what APNs and FCM said about each delivery) are read 1,000 ids at a time.
 */
export class ExpoPushSender implements PushSender {
  private readonly origin: string;

  constructor(private readonly settings: ExpoPushSettings) {
    this.origin = settings.url.replace(/\/+$/, '');
  }

  async send(messages: PushMessage[]): Promise<PushOutcome> {
    const outcome: PushOutcome = { tickets: [], unregistered: [], refused: [] };
    for (let start = 0; start < messages.length; start += PUSH_BATCH_SIZE) {
      const batch = messages.slice(start, start + PUSH_BATCH_SIZE);
      const tickets = await this.send100(batch);
      tickets.forEach((ticket, index) => {
        if (ticket.status !== 'error') {
          if (
            typeof ticket.id === 'string' &&
            ticket.id.length > 0 &&
            ticket.id.length <= TICKET_ID_MAX_LENGTH
          ) {
            outcome.tickets.push({ id: ticket.id, to: batch[index].to });
          }
          return;
        }
        const to = ticket.details?.expoPushToken ?? batch[index].to;
        if (ticket.details?.error === 'DeviceNotRegistered') {
          outcome.unregistered.push(to);
        } else {
          outcome.refused.push({ to, error: ticket.details?.error ?? ticket.message ?? 'unknown' });
        }
      });
    }
    return outcome;
  }

  async receipts(ticketIds: string[]): Promise<Record<string, PushReceipt>> {
    const receipts: Record<string, PushReceipt> = {};
    for (let start = 0; start < ticketIds.length; start += RECEIPT_BATCH_SIZE) {
      const ids = ticketIds.slice(start, start + RECEIPT_BATCH_SIZE);
      const answer = await this.post<Record<string, ExpoReceipt>>(EXPO_RECEIPTS_PATH, { ids });
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
        throw new Error('Expo push service answered receipts that are not an object');
      }
      for (const id of ids) {
        const receipt = answer[id];
        if (receipt) {
          receipts[id] =
            receipt.status === 'ok'
              ? { ok: true }
              : { ok: false, error: receipt.details?.error ?? receipt.message ?? 'unknown' };
        }
      }
    }
    return receipts;
  }

  private async send100(batch: PushMessage[]): Promise<ExpoTicket[]> {
    const tickets = await this.post<ExpoTicket[]>(
      EXPO_SEND_PATH,
      batch.map(message => ({
        to: message.to,
        title: message.title,
        body: message.body,
        data: message.data,
        sound: 'default',
      })),
    );
    if (!Array.isArray(tickets) || tickets.length !== batch.length) {
      throw new Error(
        `Expo push service answered ${Array.isArray(tickets) ? tickets.length : 'no'} tickets for ${batch.length} messages`,
      );
    }
    return tickets;
  }

  /** POSTs JSON to one of Expo's endpoints; its `data`, or throws with what went wrong. */
  private async post<T>(path: string, body: unknown): Promise<T> {
    const json = JSON.stringify(body);
    const compress = Buffer.byteLength(json) > GZIP_ABOVE_BYTES;
    const response = await fetch(`${this.origin}${path}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'accept-encoding': 'gzip, deflate',
        'content-type': 'application/json',
        ...(compress ? { 'content-encoding': 'gzip' } : {}),
        ...(this.settings.accessToken
          ? { authorization: `Bearer ${this.settings.accessToken}` }
          : {}),
      },
      body: compress ? gzipSync(json) : json,
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let answer: ExpoResponse<T> | null = null;
    try {
      answer = JSON.parse(text) as ExpoResponse<T>;
    } catch {
      // not JSON (a proxy's error page): reported below with the status
    }
    if (!response.ok || answer?.data === undefined) {
      const error = answer?.errors?.[0];
      throw new Error(
        `Expo push service answered ${response.status}` +
          (error ? `: ${error.code ?? ''} ${error.message ?? ''}`.trimEnd() : ''),
      );
    }
    return answer.data;
  }
}

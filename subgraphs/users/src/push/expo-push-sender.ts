import { gzipSync } from 'node:zlib';
import {
  PUSH_BATCH_SIZE,
  type PushMessage,
  type PushOutcome,
  type PushSender,
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

/** Bodies longer than this are gzipped, as Expo's own server SDK does. */
const GZIP_ABOVE_BYTES = 1024;

/** A push ticket: one per message, in the order sent. */
interface ExpoTicket {
  status: 'ok' | 'error';
  id?: string;
  message?: string;
  details?: { error?: string; expoPushToken?: string };
}

interface ExpoSendResponse {
  data?: ExpoTicket[];
  errors?: { code?: string; message?: string }[];
}

/**
 * Sends through Expo's push service (which forwards to APNs and FCM): up to 100 messages per POST,
 * JSON, gzipped above 1 KiB, with the access token as a bearer when there is one. Reads the push
 * tickets: `DeviceNotRegistered` names a token to drop. Receipts (getReceipts, a second round trip
 * some minutes later that reports APNs/FCM delivery failures) are not read yet.
 */
export class ExpoPushSender implements PushSender {
  private readonly endpoint: string;

  constructor(private readonly settings: ExpoPushSettings) {
    this.endpoint = `${settings.url.replace(/\/+$/, '')}${EXPO_SEND_PATH}`;
  }

  async send(messages: PushMessage[]): Promise<PushOutcome> {
    const outcome: PushOutcome = { unregistered: [], refused: [] };
    for (let start = 0; start < messages.length; start += PUSH_BATCH_SIZE) {
      const batch = messages.slice(start, start + PUSH_BATCH_SIZE);
      const tickets = await this.post(batch);
      tickets.forEach((ticket, index) => {
        if (ticket.status !== 'error') {
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

  private async post(batch: PushMessage[]): Promise<ExpoTicket[]> {
    const json = JSON.stringify(
      batch.map(message => ({
        to: message.to,
        title: message.title,
        body: message.body,
        data: message.data,
        sound: 'default',
      })),
    );
    const compress = Buffer.byteLength(json) > GZIP_ABOVE_BYTES;
    const response = await fetch(this.endpoint, {
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
    let answer: ExpoSendResponse | null = null;
    try {
      answer = JSON.parse(text) as ExpoSendResponse;
    } catch {
      // not JSON (a proxy's error page): reported below with the status
    }
    if (!response.ok || !Array.isArray(answer?.data)) {
      const error = answer?.errors?.[0];
      throw new Error(
        `Expo push service answered ${response.status}` +
          (error ? `: ${error.code ?? ''} ${error.message ?? ''}`.trimEnd() : ''),
      );
    }
    if (answer.data.length !== batch.length) {
      throw new Error(
        `Expo push service answered ${answer.data.length} tickets for ${batch.length} messages`,
      );
    }
    return answer.data;
  }
}

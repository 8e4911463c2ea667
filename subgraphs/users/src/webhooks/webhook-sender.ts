import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { type PinnedTarget } from './webhook-target';

export interface SendResult {
  /** The receiver's HTTP status; null when it never answered. */
  status: number | null;
  error?: string;
}

/**
 * POSTs one signed delivery to a pinned address: the connection goes to `target.address` whatever
 * the name resolves to now, while TLS still checks the certificate against the URL's host name.
 * Redirects are not followed (a 3xx is a failure: following it could lead anywhere). The body is
 * read up to 64 KiB and dropped. Headers per the Standard Webhooks spec: webhook-id,
 * webhook-timestamp, webhook-signature (v1, HMAC-SHA256 over `id.timestamp.body`).
 */
export function sendSigned(
  target: PinnedTarget,
  secret: string,
  message: { id: string; body: string; timestamp?: Date },
  timeoutMs: number,
): Promise<SendResult> {
  const timestamp = message.timestamp ?? new Date();
  const signature = new Webhook(secret).sign(message.id, timestamp, message.body);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (
        callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void
      )(null, [{ address: target.address, family: target.family }]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise(resolve => {
    const req = request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'video-platform-webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (res: IncomingMessage) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) {
            res.destroy();
          }
        });
        res.on('close', () => resolve({ status: res.statusCode ?? null }));
        res.on('error', () => resolve({ status: res.statusCode ?? null }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', error => resolve({ status: null, error: error.message.slice(0, 500) }));
    req.end(message.body);
  });
}

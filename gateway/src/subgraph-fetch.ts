import { type Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type LocalGraphql } from '@vp/kit';

/** What the gateway's callers of subgraphs read of an answer (a subset of fetch's Response). */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | null;
}

/** node-fetch's errors, by the fields the callers test (subgraph-faults.ts isUnreachable). */
class FetchError extends Error {
  override name = 'FetchError';
  code?: string;
  errno?: string;
  constructor(
    message: string,
    readonly type: string,
    cause?: NodeJS.ErrnoException,
  ) {
    super(message);
    if (cause?.code) {
      this.code = this.errno = cause.code;
    }
  }
}

class AbortError extends Error {
  override name = 'AbortError';
  readonly type = 'aborted';
  constructor() {
    super('The user aborted a request.');
  }
}

const DEFAULT_HEADERS = {
  accept: '*/*',
  'user-agent': 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'accept-encoding': 'gzip,deflate',
};

/** The headers a request goes with: node-fetch's defaults, then the caller's (lower-case names). */
function requestHeaders(init: SubgraphRequestInit): Record<string, string> {
  const headers: Record<string, string> = { ...DEFAULT_HEADERS };
  for (const name in init.headers) {
    headers[name.toLowerCase()] = init.headers[name];
  }
  return headers;
}

/** An answer's body as JSON, or node-fetch's error for a body that is not. */
function parsedJson(url: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FetchError(
      `invalid json response body at ${url} reason: ${(error as Error).message}`,
      'invalid-json',
    );
  }
}

function headersOf(message: IncomingMessage) {
  return {
    get(name: string): string | null {
      const value = message.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The body as sent, decoded as node-fetch decodes it (gzip, deflate, br). */
function decodedBody(message: IncomingMessage): NodeJS.ReadableStream {
  switch ((message.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return message.pipe(createGunzip());
    case 'deflate':
      return message.pipe(createInflate());
    case 'br':
      return message.pipe(createBrotliDecompress());
    default:
      return message;
  }
}

/**
 * A fetch for the gateway's calls to subgraphs (small JSON POSTs on keep-alive sockets), on node's
 * http.request: node-fetch built a Request, validated Headers objects and piped every body through
 * streams, a visible part of each planned fetch's CPU. It answers as node-fetch did for what the
 * callers read: status, headers, text/json; the default headers node-fetch sent; AbortError when the
 * signal fires (before the answer or while its body is read); FetchError with the socket's code when
 * the subgraph cannot be reached. The body is read at once, so the socket goes back to the pool
 * even when a caller looks at the status only. Redirects are not followed (subgraphs send none).
 */
export function subgraphFetch(agents: { http: HttpAgent; https: HttpsAgent }) {
  return (url: string, init: SubgraphRequestInit = {}): Promise<SubgraphResponse> =>
    new Promise((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(new AbortError());
        return;
      }
      const target = new URL(url);
      const https = target.protocol === 'https:';
      const headers = requestHeaders(init);
      const body = init.body;
      if (body !== undefined) {
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      let settled = false;
      const fail = (error: Error) => {
        if (!settled) {
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        }
      };
      const request = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: (init.method ?? 'GET').toUpperCase(),
          headers,
          agent: https ? agents.https : agents.http,
        },
        message => {
          const chunks: Buffer[] = [];
          const stream = decodedBody(message);
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', (error: NodeJS.ErrnoException) =>
            fail(
              new FetchError(
                `Invalid response body while trying to fetch ${url}: ${error.message}`,
                'system',
                error,
              ),
            ),
          );
          message.on('aborted', () =>
            fail(
              new FetchError(`Premature close of the answer of ${url}`, 'system', {
                code: 'ERR_STREAM_PREMATURE_CLOSE',
              } as NodeJS.ErrnoException),
            ),
          );
          stream.on('end', () => {
            if (settled) {
              return;
            }
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
            const status = message.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              statusText: message.statusMessage ?? '',
              url,
              headers: headersOf(message),
              text: async () => text,
              json: async () => parsedJson(url, text),
            });
          });
        },
      );
      function onAbort() {
        request.destroy();
        fail(new AbortError());
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) =>
        fail(new FetchError(`request to ${url} failed, reason: ${error.message}`, 'system', error)),
      );
      request.end(body);
    });
}

/**
 * `fetch`, except that a POST to a subgraph URL of `local` (a subgraph running in this process) is
 * answered by that subgraph's LocalGraphql: the same answer without the loopback socket, whose
 * writes, reads and HTTP parsing on both sides were a large part of every planned fetch's CPU in
 * the one-process platform. The deadline's signal still ends the wait with AbortError (the
 * subgraph's work goes on, as it would behind a socket the gateway closed).
 */
export function localFirst(
  local: ReadonlyMap<string, LocalGraphql>,
  fetch: ReturnType<typeof subgraphFetch>,
): ReturnType<typeof subgraphFetch> {
  return async (url, init = {}) => {
    const answer = local.get(url);
    if (!answer || init.method?.toUpperCase() !== 'POST') {
      return fetch(url, init);
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      throw new AbortError();
    }
    const answering = answer(requestHeaders(init), init.body ?? '');
    const { status, headers, body } = signal
      ? await new Promise<Awaited<typeof answering>>((resolve, reject) => {
          const onAbort = () => reject(new AbortError());
          signal.addEventListener('abort', onAbort, { once: true });
          answering
            .then(resolve, reject)
            .finally(() => signal.removeEventListener('abort', onAbort));
        })
      : await answering;
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      url,
      headers: { get: name => headers.get(name.toLowerCase()) ?? null },
      text: async () => body,
      json: async () => parsedJson(url, body),
    };
  };
}

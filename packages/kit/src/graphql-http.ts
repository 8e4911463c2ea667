import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext as ApolloContext, HeaderMap } from '@apollo/server';

/** express.json({ limit: '1mb' }), which /graphql had before it was served directly. */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

/** A failure to hand back as express's final handler did in production: a status and its name. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MEDIA_TYPE = /^\s*application\/json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * Whether a request is one `serveGraphqlDirectly` takes: a POST to /graphql with an uncompressed
 * UTF-8 JSON body, what the gateway sends for every operation. Anything else (GET, other media types,
 * encodings or charsets, sub-paths) keeps going through express, which answers it as before.
 */
export function isDirectGraphqlRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST') {
    return false;
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path !== '/graphql' && path !== '/graphql/') {
    return false;
  }
  const type = req.headers['content-type'];
  if (!type || !MEDIA_TYPE.test(type)) {
    return false;
  }
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    return false;
  }
  const encoding = req.headers['content-encoding'];
  return !encoding || encoding.toLowerCase() === 'identity';
}

/**
 * The body as body-parser's json() left it: `{}` when empty, only an object or array at the top, a
 * leading byte order mark dropped. Rejects with `status` 413 (larger than `limit`) or 400.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    return Promise.reject(new HttpProblem(413, 'Payload Too Large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    const fail = (problem: HttpProblem) => {
      if (!failed) {
        failed = true;
        reject(problem);
      }
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        fail(new HttpProblem(413, 'Payload Too Large'));
      } else if (!failed) {
        chunks.push(chunk);
      }
    });
    req.on('aborted', () => fail(new HttpProblem(400, 'Bad Request')));
    req.on('error', () => fail(new HttpProblem(400, 'Bad Request')));
    req.on('end', () => {
      if (failed) {
        return;
      }
      try {
        // the size was checked as the bytes came
        const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
        resolve(parseJsonBody(text));
      } catch (error) {
        fail(error as HttpProblem);
      }
    });
  });
}

/** A GraphQL POST's answer as Apollo gives it: status, headers, and the whole body. */
export interface GraphqlAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * A subgraph's /graphql answered in the calling process, with no socket: the gateway of a
 * one-process platform (`npm start`) calls it instead of a loopback HTTP request. It runs the same
 * Apollo pipeline, plugins and context as an HTTP POST (`headers` as the gateway would have sent
 * them, lower-case names) and answers what HTTP would have: 413 and 400 included.
 */
export type LocalGraphql = (
  headers: Record<string, string>,
  body: string,
) => Promise<GraphqlAnswer>;

/** Apollo's answer to a POST whose JSON body is already parsed, with the headers as sent. */
async function executePost<TContext extends ApolloContext>(
  apollo: ApolloServer<TContext>,
  sent: Record<string, string | string[] | undefined>,
  search: string,
  body: unknown,
  context: () => Promise<TContext>,
) {
  const headers = new HeaderMap();
  for (const key in sent) {
    const value = sent[key];
    if (value !== undefined) {
      headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  return apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search, body },
    context,
  });
}

/** The page express's final handler writes in production for an error status. */
const problemPage = (message: string) =>
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n' +
  `</head>\n<body>\n<pre>${message}</pre>\n</body>\n</html>\n`;

/** What express's final handler writes in production for an error status (no stack, no detail). */
function sendProblem(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-security-policy', "default-src 'none'");
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(problemPage(message));
}

/**
 * Serves one GraphQL POST with Apollo on plain node:http: the body read and parsed here, Apollo's
 * answer written with one `end` (headers and body in a single write). Express's router, its JSON
 * middleware and the express integration were most of a small request's CPU in a subgraph (`me`),
 * for nothing a JSON POST needs. Answers as the express route did, 413 and 400 included.
 */
export async function serveGraphqlDirectly<TContext extends ApolloContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
  limit = GRAPHQL_BODY_LIMIT,
): Promise<void> {
  try {
    const body = await readJsonBody(req, limit);
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await executePost(
      apollo,
      req.headers,
      query < 0 ? '' : url.slice(query),
      body,
      context,
    );
    for (const [key, value] of response.headers) {
      res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  } catch (error) {
    if (error instanceof HttpProblem) {
      sendProblem(res, error.status, error.message);
    } else {
      sendProblem(res, 500, 'Internal Server Error');
    }
  }
}

/** `text` as body-parser's json() reads a body (readJsonBody), or an HttpProblem. */
function parseJsonBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) {
    return {};
  }
  if (first !== '{' && first !== '[') {
    throw new HttpProblem(400, 'Bad Request');
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpProblem(400, 'Bad Request');
  }
}

/** Answers one GraphQL POST (`serveGraphqlDirectly`'s) without a socket: see LocalGraphql. */
export async function answerGraphqlLocally<TContext extends ApolloContext>(
  apollo: ApolloServer<TContext>,
  headers: Record<string, string>,
  text: string,
  context: () => Promise<TContext>,
  limit = GRAPHQL_BODY_LIMIT,
): Promise<GraphqlAnswer> {
  try {
    if (Buffer.byteLength(text) > limit) {
      throw new HttpProblem(413, 'Payload Too Large');
    }
    const response = await executePost(apollo, headers, '', parseJsonBody(text), context);
    let body = '';
    if (response.body.kind === 'complete') {
      body = response.body.string;
    } else {
      for await (const chunk of response.body.asyncIterator) {
        body += chunk;
      }
    }
    return { status: response.status ?? 200, headers: response.headers, body };
  } catch (error) {
    const { status, message } =
      error instanceof HttpProblem ? error : { status: 500, message: 'Internal Server Error' };
    return {
      status,
      headers: new Map([['content-type', 'text/html; charset=utf-8']]),
      body: problemPage(message),
    };
  }
}

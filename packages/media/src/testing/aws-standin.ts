import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';

/** A request to a stand-in, its JSON body parsed (null when empty). */
export interface StandInRequest {
  method: string;
  url: string;
  body: any;
}

/** Answers JSON; `errorType` is the `x-amzn-errortype` AWS SDKs read an exception's name from. */
export type StandInReply = (status: number, body: unknown, errorType?: string) => void;

async function readJson(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}

/**
 * A local stand-in for one AWS service's JSON API, for tests: it refuses requests that are not
 * SigV4-signed for `service` (403), hands the rest to `handle`, answers what `handle` throws with
 * a 500, and listens on a free port of 127.0.0.1.
 */
export async function serveAwsStandIn(
  service: string,
  handle: (request: StandInRequest, reply: StandInReply) => Promise<void>,
) {
  const signedFor = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=\\w+/\\d{8}/[\\w-]+/${service}/aws4_request`,
  );
  const server = createServer(async (request, response) => {
    const reply: StandInReply = (status, body, errorType) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(JSON.stringify(body));
    };
    try {
      const body = await readJson(request);
      if (!signedFor.test(String(request.headers.authorization))) {
        reply(403, { message: `missing or wrong SigV4 scope (${service})` }, 'ForbiddenException');
        return;
      }
      await handle({ method: request.method ?? 'GET', url: request.url ?? '', body }, reply);
    } catch (error) {
      reply(500, { message: (error as Error).message }, 'InternalServerErrorException');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

import 'server-only';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { webEnv } from './env';
import type { GraphQLErrorLike } from './graphql-errors';

const printed = new WeakMap<object, string>();
const textOf = (document: object) => {
  let text = printed.get(document);
  if (!text) {
    text = print(document as never);
    printed.set(document, text);
  }
  return text;
};

export interface ServerResult<R> {
  data: R | null;
  errors: GraphQLErrorLike[];
}

/**
 * One operation against the gateway from this server, with the viewer's access token when there is
 * one. Answers data and errors together (partial results are normal: `playback` is null with
 * PAYMENT_REQUIRED while the rest of the video is there); a gateway that cannot be reached is an
 * error coded UNAVAILABLE.
 */
export async function serverGraphql<R, V extends Record<string, unknown>>(
  document: TypedDocumentNode<R, V>,
  variables: V,
  options: { token?: string | null; clientAddress?: string | null } = {},
): Promise<ServerResult<R>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.clientAddress) {
    headers['x-forwarded-for'] = options.clientAddress;
  }
  try {
    const response = await fetch(webEnv().gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: textOf(document), variables }),
      cache: 'no-store',
    });
    const body = (await response.json()) as { data?: R | null; errors?: GraphQLErrorLike[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (error) {
    console.error('gateway unreachable:', (error as Error).message);
    return {
      data: null,
      errors: [{ message: 'The service is unavailable.', extensions: { code: 'UNAVAILABLE' } }],
    };
  }
}

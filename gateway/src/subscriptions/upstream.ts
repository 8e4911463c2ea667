import { createClient } from 'graphql-ws';
import { type ExecutionResult } from 'graphql';
import WebSocket from 'ws';

export interface UpstreamRequest {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  authorization?: string;
  requestId: string;
}

export const toWebSocketUrl = (httpUrl: string) => httpUrl.replace(/^http(s?):/, 'ws$1:');

/**
 * One subscription to the owning subgraph over graphql-ws, with the viewer's Authorization in the
 * connection_init payload (as the subgraph expects) and the gateway's request id. The socket closes
 * when the stream ends or is returned.
 */
export function subscribeUpstream(
  request: UpstreamRequest,
): AsyncIterableIterator<ExecutionResult> {
  const client = createClient({
    url: toWebSocketUrl(request.url),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: {
      ...(request.authorization ? { authorization: request.authorization } : {}),
      requestId: request.requestId,
    },
  });
  const iterator = client.iterate<Record<string, unknown>>({
    query: request.query,
    variables: request.variables,
    extensions: { requestId: request.requestId },
  });
  const dispose = () => void client.dispose();
  return {
    async next() {
      try {
        const result = await iterator.next();
        if (result.done) {
          dispose();
        }
        return result as IteratorResult<ExecutionResult>;
      } catch (error) {
        dispose();
        throw error;
      }
    },
    async return() {
      await iterator.return?.();
      dispose();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

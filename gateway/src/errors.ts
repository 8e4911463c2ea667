import { type ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, maskError, PUBLIC_CODES, type Logger } from '@vp/kit';
import { type GraphQLError, type GraphQLFormattedError } from 'graphql';

const isPublic = (code: unknown) =>
  typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;

/**
 * formatError for the gateway: coded errors (the gateway's own and those of subgraphs, which
 * @apollo/gateway passes on with their code) go out unchanged minus internal extensions; the rest
 * become INTERNAL_SERVER_ERROR. The cause is logged by `errorLogPlugin`, which knows the request id.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const masked = maskError(formatted, error, () => {});
  if (masked.extensions) {
    const { serviceName: _serviceName, http: _http, ...extensions } = masked.extensions;
    return { ...masked, extensions };
  }
  return masked;
}

/** Logs the cause of each error that will be masked with the request id, and gives clients that id. */
export function errorLogPlugin(log: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors as readonly GraphQLError[]) {
            if (!isPublic(error.extensions?.code)) {
              log.error(
                {
                  requestId: contextValue.requestId,
                  err: error.originalError ?? error,
                  path: error.path,
                },
                'internal error',
              );
            }
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            return;
          }
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}

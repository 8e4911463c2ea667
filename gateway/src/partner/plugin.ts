import { type ApolloServerPlugin } from '@apollo/server';
import { type CostBuckets } from '@vp/kit';
import { type GatewayContext } from '../gateway';
import { type SupergraphOwnership } from '../subscriptions/ownership';
import {
  budgetExceeded,
  chargeOperation,
  costExtension,
  peek,
  rateLimitHeaders,
  type CostSettings,
} from './budget';
import { scopeRefusal } from './scopes';

/**
 * The public API's rules on each HTTP operation, after validation and before planning: an API
 * key's scopes (partner/scopes.ts: FORBIDDEN with requiredScope, nothing run), then the cost
 * is computed with the variables and taken from the payer's bucket (429 RATE_LIMITED when it does
 * not hold enough, nothing run); every answer carries `extensions.cost` and x-ratelimit-* headers.
 */
export function partnerPlugin(
  buckets: CostBuckets,
  settings: CostSettings,
  ownership: SupergraphOwnership,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, contextValue, schema }) {
          if (contextValue.apiKey) {
            const refusal = scopeRefusal(schema, ownership, document, contextValue.apiKey.scopes);
            if (refusal) {
              throw refusal;
            }
          }
          if (!settings.enabled || !contextValue.payer) {
            return;
          }
          const charge = await chargeOperation(buckets, settings, contextValue.payer, {
            schema,
            document,
            variables: request.variables,
            operationName,
          });
          contextValue.charge = charge;
          if (!charge.state.allowed) {
            throw budgetExceeded(charge);
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (!settings.enabled || !contextValue.payer) {
            return;
          }
          const charge = contextValue.charge ?? (await peek(buckets, contextValue.payer));
          for (const [name, value] of Object.entries(rateLimitHeaders(charge))) {
            response.http.headers.set(name, value);
          }
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: costExtension(charge) };
          }
        },
      };
    },
  };
}

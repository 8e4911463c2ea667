import { ApiScope } from '@vp/kit';
import {
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { type SupergraphOwnership } from '../subscriptions/ownership';

/** What a field needs of an API key: a scope, nothing (`ANY`), or a signed-in session. */
export type ScopeRule = ApiScope | 'ANY' | 'SESSION';

/**
 * The scope rules of API keys, in one place. A request made with a key acts as the key's owner and
 * may touch only fields its scopes allow; anything else is refused before it runs with FORBIDDEN
 * and `extensions.requiredScope`. Sessions (sign-ins) are not limited by scopes.
 *
 * Defaults: queries and subscriptions need PUBLIC_READ; mutations need VIDEOS_WRITE when the videos
 * subgraph owns them and LIVE_WRITE when live does; every other mutation (accounts, payments, keys)
 * needs a session. The table below overrides the defaults, for root fields and for fields of any
 * type (a key that reads `me { webhookEndpoints }` needs WEBHOOKS).
 */
export const SCOPE_RULES: Record<string, ScopeRule> = {
  'Query.me': 'ANY',
  'Query.rateLimit': 'ANY',
  'Query.analytics': ApiScope.ANALYTICS_READ,
  'User.apiKeys': 'SESSION',
  'User.webhookEndpoints': ApiScope.WEBHOOKS,
  'Mutation.createWebhookEndpoint': ApiScope.WEBHOOKS,
  'Mutation.deleteWebhookEndpoint': ApiScope.WEBHOOKS,
  'Mutation.sendTestWebhook': ApiScope.WEBHOOKS,
  'Subscription.securityAlerts': 'SESSION',
  'Subscription.notificationAdded': 'SESSION',
};

const MUTATION_OWNERS: Record<string, ApiScope> = {
  videos: ApiScope.VIDEOS_WRITE,
  live: ApiScope.LIVE_WRITE,
};

/** The rule of one field (Type.field); undefined when the field needs nothing beyond its parent. */
export function scopeRuleOf(
  typeName: string,
  fieldName: string,
  ownership: SupergraphOwnership,
  roots: { query?: string; mutation?: string; subscription?: string },
): ScopeRule | undefined {
  const explicit = SCOPE_RULES[`${typeName}.${fieldName}`];
  if (explicit || fieldName.startsWith('__')) {
    return explicit ?? 'ANY';
  }
  if (typeName === roots.query || typeName === roots.subscription) {
    return ApiScope.PUBLIC_READ;
  }
  if (typeName === roots.mutation) {
    const owners = ownership.resolversOf(typeName, fieldName);
    return owners.map(owner => MUTATION_OWNERS[owner]).find(Boolean) ?? 'SESSION';
  }
  return undefined;
}

/**
 * The first field of the document the key's scopes do not allow, as a FORBIDDEN error with
 * `extensions.requiredScope` (null when only a session may do it), or null when all are allowed.
 */
export function scopeRefusal(
  schema: GraphQLSchema,
  ownership: SupergraphOwnership,
  document: DocumentNode,
  scopes: readonly string[],
): GraphQLError | null {
  const roots = {
    query: schema.getQueryType()?.name,
    mutation: schema.getMutationType()?.name,
    subscription: schema.getSubscriptionType()?.name,
  };
  const typeInfo = new TypeInfo(schema);
  let refusal: GraphQLError | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (refusal) {
          return false;
        }
        const parent = typeInfo.getParentType();
        if (!parent) {
          return undefined;
        }
        const rule = scopeRuleOf(parent.name, node.name.value, ownership, roots);
        if (!rule || rule === 'ANY' || scopes.includes(rule)) {
          return undefined;
        }
        const coordinate = `${parent.name}.${node.name.value}`;
        refusal = new GraphQLError(
          rule === 'SESSION'
            ? `${coordinate} cannot be used with an API key; it needs a signed-in session.`
            : `${coordinate} needs an API key with the ${rule} scope.`,
          {
            nodes: [node],
            extensions: {
              code: 'FORBIDDEN',
              requiredScope: rule === 'SESSION' ? null : rule,
              http: { status: 403 },
            },
          },
        );
        return false;
      },
    }),
  );
  return refusal;
}

import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server } from 'node:http';
import {
  clientAddress,
  type CostBuckets,
  PUBLIC_CODES,
  viewerFromAuthorization,
  type Logger,
  type TokenVerifier,
  type TrustProxy,
  type Viewer,
  type Revocations,
  revokes,
} from '@vp/kit';
import {
  getOperationAST,
  GraphQLError,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { expiryOf, type ApiKeyIdentity, type ApiKeyVerifier } from '../identity';
import { scopeRefusal } from '../partner/scopes';
import {
  mayWriteDocuments,
  notFoundError,
  requiredError,
  type PersistedDocuments,
} from '../partner/persisted';
import { checkDocumentText, LIMIT_CODE, limitRules, type OperationLimits } from '../limits';
import {
  budgetExceeded,
  chargeOperation,
  costExtension,
  payerOf,
  type CostSettings,
} from '../partner/budget';
import { socketSink, SubscriptionHub } from './hub';
import { type SupergraphOwnership } from './ownership';
import { originMatcher } from '../origins';
import { SubscriptionPlanner, type SubscriptionPlan } from './plan';
import { resolveEntities, stripHelpers, type EntitiesFetcher } from './resolve';
import { subscribeUpstream } from './upstream';

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  apiSchema: GraphQLSchema;
  ownership: SupergraphOwnership;
  limits: OperationLimits;
  /** The same cost rules and budgets as HTTP: each subscription is charged once, when it starts. */
  cost: CostSettings;
  costBuckets: CostBuckets;
  verifyToken: TokenVerifier;
  /** Checks API keys (`Bearer vp_…` in connection_init), as HTTP does. */
  verifyKey?: ApiKeyVerifier;
  /** Documents run by id (`extensions.documentId` or `extensions.persistedQuery.sha256Hash`). */
  persisted: PersistedDocuments;
  persistedOnly: boolean;
  /** Subgraph name → its HTTP GraphQL URL (the WS URL is derived from it). */
  subgraphUrl: (graph: string) => string;
  fetchEntities: (
    graph: string,
    query: string,
    variables: Record<string, unknown>,
    headers: { authorization?: string; requestId: string },
  ) => ReturnType<EntitiesFetcher>;
  log: Logger;
  /** Largest WebSocket message accepted, in bytes. */
  maxPayload?: number;
  /** Browser origins allowed besides the gateway's own; a request without Origin is not a browser's. */
  allowedOrigins: string[];
  /** TRUST_PROXY, compiled: finds the client's address behind trusted proxies. */
  trustProxy: TrustProxy;
  subscriptionsPerConnection: number;
  connectionsPerIp: number;
  /** Revocations heard from users: the sockets they concern are closed at once. */
  revocations?: Pick<Revocations, 'onRevocation'>;
}

/** Close code for a refused or no longer valid token (graphql-ws's Forbidden). */
export const FORBIDDEN_CLOSE = 4403;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Origin check of the handshake (ASVS 4.4): browsers always send Origin on a WebSocket, and a page of
 * another site must not open one with the user's token. Allowed: no Origin (servers, mobile apps),
 * the gateway's own origin (GraphiQL), and the configured ones. `null` (sandboxed frames) is not.
 */
function originAllowed(
  origin: string | undefined,
  req: IncomingMessage,
  allowed: (origin: string) => boolean,
  trusted: boolean,
): boolean {
  if (origin === undefined) {
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowed(parsed.origin)) {
    return true;
  }
  const forwardedHost = trusted ? req.headers['x-forwarded-host'] : undefined;
  const hosts = [
    req.headers.host,
    ...(typeof forwardedHost === 'string' ? forwardedHost.split(',') : []),
  ];
  return hosts.some(host => host?.trim().toLowerCase() === parsed.host);
}

/** Closes the socket with 4403 when the access token it was opened with expires. */
function closeAtExpiry(socket: WebSocket, expiresAtMs: number) {
  let timer: NodeJS.Timeout;
  const check = () => {
    const left = expiresAtMs - Date.now();
    if (left <= 0) {
      socket.close(FORBIDDEN_CLOSE, 'Forbidden: the access token has expired');
    } else {
      timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    }
  };
  check();
  socket.once('close', () => clearTimeout(timer));
}

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  viewer?: Viewer | null;
  authorization?: string;
  apiKey?: ApiKeyIdentity;
}

interface OperationContext {
  requestId: string;
  /** The subscriber's socket and subscription id, where shared events are written as bytes. */
  socket: WebSocket;
  subscriptionId: string;
  viewer: Viewer | null;
  authorization?: string;
  plan: SubscriptionPlan;
  /** The operation's name and text as the client sent them: with its variables, what it sees. */
  operation: string;
  variables: Record<string, unknown>;
}

const SUGGESTION = / ?Did you mean .+\?/g;

/** Arguments that ask a subscription to replay what came before it (chat's `after`, `since`). */
const REPLAY_ARGUMENTS = new Set(['after', 'since']);

/**
 * Whether the operation asks for a replay (a replay argument given a value, or a variable that has
 * one): such a subscriber cannot join a stream already under way, which replayed before it came.
 */
function asksForReplay(document: DocumentNode, variables: Record<string, unknown>) {
  let replay = false;
  visit(document, {
    Argument(node) {
      if (REPLAY_ARGUMENTS.has(node.name.value)) {
        const value = node.value;
        replay ||=
          value.kind === 'Variable'
            ? variables[value.name.value] != null
            : value.kind !== 'NullValue';
      }
    },
  });
  return replay;
}

const coded = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    extensions: {
      ...error.extensions,
      code: (error.extensions?.code as string) ?? code,
      http: undefined,
    },
  });

/**
 * graphql-ws on the gateway's own http.Server and path: authenticates the connection_init payload,
 * validates each subscription against the API schema with the same limits as HTTP, plans it along
 * subgraph ownership and serves it from a shared upstream stream.
 */
export function serveSubscriptions(options: SubscriptionServerOptions) {
  const { apiSchema, limits, log } = options;
  const planner = new SubscriptionPlanner(apiSchema, options.ownership);
  const hub = new SubscriptionHub();
  const rules = [...specifiedRules, ...limitRules(limits)];
  const plans = new Map<string, SubscriptionPlan>();
  // Valid documents by their text: thousands of viewers of one chat send the same one, which is
  // then parsed and validated once and its AST held once (not once per subscriber).
  const validDocuments = new Map<string, DocumentNode>();

  const mask = (error: GraphQLFormattedError, requestId: string): GraphQLFormattedError => {
    const code = error.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return { message: error.message, path: error.path, extensions: { code } };
    }
    log.error({ requestId, err: error }, 'internal error in a subscription');
    return {
      message: 'Internal server error',
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };

  const allowedOrigins = originMatcher(options.allowedOrigins);
  const connectionsByIp = new Map<string, number>();
  // signed-in sockets, so that a revocation finds the ones it ends
  const socketsByUser = new Map<string, Map<WebSocket, Viewer>>();
  const stopHearing = options.revocations?.onRevocation(revocation => {
    for (const [socket, viewer] of socketsByUser.get(revocation.userId) ?? []) {
      if (revokes(revocation, viewer)) {
        socket.close(FORBIDDEN_CLOSE, 'Forbidden: the session was revoked');
      }
    }
  });
  const track = (socket: WebSocket, viewer: Viewer) => {
    const sockets = socketsByUser.get(viewer.id) ?? new Map<WebSocket, Viewer>();
    sockets.set(socket, viewer);
    socketsByUser.set(viewer.id, sockets);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && socketsByUser.get(viewer.id) === sockets) {
        socketsByUser.delete(viewer.id);
      }
    });
  };
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayload ?? 64 * 1024,
    verifyClient: ({ origin, req }, done) => {
      const { trustProxy } = options;
      if (
        !originAllowed(origin, req, allowedOrigins, trustProxy(req.socket.remoteAddress ?? '', 0))
      ) {
        log.warn({ origin }, 'WebSocket refused: origin not allowed');
        return done(false, 403, 'Origin not allowed');
      }
      const ip = clientAddress(req, trustProxy);
      const open = connectionsByIp.get(ip) ?? 0;
      if (open >= options.connectionsPerIp) {
        return done(false, 429, 'Too many connections');
      }
      connectionsByIp.set(ip, open + 1);
      // the TCP socket closes however the WebSocket ends, even when the handshake fails after this
      req.socket.once('close', () => {
        const left = (connectionsByIp.get(ip) ?? 1) - 1;
        if (left > 0) {
          connectionsByIp.set(ip, left);
        } else {
          connectionsByIp.delete(ip);
        }
      });
      done(true);
    },
  });
  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema: apiSchema,
      onConnect: async ctx => {
        try {
          const authorization = ctx.connectionParams?.authorization;
          let header = typeof authorization === 'string' ? authorization : undefined;
          const key = /^Bearer (vp_\S*)$/.exec(header?.trim() ?? '')?.[1];
          if (key && options.verifyKey) {
            // the socket then lives on the short-lived token users signed for the key (closed at its expiry)
            const verified = await options.verifyKey(key);
            if (!verified) {
              return false;
            }
            header = verified.authorization;
            ctx.extra.apiKey = verified.apiKey;
          }
          ctx.extra.viewer = await viewerFromAuthorization(header, options.verifyToken);
          ctx.extra.authorization = ctx.extra.viewer ? header : undefined;
          const exp =
            header && ctx.extra.viewer ? expiryOf(header.replace(/^Bearer\s+/i, '')) : undefined;
          if (exp !== undefined) {
            closeAtExpiry(ctx.extra.socket, exp * 1000);
          }
          if (ctx.extra.viewer) {
            track(ctx.extra.socket, ctx.extra.viewer);
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        // ctx.subscriptions already holds this one
        if (Object.keys(ctx.subscriptions).length > options.subscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${options.subscriptionsPerConnection} subscriptions at once on one connection.`,
              { extensions: { code: 'RATE_LIMITED' } },
            ),
          ];
        }
        const requestId = randomUUID();
        const extensions = payload.extensions as
          { documentId?: unknown; persistedQuery?: { sha256Hash?: unknown } } | undefined;
        const documentId = extensions?.documentId ?? extensions?.persistedQuery?.sha256Hash;
        if (typeof documentId === 'string') {
          const text = options.persisted.get(documentId);
          if (!text) {
            return [notFoundError()];
          }
          (payload as { query: string }).query = text;
        } else if (
          options.persistedOnly &&
          !mayWriteDocuments(ctx.extra.viewer ?? null, ctx.extra.apiKey) &&
          !options.persisted.holdsText(payload.query)
        ) {
          return [requiredError()];
        }
        let document = validDocuments.get(payload.query);
        if (!document) {
          try {
            checkDocumentText(payload.query, limits);
            document = parse(payload.query);
          } catch (error) {
            return [
              error instanceof GraphQLError
                ? coded(error, 'GRAPHQL_PARSE_FAILED')
                : new GraphQLError('Bad document'),
            ];
          }
          const errors = validate(apiSchema, document, rules);
          if (errors.length > 0) {
            return errors.map(error => coded(error, LIMIT_CODE));
          }
          if (validDocuments.size >= 1000) {
            validDocuments.clear();
          }
          validDocuments.set(payload.query, document);
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
              {
                extensions: { code: 'BAD_REQUEST' },
              },
            ),
          ];
        }
        const variables = (payload.variables ?? {}) as Record<string, unknown>;
        const coerced = getVariableValues(
          apiSchema,
          operation.variableDefinitions ?? [],
          variables,
          {
            maxErrors: 5,
          },
        );
        if (coerced.errors) {
          return coerced.errors.map(error => coded(error, 'BAD_USER_INPUT'));
        }
        if (ctx.extra.apiKey) {
          const refusal = scopeRefusal(
            apiSchema,
            options.ownership,
            document,
            ctx.extra.apiKey.scopes,
          );
          if (refusal) {
            return [coded(refusal, 'FORBIDDEN')];
          }
        }
        if (options.cost.enabled) {
          const payer = payerOf(options.cost, {
            apiKey: ctx.extra.apiKey,
            viewerId: ctx.extra.viewer?.id,
            ip: clientAddress(ctx.extra.request, options.trustProxy),
          });
          try {
            const charge = await chargeOperation(options.costBuckets, options.cost, payer, {
              schema: apiSchema,
              document,
              variables,
              operationName: payload.operationName,
            });
            if (!charge.state.allowed) {
              const refused = budgetExceeded(charge);
              return [
                new GraphQLError(refused.message, {
                  extensions: {
                    code: 'RATE_LIMITED',
                    retryAfterSeconds: charge.state.retryAfterSeconds,
                    cost: costExtension(charge),
                  },
                }),
              ];
            }
          } catch (error) {
            if (error instanceof GraphQLError) {
              return [coded(error, LIMIT_CODE)];
            }
            throw error;
          }
        }
        const planKey = `${payload.operationName ?? ''}\n${payload.query}`;
        let plan = plans.get(planKey);
        if (!plan) {
          try {
            plan = planner.plan(document, payload.operationName);
          } catch (error) {
            log.error({ requestId, err: error }, 'subscription cannot be planned');
            return [
              new GraphQLError('This subscription cannot be served.', {
                extensions: { code: 'BAD_REQUEST' },
              }),
            ];
          }
          if (plans.size >= 1000) {
            plans.clear();
          }
          plans.set(planKey, plan);
        }
        const contextValue: OperationContext = {
          requestId,
          socket: ctx.extra.socket,
          subscriptionId: id,
          viewer: ctx.extra.viewer ?? null,
          authorization: ctx.extra.authorization,
          plan,
          operation: planKey,
          variables,
        };
        return {
          schema: apiSchema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue,
        };
      },
      subscribe: args => {
        const context = args.contextValue as OperationContext;
        const { plan, variables, viewer } = context;
        const upstreamVariables = Object.fromEntries(
          plan.variableNames.map(name => [name, variables[name]]),
        );
        // Shared by the subscribers whose events are identical: each event is resolved once, by
        // the first one's operation (the fields the gateway adds, aliases) and variables, so
        // those are part of the key, not only what goes upstream; and never by one that asks
        // for a replay, which a stream under way has already sent.
        const key = JSON.stringify([
          context.operation,
          // a variable given null means what one left out does
          Object.entries(variables).filter(([, value]) => value != null),
          viewer?.id ?? null,
          asksForReplay(plan.document, variables) ? context.requestId : null,
        ]);
        return hub.subscribe(
          key,
          () =>
            subscribeUpstream({
              url: options.subgraphUrl(plan.graph),
              query: print(plan.document),
              variables: upstreamVariables,
              authorization: context.authorization,
              requestId: context.requestId,
            }),
          event => resolveEvent(event, plan, variables, context),
          socketSink(context.socket, context.subscriptionId),
        );
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) {
          return result;
        }
        const { requestId } = args.contextValue as OperationContext;
        const errors = (result.errors as readonly GraphQLFormattedError[]).map(error =>
          mask(error, requestId),
        );
        return { ...result, errors } as unknown as ExecutionResult;
      },
    },
    wss,
  );

  async function resolveEvent(
    event: ExecutionResult,
    plan: SubscriptionPlan,
    variables: Record<string, unknown>,
    context: OperationContext,
  ): Promise<ExecutionResult> {
    const data = event.data as Record<string, unknown> | null | undefined;
    const errors: GraphQLFormattedError[] = [
      ...((event.errors ?? []) as readonly GraphQLFormattedError[]),
    ];
    if (data && plan.fetches.length > 0) {
      try {
        const headers = { authorization: context.authorization, requestId: context.requestId };
        errors.push(
          ...(await resolveEntities([data], plan.fetches, variables, (graph, query, vars) =>
            options.fetchEntities(graph, query, vars, headers),
          )),
        );
      } catch (error) {
        log.error(
          { requestId: context.requestId, err: error },
          'entity fetch for a subscription event failed',
        );
        errors.push({ message: 'Entity fetch failed' });
      }
    }
    stripHelpers(data);
    return (errors.length ? { data, errors } : { data }) as ExecutionResult;
  }

  return {
    hub,
    async close() {
      stopHearing?.();
      await server.dispose();
      await new Promise<void>(resolve => wss.close(() => resolve()));
    },
  };
}

import { ApolloArmor } from '@escape.tech/graphql-armor';
import type express from 'express';
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * What one document may ask for. Depth is 10, not armor's 6: a Relay connection spends two levels
 * (edges, node) per list, so a realistic two-hop client query such as
 * `video { owner { videos(first:10) { edges { node { owner { handle } } } } } }` is already 7 deep.
 * Ten leaves room for one more connection hop and still stops depth bombs. Cost is not armor's
 * (which multiplies literal arguments only, so `first: $n` slipped past it): it is computed with the
 * variables by `partner/cost.ts`, before execution, on HTTP and WebSocket alike.
 */
export interface OperationLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  /** Characters of the query text. */
  documentSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  depth: 10,
  aliases: 15,
  directives: 50,
  tokens: 1000,
  documentSize: 15_000,
};

export const LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

export const limitError = (message: string) =>
  new GraphQLError(message, { extensions: { code: LIMIT_CODE, http: { status: 400 } } });

/** armor reports "Syntax Error: …" and throws by default; we report a coded validation error instead. */
const reportTo = () => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(limitError(error.message.replace(/^Syntax Error: /, ''))),
  ],
});

/** Depth, alias and directive rules, run with graphql's own validation, before any planning. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.depth, flattenFragments: true, ...reportTo() },
    maxAliases: { n: limits.aliases, ...reportTo() },
    maxDirectives: { n: limits.directives, ...reportTo() },
    costLimit: { enabled: false },
    // tokens and size are checked on the raw text (checkDocumentText); suggestions are hidden by
    // Apollo's hideSchemaDetailsFromClientErrors
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/**
 * Size and token count, checked on the raw text before it is even parsed, so a megabyte of
 * `{a a a …}` never reaches the parser. Syntax errors are left to the parser that follows.
 */
export function checkDocumentText(source: string, limits: OperationLimits): void {
  if (source.length > limits.documentSize) {
    throw limitError(
      `The document is ${source.length} characters long; the limit is ${limits.documentSize}.`,
    );
  }
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      tokens += 1;
      if (tokens > limits.tokens) {
        throw limitError(`The document has more than ${limits.tokens} tokens.`);
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === LIMIT_CODE) {
      throw error;
    }
    // a syntax error: the parser reports it with its location
  }
}

/**
 * Express middleware after the JSON parser: the text checks on `query` (POST body or GET
 * parameter) before Apollo parses it, answered as a coded 400. Accepted texts are remembered so a
 * client repeating the same query pays once.
 */
export function documentTextMiddleware(limits: OperationLimits): express.RequestHandler {
  const accepted = new Set<string>();
  return (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query.query;
    if (typeof query !== 'string' || accepted.has(query)) {
      return next();
    }
    try {
      checkDocumentText(query, limits);
    } catch (error) {
      const { message, extensions } = error as GraphQLError;
      res.status(400).json({ errors: [{ message, extensions: { code: extensions.code } }] });
      return;
    }
    if (accepted.size >= 1000) {
      accepted.clear();
    }
    accepted.add(query);
    next();
  };
}

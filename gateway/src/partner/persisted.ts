import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { Role, type Viewer } from '@vp/kit';
import type express from 'express';
import { GraphQLError, Kind, parse, visit, type DocumentNode } from 'graphql';
import { errorBody, identityOf, type RequestIdentity } from '../identity';

/**
 * The first-party clients' operations, as codegen's client preset writes them
 * (`clients/shared/src/gql/persisted-documents.json`: sha256 hex → document). The gateway runs
 * `{ "documentId": "sha256:<hex>", "variables": … }` from it; an id it does not hold is
 * PERSISTED_QUERY_NOT_FOUND. Nothing is ever added at run time: automatic persisted queries
 * (clients registering arbitrary text under a hash) are off, so the manifest is an allow-list.
 */
export class PersistedDocuments {
  private readonly byHash: Map<string, string>;
  /** The manifest's documents in their matching form (see `matchingForm`). */
  private readonly forms: Set<string>;
  /** Texts already judged, so a client repeating its operations pays the parse once. */
  private readonly judged = new Map<string, boolean>();

  constructor(documents: Record<string, string>) {
    this.byHash = new Map(
      Object.entries(documents).map(([hash, text]) => [hash.toLowerCase(), text]),
    );
    this.forms = new Set([...this.byHash.values()].map(text => matchingForm(parse(text))));
  }

  static fromFiles(paths: string[]): PersistedDocuments {
    const documents: Record<string, string> = {};
    for (const path of paths) {
      if (existsSync(path)) {
        Object.assign(documents, JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
      }
    }
    return new PersistedDocuments(documents);
  }

  get size() {
    return this.byHash.size;
  }

  /** `sha256:<hex>` or a bare hex hash. */
  get(documentId: string): string | undefined {
    return this.byHash.get(documentId.replace(/^sha256:/i, '').toLowerCase());
  }

  /**
   * Whether a free-form text is one of the manifest's operations, however it was printed: the
   * first-party apps send their generated documents as text (Apollo Client adds `__typename`
   * selections), so the text is compared in the form codegen hashes (sorted, whitespace-free),
   * without `__typename` and client-only `@client` fields. Anything else is not persisted.
   */
  holdsText(text: string): boolean {
    if (this.byHash.get(createHash('sha256').update(text).digest('hex')) === text) {
      return true;
    }
    let known = this.judged.get(text);
    if (known === undefined) {
      try {
        known = this.forms.has(matchingForm(parse(text)));
      } catch {
        known = false;
      }
      if (this.judged.size >= 5000) {
        this.judged.clear();
      }
      this.judged.set(text, known);
    }
    return known;
  }
}

/** The document as codegen prints it for hashing, less `__typename` and `@client` selections. */
function matchingForm(document: DocumentNode): string {
  const stripped = visit(document, {
    [Kind.FIELD](field) {
      if (
        field.name.value === '__typename' ||
        field.directives?.some(directive => directive.name.value === 'client')
      ) {
        return null;
      }
      return undefined;
    },
  });
  return printExecutableGraphQLDocument(stripped);
}

export const notFoundError = () =>
  new GraphQLError('This document id is not a persisted document of this API.', {
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
  });

export const requiredError = () =>
  new GraphQLError(
    'Only persisted documents are accepted here: send { documentId }. Free-form documents need an API key or an ADMIN or ANALYST session (the playground).',
    { extensions: { code: 'PERSISTED_QUERY_REQUIRED' } },
  );

/** Who may send documents of their own when only persisted ones are accepted. */
export const mayWriteDocuments = (viewer: Viewer | null, apiKey: RequestIdentity['apiKey']) =>
  !!apiKey || !!viewer?.roles.some(role => role === Role.ADMIN || role === Role.ANALYST);

/** The id a request names: `documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`. */
export function documentIdOf(
  body: { documentId?: unknown; extensions?: unknown } | undefined,
): string | undefined {
  if (typeof body?.documentId === 'string') {
    return body.documentId;
  }
  const hash = (body?.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * After the JSON parser: replaces a `documentId` with its document, refuses unknown ids, and with
 * `persistedOnly` refuses free-form documents from anyone but API keys and ADMIN/ANALYST sessions
 * (unless the text is a manifest document itself). POST only: GET stays for `{__typename}` checks.
 */
export function persistedDocumentsMiddleware(
  documents: PersistedDocuments,
  persistedOnly: boolean,
): express.RequestHandler {
  return (req, res, next) => {
    const body = req.body as
      { query?: unknown; documentId?: unknown; extensions?: Record<string, unknown> } | undefined;
    const { requestId, viewer, apiKey } = identityOf(res);
    const documentId = req.method === 'POST' ? documentIdOf(body) : undefined;
    if (documentId !== undefined && body) {
      const text = documents.get(documentId);
      if (!text) {
        res
          .status(400)
          .json(errorBody(notFoundError().message, 'PERSISTED_QUERY_NOT_FOUND', { requestId }));
        return;
      }
      body.query = text;
      delete body.documentId;
      if (body.extensions) {
        delete body.extensions.persistedQuery;
      }
      return next();
    }
    const query = body?.query ?? req.query.query;
    if (
      persistedOnly &&
      typeof query === 'string' &&
      !mayWriteDocuments(viewer, apiKey) &&
      !documents.holdsText(query)
    ) {
      if (req.method === 'GET' && /^\s*\{\s*__typename\s*\}\s*$/.test(query)) {
        return next(); // health checks (`GET /graphql?query={__typename}`)
      }
      res
        .status(400)
        .json(errorBody(requiredError().message, 'PERSISTED_QUERY_REQUIRED', { requestId }));
      return;
    }
    next();
  };
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  RefreshSessionDocument,
  SignInDocument,
  SignInWithLinkDocument,
  SignOutDocument,
  SignUpDocument,
  type SessionUserFragment,
} from '@vp/client/src/gql/graphql';
import type {
  Session,
  SessionProblem,
  SessionResult,
  SessionTransport,
} from '@vp/client/src/session';
import { print } from 'graphql';
import type { RefreshTokenStore } from './refresh-token-store';

/**
 * The app's sessions, straight with the gateway (a phone app has no server of its own to keep an
 * httpOnly cookie): signIn / signUp / refreshSession / signOut, the access token in the
 * SessionHolder's memory and the refresh token in `store`. Refresh tokens work once; the
 * SessionHolder runs one refresh at a time, and each new token is stored before it is used. A
 * refresh the platform refuses (expired, signed out elsewhere, reused) clears the store; an outage
 * keeps it for the next try.
 */
interface SessionPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUserFragment;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; reason?: string; problems?: SessionProblem[] };
}

const texts = new WeakMap<object, string>();
const textOf = (document: object) => {
  let text = texts.get(document);
  if (!text) {
    text = print(document as never);
    texts.set(document, text);
  }
  return text;
};

const sessionOf = (payload: SessionPayload): Session => ({
  accessToken: payload.accessToken,
  expiresAt: new Date(payload.accessTokenExpiresAt).getTime(),
  user: { ...payload.user, roles: [...payload.user.roles] },
});

const unavailable: SessionResult = {
  error: { message: 'Network error.', code: 'UNAVAILABLE' },
};

export function gatewaySessions(
  gatewayUrl: string,
  store: RefreshTokenStore,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): SessionTransport {
  async function call<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V,
  ): Promise<{ data?: R | null; errors?: GraphQLErrorLike[] } | null> {
    try {
      const response = await fetchImpl(gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query: textOf(document), variables }),
      });
      return (await response.json()) as { data?: R | null; errors?: GraphQLErrorLike[] };
    } catch {
      return null;
    }
  }

  const refused = (errors: GraphQLErrorLike[] | undefined): SessionResult => {
    const first = errors?.[0];
    return {
      error: {
        message: first?.message ?? 'Something went wrong.',
        code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
        reason: first?.extensions?.reason,
        problems: first?.extensions?.problems,
      },
    };
  };

  async function opened(payload: SessionPayload | undefined | null, errors?: GraphQLErrorLike[]) {
    if (!payload) {
      return refused(errors);
    }
    await store.set(payload.refreshToken);
    return { session: sessionOf(payload) };
  }

  return async (action, body) => {
    switch (action) {
      case 'sign-in': {
        const answer = await call(SignInDocument, {
          input: { email: String(body.email ?? ''), password: String(body.password ?? '') },
        });
        return answer ? opened(answer.data?.signIn, answer.errors) : unavailable;
      }
      case 'sign-up': {
        const answer = await call(SignUpDocument, {
          input: {
            email: String(body.email ?? ''),
            password: String(body.password ?? ''),
            handle: String(body.handle ?? ''),
            displayName: String(body.displayName ?? ''),
            birthDate: String(body.birthDate ?? ''),
          },
        });
        return answer ? opened(answer.data?.signUp, answer.errors) : unavailable;
      }
      case 'sign-in-link': {
        const answer = await call(SignInWithLinkDocument, { token: String(body.token ?? '') });
        return answer ? opened(answer.data?.signInWithLink, answer.errors) : unavailable;
      }
      case 'refresh': {
        const refreshToken = await store.get();
        if (!refreshToken) {
          return { error: { message: 'Not signed in.', code: 'UNAUTHENTICATED' } };
        }
        const answer = await call(RefreshSessionDocument, { refreshToken });
        if (!answer) {
          return unavailable;
        }
        if (answer.data?.refreshSession) {
          return opened(answer.data.refreshSession);
        }
        const code = answer.errors?.[0]?.extensions?.code;
        if (code === 'UNAVAILABLE' || code === 'INTERNAL_SERVER_ERROR' || code === 'RATE_LIMITED') {
          return refused(answer.errors);
        }
        // expired, revoked, reused, or the account suspended: this token is done
        await store.clear();
        return {
          error: {
            message: answer.errors?.[0]?.message ?? 'The session has ended.',
            code: 'UNAUTHENTICATED',
          },
        };
      }
      case 'sign-out': {
        const refreshToken = await store.get();
        await store.clear();
        if (refreshToken) {
          await call(SignOutDocument, { refreshToken });
        }
        return { ok: true };
      }
    }
  };
}

import { NextResponse, type NextRequest } from 'next/server';
import {
  SignInDocument,
  SignInWithLinkDocument,
  SignOutDocument,
  SignUpDocument,
  type SignInInput,
  type SignUpInput,
} from '@vp/client/src/gql/graphql';
import { clientAddressOf } from '@/lib/env';
import type { GraphQLErrorLike } from '@/lib/graphql-errors';
import { serverGraphql } from '@/lib/server-graphql';
import {
  forgetSession,
  refreshCookieName,
  refreshCookieOptions,
  rememberSession,
  resolveSession,
  sessionOf,
} from '@/lib/session-store';

/**
 * The session routes: POST /api/session/sign-in | sign-in-link | sign-up | refresh | sign-out. They alone touch
 * the refresh-token cookie (httpOnly, SameSite=Strict, Secure in production); the answer carries
 * the access token for the page's memory only. Same-origin JSON requests only: a form on another
 * site can neither send the cookie (Strict) nor pass the Origin and content-type checks.
 */
export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

function refused(status: number, message: string, code: string, extra: Partial<GraphQLErrorLike['extensions']> = {}) {
  return NextResponse.json({ error: { message, code, ...extra } }, { status, headers: noStore });
}

function sameOrigin(request: NextRequest) {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') {
    return false;
  }
  const origin = request.headers.get('origin');
  if (!origin) {
    return site === 'same-origin';
  }
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function fromGraphqlError(errors: GraphQLErrorLike[]) {
  const error = errors[0] ?? { message: 'Something went wrong.' };
  const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const status =
    code === 'BAD_USER_INPUT'
      ? 400
      : code === 'UNAUTHENTICATED'
        ? 401
        : code === 'RATE_LIMITED'
          ? 429
          : code === 'FORBIDDEN'
            ? 403
            : code === 'UNAVAILABLE'
              ? 503
              : 500;
  // reason: SIGN_IN_LINK_REQUIRED tells the sign-in form to offer an emailed link
  const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : undefined;
  return refused(status, error.message, code, { problems: error.extensions?.problems, ...(reason ? { reason } : {}) });
}

export async function POST(request: NextRequest, context: { params: Promise<{ action: string }> }) {
  const { action } = await context.params;
  if (!sameOrigin(request)) {
    return refused(403, 'Cross-site request refused.', 'FORBIDDEN');
  }
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    return refused(415, 'Send JSON.', 'BAD_REQUEST');
  }
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const clientAddress = clientAddressOf(request.headers);
  const cookieName = refreshCookieName();
  const current = request.cookies.get(cookieName)?.value;

  const opened = (payload: Parameters<typeof sessionOf>[0] & { refreshToken: string }) => {
    const session = sessionOf(payload);
    rememberSession(payload.refreshToken, session);
    const response = NextResponse.json({ session }, { headers: noStore });
    response.cookies.set(cookieName, payload.refreshToken, refreshCookieOptions());
    return response;
  };

  switch (action) {
    case 'sign-in': {
      const input = { email: String(body?.email ?? ''), password: String(body?.password ?? '') } satisfies SignInInput;
      const { data, errors } = await serverGraphql(SignInDocument, { input }, { clientAddress });
      return data?.signIn ? opened(data.signIn) : fromGraphqlError(errors);
    }
    case 'sign-in-link': {
      const { data, errors } = await serverGraphql(SignInWithLinkDocument, { token: String(body?.token ?? '') }, { clientAddress });
      return data?.signInWithLink ? opened(data.signInWithLink) : fromGraphqlError(errors);
    }
    case 'sign-up': {
      const input = {
        email: String(body?.email ?? ''),
        password: String(body?.password ?? ''),
        handle: String(body?.handle ?? ''),
        displayName: String(body?.displayName ?? ''),
        birthDate: String(body?.birthDate ?? ''),
      } satisfies SignUpInput;
      const { data, errors } = await serverGraphql(SignUpDocument, { input }, { clientAddress });
      return data?.signUp ? opened(data.signUp) : fromGraphqlError(errors);
    }
    case 'refresh': {
      if (!current) {
        return refused(401, 'Not signed in.', 'UNAUTHENTICATED');
      }
      const resolution = await resolveSession(current, clientAddress);
      if (resolution.kind === 'unavailable') {
        return refused(503, 'The service is unavailable.', 'UNAVAILABLE');
      }
      if (resolution.kind === 'invalid') {
        const response = refused(401, 'The session has ended.', 'UNAUTHENTICATED');
        response.cookies.set(cookieName, '', refreshCookieOptions(0));
        return response;
      }
      const response = NextResponse.json({ session: resolution.session }, { headers: noStore });
      if (resolution.refreshToken !== current) {
        response.cookies.set(cookieName, resolution.refreshToken, refreshCookieOptions());
      }
      return response;
    }
    case 'sign-out': {
      if (current) {
        // the live token, if this one was already rotated
        const resolution = await resolveSession(current, clientAddress);
        const live = resolution.kind === 'session' ? resolution.refreshToken : current;
        await serverGraphql(SignOutDocument, { refreshToken: live }, { clientAddress });
        forgetSession(current);
        forgetSession(live);
      }
      const response = NextResponse.json({ ok: true }, { headers: noStore });
      response.cookies.set(cookieName, '', refreshCookieOptions(0));
      return response;
    }
    default:
      return refused(404, 'No such session action.', 'NOT_FOUND');
  }
}

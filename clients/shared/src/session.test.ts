import { refreshingFetch } from './apollo';
import { type Session, SessionHolder } from './session';

const session = (accessToken: string): Session => ({
  accessToken,
  expiresAt: Date.now() + 10 * 60_000,
  user: { id: 'u1', handle: 'u', displayName: 'U', roles: ['VIEWER'] },
});

/** The app's own /api/session/refresh route, answering the next session. */
function refreshRoute(next: Session | null) {
  const calls: string[] = [];
  const spy = jest.spyOn(global, 'fetch').mockImplementation(async input => {
    calls.push(String(input));
    const body = next
      ? { session: next }
      : { error: { message: 'The session has ended.', code: 'UNAUTHENTICATED' } };
    return new Response(JSON.stringify(body), { status: next ? 200 : 401 });
  });
  return { calls, restore: () => spy.mockRestore() };
}

describe('a refused (revoked) access token', () => {
  it('is refreshed once and the request sent again with the new token', async () => {
    const holder = new SessionHolder(session('old'));
    const route = refreshRoute(session('new'));
    const sent: (string | null)[] = [];
    const graphql = refreshingFetch(holder, async (_input, init) => {
      const token = new Headers(init?.headers).get('authorization');
      sent.push(token);
      return new Response('{}', { status: token === 'Bearer new' ? 200 : 401 });
    });
    try {
      const response = await graphql('/graphql', { headers: { authorization: 'Bearer old' } });
      expect(response.status).toBe(200);
      expect(sent).toEqual(['Bearer old', 'Bearer new']);
      expect(route.calls).toEqual(['/api/session/refresh']);
      expect(holder.session?.accessToken).toBe('new');
    } finally {
      route.restore();
    }
  });

  it('ends the session when the refresh is refused too (signed out, suspended)', async () => {
    const holder = new SessionHolder(session('old'));
    const route = refreshRoute(null);
    const graphql = refreshingFetch(holder, async () => new Response('{}', { status: 401 }));
    try {
      expect((await graphql('/graphql', { headers: { authorization: 'Bearer old' } })).status).toBe(
        401,
      );
      expect(holder.session).toBeNull();
    } finally {
      route.restore();
    }
  });

  it('leaves answers to requests without a token alone', async () => {
    const holder = new SessionHolder(null);
    const route = refreshRoute(session('new'));
    const graphql = refreshingFetch(holder, async () => new Response('{}', { status: 401 }));
    try {
      expect((await graphql('/graphql', {})).status).toBe(401);
      expect(route.calls).toEqual([]);
    } finally {
      route.restore();
    }
  });
});

/**
 * The browser's side of sessions, shared by the web app and the studio. The access token lives in
 * this object's memory only (never in localStorage, sessionStorage or a readable cookie); the
 * refresh token is an httpOnly SameSite=Strict cookie that only the app's own server routes
 * (POST /api/session/sign-in | sign-in-link | sign-up | refresh | sign-out) read and set. A minute before the access token
 * expires it is refreshed through /api/session/refresh, which rotates that cookie.
 */
export interface SessionUser {
  id: string;
  handle: string;
  displayName: string;
  avatarUrl?: string | null;
  roles: string[];
}

export interface Session {
  accessToken: string;
  /** ms since the epoch */
  expiresAt: number;
  user: SessionUser;
}

export interface SessionProblem {
  field?: string;
  path?: string;
  message: string;
}

export type SessionResult =
  | { session: Session }
  | { ok: true }
  | { error: { message: string; code: string; reason?: string; problems?: SessionProblem[] } };

export type SessionAction = 'sign-in' | 'sign-in-link' | 'sign-up' | 'refresh' | 'sign-out';

/**
 * How a SessionHolder opens, refreshes and ends sessions. The browser apps' default,
 * `sessionRequest`, asks their own server routes (the refresh token in an httpOnly cookie); the
 * mobile app, which has no server of its own, talks to the gateway and keeps the refresh token
 * in the device's secure store (clients/mobile/src/lib/session.ts).
 */
export type SessionTransport = (
  action: SessionAction,
  body: Record<string, unknown>,
) => Promise<SessionResult>;

export async function sessionRequest(
  action: SessionAction,
  body: Record<string, unknown>,
): Promise<SessionResult> {
  try {
    const response = await fetch(`/api/session/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    return (await response.json()) as SessionResult;
  } catch {
    return { error: { message: 'Network error.', code: 'UNAVAILABLE' } };
  }
}

/** The longest a step before sign-out (beforeSignOut) may hold the sign-out up. */
export const SIGN_OUT_STEP_MS = 3_000;

export class SessionHolder {
  session: Session | null;
  private listeners = new Set<() => void>();
  private signOutSteps = new Set<() => Promise<void>>();
  private refreshing: Promise<Session | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initial: Session | null,
    private readonly request: SessionTransport = sessionRequest,
  ) {
    this.session = initial;
    this.schedule();
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  set(session: Session | null) {
    this.session = session;
    this.schedule();
    this.listeners.forEach(listener => listener());
  }

  /** Stops the refresh timer (an app or a test that is done with this holder). */
  dispose() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.session && typeof window !== 'undefined') {
      const wait = Math.max(5_000, this.session.expiresAt - Date.now() - 60_000);
      this.timer = setTimeout(() => void this.refresh(), wait);
    }
  }

  /** A token good for at least a little while, refreshing first when it is about to expire. */
  async token(): Promise<string | null> {
    if (this.refreshing) {
      await this.refreshing;
    }
    if (!this.session) {
      return null;
    }
    if (this.session.expiresAt - Date.now() < 30_000) {
      return (await this.refresh())?.accessToken ?? null;
    }
    return this.session.accessToken;
  }

  /**
   * The platform refused `token` (401, or a socket closed with 4403): it was revoked — a role or
   * password change, a sign-out elsewhere — or expired. Refreshes once (a later token is kept as
   * it is) and answers the token to retry with, or null when the session has ended.
   */
  async tokenRefused(token: string): Promise<string | null> {
    if (this.session?.accessToken === token) {
      await this.refresh();
    } else if (this.refreshing) {
      await this.refreshing;
    }
    const current = this.session?.accessToken ?? null;
    return current && current !== token ? current : null;
  }

  /** One refresh at a time; an UNAUTHENTICATED answer signs out, an outage keeps the session. */
  refresh(): Promise<Session | null> {
    this.refreshing ??= this.request('refresh', {})
      .then(result => {
        const session = 'session' in result ? result.session : null;
        if (session || ('error' in result && result.error.code === 'UNAUTHENTICATED')) {
          this.set(session);
        }
        return session;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  signIn(email: string, password: string): Promise<SessionResult> {
    return this.open('sign-in', { email, password });
  }

  /** Signs in or up (the action's fields in `body`); a session answered becomes this holder's. */
  async open(
    action: 'sign-in' | 'sign-up' | 'sign-in-link',
    body: Record<string, unknown>,
  ): Promise<SessionResult> {
    const result = await this.request(action, body);
    if ('session' in result) {
      this.set(result.session);
    }
    return result;
  }

  /**
   * Work to do while the session is still live, just before each sign-out (the mobile app
   * unregisters its push token). A step that fails or hangs does not hold the sign-out up for
   * more than `SIGN_OUT_STEP_MS`. Returns the function that removes the step.
   */
  beforeSignOut(step: () => Promise<void>) {
    this.signOutSteps.add(step);
    return () => {
      this.signOutSteps.delete(step);
    };
  }

  async signOut(): Promise<void> {
    await Promise.all(
      [...this.signOutSteps].map(
        step =>
          new Promise<void>(resolve => {
            const timer = setTimeout(resolve, SIGN_OUT_STEP_MS);
            void step()
              .catch(() => undefined)
              .finally(() => {
                clearTimeout(timer);
                resolve();
              });
          }),
      ),
    );
    await this.request('sign-out', {});
    this.set(null);
  }
}

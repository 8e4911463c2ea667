/** What the browser and the server-rendered pages know of a signed-in viewer. */
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

/** The request header through which the proxy hands the session to server components. */
export const SESSION_HEADER = 'x-vp-session';

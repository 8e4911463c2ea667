/** The request header through which the proxy hands the session to server components. */
export const SESSION_HEADER = 'x-vp-session';

import { useEffect, useState } from 'react';
import { type SessionHolder, type SessionUser } from './session';

/** The signed-in user of a session (null when signed out), re-rendering on sign-in, refresh and sign-out. */
export function useSessionUser(holder: SessionHolder): SessionUser | null {
  const [user, setUser] = useState(holder.session?.user ?? null);
  useEffect(() => {
    setUser(holder.session?.user ?? null);
    return holder.subscribe(() => setUser(holder.session?.user ?? null));
  }, [holder]);
  return user;
}

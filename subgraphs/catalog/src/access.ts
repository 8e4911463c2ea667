import { forbidden, hasRole, Role, unauthenticated, type Viewer } from '@vp/kit';

/** Whoever curates the catalog: CATALOG_MANAGER, or ADMIN. */
export const isManager = (viewer: Viewer | null) =>
  hasRole(viewer, Role.CATALOG_MANAGER) || hasRole(viewer, Role.ADMIN);

/** Managers only: anonymous callers UNAUTHENTICATED, anyone else FORBIDDEN. */
export function requireManager(viewer: Viewer | null): Viewer {
  if (!viewer) {
    throw unauthenticated();
  }
  if (!isManager(viewer)) {
    throw forbidden('Only catalog managers may change the catalog.');
  }
  return viewer;
}

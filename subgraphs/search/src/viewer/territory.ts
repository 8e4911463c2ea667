import { type IncomingHttpHeaders } from 'node:http';

/** Where a viewer is taken to be when nothing says otherwise: the platform's home market. */
export const DEFAULT_TERRITORY = 'JP';

export const TERRITORY_HEADER = 'x-viewer-territory';

/**
 * The viewer's territory (ISO 3166-1 alpha-2, upper case), which decides the catalog titles they
 * may find. Read from the `x-viewer-territory` header the gateway sets (from the client's address
 * or account; a client cannot set it past the gateway); JP when it is absent or not a territory
 * code. The one place search learns it: swap this function when it comes from elsewhere.
 */
export function viewerTerritory(headers: IncomingHttpHeaders | undefined): string {
  const value = headers?.[TERRITORY_HEADER];
  const code = (Array.isArray(value) ? value[0] : value)?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? code : DEFAULT_TERRITORY;
}

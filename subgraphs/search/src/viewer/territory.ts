import { type BaseContext } from '@vp/kit';

/**
 * The viewer's territory (an ISO 3166-1 alpha-2 code), which decides the catalog titles they may
 * find. Today the kit's reading of the request (`context.territory`): the `x-viewer-territory`
 * header the gateway sets, believed only from a trusted hop, else DEFAULT_TERRITORY (JP). The one
 * place search learns it: swap this function when it comes from elsewhere (an account setting).
 */
export const viewerTerritory = (context: Pick<BaseContext, 'territory'>): string =>
  context.territory;

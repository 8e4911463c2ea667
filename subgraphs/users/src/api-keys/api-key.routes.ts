import { type MikroORM } from '@mikro-orm/postgresql';
import { type SigningKeys } from '@vp/kit';
import express from 'express';
import { verifyApiKey } from './api-key.service';

/** Where the gateway asks about a key it was shown. Not forwarded by the gateway (internal). */
export const VERIFY_API_KEY_PATH = '/internal/api-keys/verify';

/**
 * POST {"key": "vp_…"} → 200 with the key's owner, scopes, origins, budget and an access token for
 * the owner limited to the scopes; 401 for an unknown or revoked key. Only the gateway calls it
 * (subgraphs are on loopback or the private network); it tells nothing to anyone who does not
 * already hold the key.
 */
export function mountApiKeyRoutes(
  app: express.Express,
  orm: MikroORM,
  signingKey: SigningKeys['privateJwk'],
) {
  app.post(VERIFY_API_KEY_PATH, express.json({ limit: '1kb' }), async (req, res, next) => {
    try {
      const key = (req.body as { key?: unknown } | undefined)?.key;
      const verified =
        typeof key === 'string' ? await verifyApiKey(orm.em.fork(), signingKey, key) : null;
      if (!verified) {
        res.status(401).json({ error: 'unknown or revoked key' });
        return;
      }
      res.json(verified);
    } catch (error) {
      next(error);
    }
  });
}

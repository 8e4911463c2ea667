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

export const API_KEY_ORIGINS_PATH = '/internal/api-keys/origins';

/** Every browser origin some live key allows: the gateway answers CORS preflights from it. */
export function mountApiKeyOriginsRoute(app: express.Express, orm: MikroORM) {
  app.get(API_KEY_ORIGINS_PATH, async (_req, res, next) => {
    try {
      const rows: { origin: string }[] = await orm.em
        .getConnection()
        .execute(
          'select distinct unnest(allowed_origins) as origin from users.api_key where revoked_at is null and cardinality(allowed_origins) > 0',
        );
      res.json(rows.map(row => row.origin));
    } catch (error) {
      next(error);
    }
  });
}

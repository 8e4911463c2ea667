import { createHmac, generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT, UnsecuredJWT } from 'jose';
import {
  ACCESS_TOKEN_TYPE,
  createTokenVerifier,
  generateSigningKeys,
  Role,
  signAccessToken,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  viewerFromAuthorization,
} from './auth';
import { createRevocationList } from './revocation';

const viewer = {
  id: 'a2a4f6b0-1111-4c1e-9c55-2f4b7d0c0001',
  roles: [Role.CREATOR],
  sessionId: 's1',
};

describe('access tokens', () => {
  let keys: Awaited<ReturnType<typeof generateSigningKeys>>;
  let verify: ReturnType<typeof createTokenVerifier>;

  beforeAll(async () => {
    keys = await generateSigningKeys();
    verify = createTokenVerifier(keys.jwks);
  });

  const expectRefused = async (token: string) =>
    expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

  it('accepts a token it signed and returns the viewer', async () => {
    const { token, expiresAt } = await signAccessToken(keys.privateJwk, viewer);
    await expect(verify(token)).resolves.toEqual({ ...viewer, issuedAtMs: expect.any(Number) });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
  });

  it('refuses an expired token', async () => {
    const { token } = await signAccessToken(keys.privateJwk, viewer, -60);
    await expectRefused(token);
  });

  it('refuses a token whose payload was tampered with', async () => {
    const { token } = await signAccessToken(keys.privateJwk, viewer);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.roles = [Role.ADMIN];
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    await expectRefused(`${header}.${forged}.${signature}`);
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ roles: [Role.ADMIN], sid: 's' })
      .setSubject(viewer.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await expectRefused(token);
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const publicJwk = keys.jwks.keys[0];
    const header = { alg: 'HS256', typ: ACCESS_TOKEN_TYPE, kid: publicJwk.kid };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: viewer.id,
      sid: 's',
      roles: ['ADMIN'],
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat: now,
      exp: now + 300,
    };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode(header)}.${encode(claims)}`;
    const signature = createHmac('sha256', JSON.stringify(publicJwk))
      .update(unsigned)
      .digest('base64url');
    await expectRefused(`${unsigned}.${signature}`);
  });

  it('refuses a token signed by another key, even one it names in a jwk header', async () => {
    const other = await generateSigningKeys();
    const { token } = await signAccessToken(other.privateJwk, viewer);
    await expectRefused(token);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const embedded = await new SignJWT({ sid: 's', roles: [] })
      .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, jwk: await exportJWK(publicKey) })
      .setSubject(viewer.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expectRefused(embedded);
  });

  it('refuses the wrong audience, issuer or token type', async () => {
    const key = keys.privateJwk;
    const { importJWK } = await import('jose');
    const signingKey = await importJWK(key, 'EdDSA');
    const build = (typ: string, iss: string, aud: string) =>
      new SignJWT({ sid: 's', roles: [] })
        .setProtectedHeader({ alg: 'EdDSA', typ, kid: key.kid })
        .setSubject(viewer.id)
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signingKey);
    await expect(
      verify(await build(ACCESS_TOKEN_TYPE, TOKEN_ISSUER, TOKEN_AUDIENCE)),
    ).resolves.toBeTruthy();
    await expectRefused(await build('refresh+jwt', TOKEN_ISSUER, TOKEN_AUDIENCE));
    await expectRefused(await build(ACCESS_TOKEN_TYPE, 'someone-else', TOKEN_AUDIENCE));
    await expectRefused(await build(ACCESS_TOKEN_TYPE, TOKEN_ISSUER, 'other-api'));
  });

  it('reads the Authorization header: none is anonymous, a malformed one is refused', async () => {
    await expect(viewerFromAuthorization(undefined, verify)).resolves.toBeNull();
    await expect(viewerFromAuthorization('Basic abc', verify)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const { token } = await signAccessToken(keys.privateJwk, viewer);
    await expect(viewerFromAuthorization(`Bearer ${token}`, verify)).resolves.toEqual({
      ...viewer,
      issuedAtMs: expect.any(Number),
    });
  });

  describe('the verified-token cache', () => {
    it("refuses a cached token as soon as its session is revoked, and its user's tokens", async () => {
      const revocations = createRevocationList();
      const cached = createTokenVerifier(keys.jwks, revocations);
      const { token } = await signAccessToken(keys.privateJwk, viewer);
      await expect(cached(token)).resolves.toMatchObject({ id: viewer.id });
      await expect(cached(token)).resolves.toMatchObject({ id: viewer.id });
      revocations.apply({ userId: viewer.id, sessionId: viewer.sessionId, reason: 'SIGNED_OUT' });
      await expect(cached(token)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });

      const other = { ...viewer, sessionId: 's2' };
      const { token: second } = await signAccessToken(keys.privateJwk, other);
      await expect(cached(second)).resolves.toMatchObject({ sessionId: 's2' });
      revocations.apply({ userId: viewer.id, notBefore: Date.now(), reason: 'PASSWORD_RESET' });
      await expect(cached(second)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });

    it('refuses a cached token once it has expired', async () => {
      let at = Date.now();
      const cached = createTokenVerifier(keys.jwks, undefined, () => at);
      const { token, expiresAt } = await signAccessToken(keys.privateJwk, viewer, 120);
      await expect(cached(token)).resolves.toMatchObject({ id: viewer.id });
      at = expiresAt.getTime() - 1000;
      await expect(cached(token)).resolves.toMatchObject({ id: viewer.id });
      at = expiresAt.getTime();
      await expect(cached(token)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
      at = Date.now();
      // and it is checked again in full afterwards (jose's own clock): valid again before exp
      await expect(cached(token)).resolves.toMatchObject({ id: viewer.id });
    });

    it('hands each request its own copy of the viewer', async () => {
      const cached = createTokenVerifier(keys.jwks);
      const { token } = await signAccessToken(keys.privateJwk, viewer);
      const first = await cached(token);
      first.roles.push(Role.ADMIN);
      first.id = 'someone-else';
      await expect(cached(token)).resolves.toEqual({ ...viewer, issuedAtMs: expect.any(Number) });
    });

    it('never caches a token that failed, nor lets a tampered copy of a cached one through', async () => {
      const cached = createTokenVerifier(keys.jwks);
      const { token } = await signAccessToken(keys.privateJwk, viewer);
      await cached(token);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      claims.roles = [Role.ADMIN];
      const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      for (let i = 0; i < 2; i++) {
        await expect(cached(forged)).rejects.toMatchObject({
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
    });
  });
});

import { generateSigningKeys, signAccessToken } from '@vp/kit';
import { errorCodes, testKeys } from '@vp/kit/testing';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { ME, startUsers, type UsersHarness } from '../../test/harness';

let users: UsersHarness;
let real: { accessToken: string; user: { id: string } };
beforeAll(async () => {
  users = await startUsers();
  real = await users.signUp();
});
afterAll(() => users.stop());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expectRefused(token: string) {
  const response = await users.query(ME, {}, token);
  expect(response.data ?? null).toBeNull();
  expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
}

describe('an access token presented straight to the users subgraph', () => {
  it('works when genuine (the control case)', async () => {
    expect((await users.query(ME, {}, real.accessToken)).data.me.id).toBe(real.user.id);
  });

  it('is refused with alg none', async () => {
    const claims = decodeJwt(real.accessToken);
    await expectRefused(
      `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...claims, roles: ['ADMIN'] })}.`,
    );
  });

  it('is refused with a tampered payload (roles raised)', async () => {
    const [header, payload, signature] = real.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    await expectRefused(`${header}.${b64({ ...claims, roles: ['ADMIN'] })}.${signature}`);
  });

  it('is refused with a tampered signature', async () => {
    const [header, payload, signature] = real.accessToken.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expectRefused(`${header}.${payload}.${flipped}`);
  });

  it('is refused when signed by another key with the same kid (forged)', async () => {
    const { privateJwk } = await generateSigningKeys();
    const realKid = decodeProtectedHeader(real.accessToken).kid;
    const claims = decodeJwt(real.accessToken);
    const forged = await signAccessToken(
      { ...privateJwk, kid: realKid },
      {
        id: real.user.id,
        roles: [],
        sessionId: String(claims.sid),
      },
    );
    await expectRefused(forged.token);
  });

  it('is refused when HS256-signed with the public key as the secret', async () => {
    const { jwks } = await testKeys();
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const claims = decodeJwt(real.accessToken);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwks.keys[0].kid })
      .sign(secret);
    await expectRefused(token);
  });

  it('is refused once expired, even for a live session', async () => {
    const { privateJwk } = await testKeys();
    const claims = decodeJwt(real.accessToken);
    const key = await importJWK(privateJwk, 'EdDSA');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await new SignJWT({ roles: [], sid: claims.sid })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: privateJwk.kid })
      .setSubject(real.user.id)
      .setIssuer(String(claims.iss))
      .setAudience(claims.aud as string)
      .setIssuedAt(past - 600)
      .setExpirationTime(past)
      .sign(key);
    await expectRefused(token);
  });

  it('is refused when validly signed but naming a session that does not exist', async () => {
    const { privateJwk } = await testKeys();
    const { token } = await signAccessToken(privateJwk, {
      id: real.user.id,
      roles: [],
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    await expectRefused(token);
  });

  it('is refused when validly signed for another account than its session', async () => {
    const other = await users.signUp();
    const { privateJwk } = await testKeys();
    const { token } = await signAccessToken(privateJwk, {
      id: other.user.id,
      roles: [],
      sessionId: String(decodeJwt(real.accessToken).sid),
    });
    await expectRefused(token);
  });

  it('is refused when it is not a JWT at all, with a 401', async () => {
    const response = await users.query(ME, {}, 'not-a-token');
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

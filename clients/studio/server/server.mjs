/* global process, fetch, URL, Buffer, console */
// The studio's server: the built SPA (dist/), the session routes that alone touch the refresh-token
// cookie, and a same-origin GraphQL pass-through to the gateway. Plain node:http, no framework.
//
//   STUDIO_PORT (3001)  HOST (0.0.0.0)  GATEWAY_URL (http://127.0.0.1:4000/graphql, as this server
//   reaches it)  PUBLIC_GATEWAY_URL (http://localhost:4000, as browsers reach it: WebSocket, uploads)
//   PLATFORM_ENV=production or an https PUBLIC_STUDIO_URL: Secure __Host- cookie.
//   STUDIO_TRUST_PROXY=true: pass X-Forwarded-For on (only behind a proxy that overwrites it).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const trimSlash = url => url.replace(/\/+$/, '');

export function studioConfig(env = process.env) {
  const publicStudioUrl = trimSlash(
    env.PUBLIC_STUDIO_URL || `http://localhost:${env.STUDIO_PORT || 3001}`,
  );
  return {
    port: Number(env.STUDIO_PORT || 3001),
    host: env.HOST || '0.0.0.0',
    gatewayUrl: env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql',
    publicGatewayUrl: trimSlash(env.PUBLIC_GATEWAY_URL || 'http://localhost:4000'),
    publicWebUrl: trimSlash(env.PUBLIC_WEB_URL || 'http://localhost:3000'),
    secureCookies: env.PLATFORM_ENV === 'production' || publicStudioUrl.startsWith('https:'),
    trustProxy: env.STUDIO_TRUST_PROXY === 'true',
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const AUTH_FIELDS =
  'accessToken refreshToken accessTokenExpiresAt user { id handle displayName avatarUrl roles }';
const SIGN_IN = `mutation StudioServerSignIn($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation StudioServerRefresh($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;
const SIGN_OUT = `mutation StudioServerSignOut($t: String!) { signOut(refreshToken: $t) }`;

const STATUS_OF = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export function createStudioServer(config = studioConfig()) {
  const cookieName = config.secureCookies ? '__Host-vp_studio_rt' : 'vp_studio_rt';
  /**
   * Refresh tokens work once and reuse ends the session everywhere: two requests racing with the
   * same cookie (two tabs, a reload during a refresh) must not both spend it. One refresh runs per
   * token, and for a minute the spent token maps to its answer, whose cookie is set again.
   */
  const recent = new Map();
  const hash = token => createHash('sha256').update(token).digest('base64url');

  let indexHtml = null;
  const index = () => {
    if (!indexHtml) {
      const config_ = JSON.stringify({
        wsUrl: `${config.publicGatewayUrl.replace(/^http/, 'ws')}/graphql`,
        webUrl: config.publicWebUrl,
      }).replace(/</g, '\\u003c');
      indexHtml = readFileSync(join(DIST, 'index.html'), 'utf8').replace(
        '<!--vp-config-->',
        `<script type="application/json" id="vp-config">${config_}</script>`,
      );
    }
    return indexHtml;
  };

  async function gateway(query, variables, clientAddress) {
    try {
      const response = await fetch(config.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'apollo-require-preflight': 'true',
          ...(clientAddress ? { 'x-forwarded-for': clientAddress } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return await response.json();
    } catch {
      return {
        errors: [{ message: 'The service is unavailable.', extensions: { code: 'UNAVAILABLE' } }],
      };
    }
  }

  function cookie(value, maxAge) {
    return [
      `${cookieName}=${value}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${maxAge}`,
      ...(config.secureCookies ? ['Secure'] : []),
    ].join('; ');
  }

  function readCookie(req) {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === cookieName) {
        return rest.join('=');
      }
    }
    return null;
  }

  function json(res, status, body, headers = {}) {
    res.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  function refused(res, errors, headers) {
    const error = errors?.[0] ?? { message: 'Something went wrong.' };
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    json(
      res,
      STATUS_OF[code] ?? 500,
      { error: { message: error.message, code, problems: error.extensions?.problems } },
      headers,
    );
  }

  const sessionOf = payload => ({
    accessToken: payload.accessToken,
    expiresAt: new Date(payload.accessTokenExpiresAt).getTime(),
    user: payload.user,
  });

  function sameOrigin(req) {
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin') {
      return false;
    }
    const origin = req.headers.origin;
    if (!origin) {
      return site === 'same-origin';
    }
    try {
      return new URL(origin).host === (req.headers['x-forwarded-host'] ?? req.headers.host);
    } catch {
      return false;
    }
  }

  async function readBody(req, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > limit) {
        throw Object.assign(new Error('too large'), { status: 413 });
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  const clientAddressOf = req =>
    config.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          .trim() || null
      : null;

  function refreshOnce(token, clientAddress) {
    const key = hash(token);
    const now = Date.now();
    for (const [k, entry] of recent) {
      if (entry.until < now) {
        recent.delete(k);
      }
    }
    let entry = recent.get(key);
    if (!entry) {
      entry = { until: now + 60_000, answer: gateway(REFRESH, { t: token }, clientAddress) };
      recent.set(key, entry);
    }
    return entry.answer;
  }

  async function session(req, res, action) {
    if (!sameOrigin(req)) {
      return json(res, 403, {
        error: { message: 'Cross-site request refused.', code: 'FORBIDDEN' },
      });
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return json(res, 415, { error: { message: 'Send JSON.', code: 'BAD_REQUEST' } });
    }
    let body;
    try {
      body = JSON.parse((await readBody(req, 16_384)).toString('utf8') || '{}');
    } catch {
      return json(res, 400, { error: { message: 'Send JSON.', code: 'BAD_REQUEST' } });
    }
    const clientAddress = clientAddressOf(req);
    const current = readCookie(req);
    switch (action) {
      case 'sign-in': {
        const input = { email: String(body?.email ?? ''), password: String(body?.password ?? '') };
        const { data, errors } = await gateway(SIGN_IN, { input }, clientAddress);
        if (!data?.signIn) {
          return refused(res, errors);
        }
        return json(
          res,
          200,
          { session: sessionOf(data.signIn) },
          { 'set-cookie': cookie(data.signIn.refreshToken, 30 * 86400) },
        );
      }
      case 'refresh': {
        if (!current) {
          return json(res, 401, { error: { message: 'Not signed in.', code: 'UNAUTHENTICATED' } });
        }
        const { data, errors } = await refreshOnce(current, clientAddress);
        if (!data?.refreshSession) {
          const code = errors?.[0]?.extensions?.code;
          if (
            code === 'UNAVAILABLE' ||
            code === 'RATE_LIMITED' ||
            code === 'INTERNAL_SERVER_ERROR'
          ) {
            return refused(res, errors);
          }
          return json(
            res,
            401,
            { error: { message: 'The session has ended.', code: 'UNAUTHENTICATED' } },
            { 'set-cookie': cookie('', 0) },
          );
        }
        return json(
          res,
          200,
          { session: sessionOf(data.refreshSession) },
          {
            'set-cookie': cookie(data.refreshSession.refreshToken, 30 * 86400),
          },
        );
      }
      case 'sign-out': {
        if (current) {
          const rotated = await recent.get(hash(current))?.answer;
          await gateway(
            SIGN_OUT,
            { t: rotated?.data?.refreshSession?.refreshToken ?? current },
            clientAddress,
          );
          recent.delete(hash(current));
        }
        return json(res, 200, { ok: true }, { 'set-cookie': cookie('', 0) });
      }
      default:
        return json(res, 404, { error: { message: 'No such session action.', code: 'NOT_FOUND' } });
    }
  }

  const FORWARDED = [
    'content-type',
    'accept',
    'authorization',
    'apollo-require-preflight',
    'x-apollo-operation-name',
    'user-agent',
  ];

  async function graphql(req, res) {
    const headers = {};
    for (const name of FORWARDED) {
      if (req.headers[name]) {
        headers[name] = req.headers[name];
      }
    }
    const clientAddress = clientAddressOf(req);
    if (clientAddress) {
      headers['x-forwarded-for'] = clientAddress;
    }
    try {
      const body = await readBody(req, 1_048_576);
      const upstream = await fetch(config.gatewayUrl, { method: 'POST', headers, body });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        'cache-control': 'no-store',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      json(res, error.status ?? 503, {
        errors: [{ message: 'The service is unavailable.', extensions: { code: 'UNAVAILABLE' } }],
      });
    }
  }

  function staticFile(req, res, path) {
    const file = normalize(join(DIST, decodeURIComponent(path)));
    if (
      file.startsWith(DIST + sep) &&
      existsSync(file) &&
      statSync(file).isFile() &&
      !file.endsWith('index.html')
    ) {
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Vite names assets by their content hash
        'cache-control': path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
        ...SECURITY_HEADERS,
      });
      return createReadStream(file).pipe(res);
    }
    res.writeHead(200, {
      'content-type': TYPES['.html'],
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : index());
  }

  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://studio');
    const done = promise =>
      promise?.catch?.(
        () => res.headersSent || json(res, 500, { error: { message: 'Server error.' } }),
      );
    // /health and /ready are what Kubernetes probes (deploy/kubernetes); without them the SPA
    // fallback would answer 200 with index.html to any path
    if (pathname === '/api/health' || pathname === '/health' || pathname === '/ready') {
      return json(res, 200, { ok: true });
    }
    if (pathname.startsWith('/api/session/') && req.method === 'POST') {
      return done(session(req, res, pathname.slice('/api/session/'.length)));
    }
    if (pathname === '/graphql' && req.method === 'POST') {
      return done(graphql(req, res));
    }
    if (pathname.startsWith('/api/')) {
      return json(res, 404, { error: { message: 'Not found.', code: 'NOT_FOUND' } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return json(res, 405, { error: { message: 'Method not allowed.' } });
    }
    return staticFile(req, res, pathname);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const config = studioConfig();
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('clients/studio/dist is missing: run `npm run build -w @vp/studio` first');
    process.exit(1);
  }
  const server = createStudioServer(config);
  server.listen(config.port, config.host, () =>
    console.log(`studio on http://localhost:${config.port}`),
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

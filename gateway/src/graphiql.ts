import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express from 'express';

/** Where each asset is installed; read once at start-up and served from the gateway itself. */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    module: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// Kept out of the HTML so that the page runs under a CSP without 'unsafe-inline'.
const INIT_SCRIPT = `(function () {
  var http = new URL(location.pathname, location.href).href;
  var ws = http.replace(/^http/, 'ws');
  var token = localStorage.getItem('vp:accessToken');
  var fetcher = GraphiQL.createFetcher({
    url: http,
    subscriptionUrl: ws,
    wsConnectionParams: token ? { authorization: 'Bearer ' + token } : {},
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: token ? JSON.stringify({ authorization: 'Bearer ' + token }, null, 2) : undefined,
    }),
  );
})();`;

const page = (base: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Video platform GraphQL</title>
    <link rel="stylesheet" href="${base}/graphiql.css" />
    <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${base}/react.js"></script>
    <script src="${base}/react-dom.js"></script>
    <script src="${base}/graphiql.js"></script>
    <script src="${base}/init.js"></script>
  </body>
</html>`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL for analysts and partners at `GET <path>` when a browser asks for HTML, bundled from the
 * installed graphiql and react packages (no CDN), talking to the gateway's own HTTP and WS endpoints.
 * A token saved in localStorage under `vp:accessToken` is sent on both.
 */
export function graphiqlRoutes(path: string): express.Router {
  const base = '/graphiql-assets';
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    files.set(name, {
      body: readFileSync(join(packageDir(asset.module), asset.file)),
      type: asset.type,
    });
  }
  files.set('init.js', { body: Buffer.from(INIT_SCRIPT), type: 'text/javascript' });
  const html = page(base);

  const router = express.Router();
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  router.get(`${base}/:file`, (req, res) => {
    const file = files.get(req.params.file);
    if (!file) {
      res.status(404).end();
      return;
    }
    res.setHeader('content-type', `${file.type}; charset=utf-8`);
    res.setHeader('cache-control', 'public, max-age=86400');
    res.send(file.body);
  });
  router.get(path, (req, res, next) => {
    if (
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !==
      'text/html'
    ) {
      return next();
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.send(html);
  });
  return router;
}

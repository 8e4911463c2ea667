import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express from 'express';
import { PLAYGROUND_EXAMPLES, type ExampleTab } from './partner/examples';

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

// Kept out of the HTML so that the page runs under a CSP without 'unsafe-inline'. The API key box
// (saved in localStorage['vp:apiKey']) wins over a signed-in token (localStorage['vp:accessToken']);
// GraphiQL's own Headers editor can still override either.
const initScript = (examples: ExampleTab[]) => `(function () {
  var http = new URL(location.pathname, location.href).href;
  var ws = http.replace(/^http/, 'ws');
  var keyInput = document.getElementById('vp-api-key');
  keyInput.value = localStorage.getItem('vp:apiKey') || '';
  keyInput.addEventListener('change', function () {
    localStorage.setItem('vp:apiKey', keyInput.value.trim());
  });
  function authorization() {
    var credential = keyInput.value.trim() || localStorage.getItem('vp:accessToken');
    return credential ? 'Bearer ' + credential : undefined;
  }
  var base = GraphiQL.createFetcher({
    url: http,
    subscriptionUrl: ws,
    wsConnectionParams: function () {
      var value = authorization();
      return value ? { authorization: value } : {};
    },
  });
  var fetcher = function (params, options) {
    var value = authorization();
    var headers = Object.assign({}, value ? { authorization: value } : {}, (options && options.headers) || {});
    return base(params, Object.assign({}, options, { headers: headers }));
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultTabs: ${JSON.stringify(examples.map(({ query, variables }) => ({ query, variables })))},
    }),
  );
})();`;

const page = (base: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Video platform GraphQL</title>
    <link rel="stylesheet" href="${base}/graphiql.css" />
    <style>
      body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
      #vp-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; font-size: 13px; border-bottom: 1px solid #ddd; }
      #vp-bar input { width: 28em; font-family: monospace; }
      #graphiql { flex: 1; min-height: 0; }
    </style>
  </head>
  <body>
    <div id="vp-bar">
      <strong>Video platform API</strong>
      <label>API key <input id="vp-api-key" type="password" autocomplete="off" placeholder="vp_… (or sign in: vp:accessToken)" /></label>
      <span>Examples for partners and analysts are in the tabs. Guide: docs/partners.md</span>
    </div>
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
 * It opens with the example operations of partner/examples.ts as tabs, and an API key box above
 * the editor; the key (or else a token saved in localStorage under `vp:accessToken`) is sent on both.
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
  files.set('init.js', {
    body: Buffer.from(initScript(PLAYGROUND_EXAMPLES)),
    type: 'text/javascript',
  });
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

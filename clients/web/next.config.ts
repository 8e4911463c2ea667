import type { NextConfig } from 'next';

// Security headers for every response; the pages' own scripts are Next's (no inline handlers).
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks the types (turbo, with the rest of the repo); the build need not.
  typescript: { ignoreBuildErrors: true },
  // the shared operations are TypeScript sources, compiled with the app
  transpilePackages: ['@vp/client'],
  images: { unoptimized: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default config;

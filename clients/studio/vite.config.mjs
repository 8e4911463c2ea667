import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One React for the app and its libraries: the repository's root node_modules holds another major
// (the gateway's GraphiQL), so react and react-dom always resolve from this app's own.
export default defineConfig({
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom', '@apollo/client', 'graphql'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { port: 3001, proxy: { '/graphql': 'http://127.0.0.1:4000', '/api': 'http://127.0.0.1:3001' } },
});

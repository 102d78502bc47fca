// Builds the Preact SPA from web/ into web/dist, which the worker serves as static assets
// with SPA fallback (wrangler.toml [assets]). `npm run build:web`.
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `vite --config web/vite.config.ts` during development: the API comes from `wrangler dev`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

/** Builds the designer into designer/dist, which the API serves at "/" (api/app.ts). */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ajvBrowser } from './build/ajv-browser';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [ajvBrowser(), react()],
  // designer/public holds only the placeholder page the API serves while there is no build
  // (api/app.ts defaultDesignerDir): it must not be copied over the built index.html.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // The API's CSP allows scripts from 'self' only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
  },
  server: {
    // `vite` during development: the API (npm run api) answers /api.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});

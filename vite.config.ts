/**
 * Builds the demo portal page served by the demo host (`npm run build`, `npm start`). Workspace
 * packages resolve to their TypeScript sources through the `source` export condition.
 */
import { defineConfig, defaultClientConditions } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./packages/demo-host/portal/', import.meta.url)),
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./packages/demo-host/dist/portal/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npx vite` serves the portal with hot reload; the API comes from a running demo host.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

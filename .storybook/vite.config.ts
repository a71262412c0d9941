// Vite config for Storybook only (see main.ts): the repo root vite.config.ts is the demo portal's.
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    // Workspace packages export `"source": "./src/index.ts"`, so stories run on the TypeScript
    // sources and never need a prior `tsc -b`.
    conditions: ['source', ...defaultClientConditions],
  },
});

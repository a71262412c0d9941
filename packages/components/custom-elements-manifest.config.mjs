// Custom elements manifest of @athanor/components, made from the elements' JSDoc and Lit
// decorators: `npm run manifest` (run from the package folder, as the analyzer reads paths from
// there). Writes custom-elements.json and vscode.html-custom-data.json next to package.json; both
// are build output (git-ignored) and ship in the package.
import {
  defineElementCalls,
  htmlCustomData,
  javascriptPaths,
  markdownLinks,
  publicApiOnly,
  typedEvents,
} from './scripts/cem-plugins.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/generated/**'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest; the analyzer would rewrite the file on every run.
  packagejson: false,
  plugins: [
    defineElementCalls(),
    publicApiOnly(),
    typedEvents(),
    markdownLinks(),
    htmlCustomData({ outFile: 'vscode.html-custom-data.json' }),
    // Last: the plugins above still see the source paths.
    javascriptPaths(),
  ],
};

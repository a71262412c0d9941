// Minifies the lit `html`, `svg` and `css` template literals of the built `dist/` in place, after
// `tsc -b` (`npm run build` here and at the root run it). A consumer's bundler minifies our code
// but never the text inside template literals: a third of the elements' minified bytes. Uses
// minify-literals (html-minifier-next for markup, Lightning CSS for styles; a maintained fork of
// minify-html-literals, which the Lit docs name): a hand-written whitespace squeezer would not
// know where whitespace matters. Each file's source map is composed with the one tsc wrote, so
// the published maps still lead to `src/`. Running it again changes nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import remapping from '@jridgewell/remapping';
import { parse } from 'acorn';
import { minifyHTMLLiterals } from 'minify-literals';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * Markup options: html-minifier-next's defaults, less what could change what a template means.
 * Whitespace runs become one space but never vanish (`conservativeCollapse`: a space between two
 * inline elements or bindings is text), and empty attributes stay (`value=""` on an option is
 * not the same as no value).
 */
const HTML_OPTIONS = {
  caseSensitive: true,
  collapseWhitespace: true,
  conservativeCollapse: true,
  decodeEntities: true,
  minifyCSS: true,
  minifyJS: false,
  removeAttributeQuotes: false,
  removeComments: true,
  removeEmptyAttributes: false,
  removeDefaultTypeAttributes: false,
};

function* builtFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* builtFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/** Minifies one built file and its map; returns the bytes saved (0 when nothing changed). */
export async function minifyFile(path) {
  const code = readFileSync(path, 'utf8');
  if (!/\b(html|svg|css)\s*`/.test(code)) return 0;
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  let result;
  try {
    result = await minifyHTMLLiterals(code, {
      fileName: path,
      html: HTML_OPTIONS,
      sourceMap: true,
    });
  } finally {
    console.warn = warn;
  }
  // The library skips what it cannot minify safely (and says so); a skipped style sheet is a
  // regression of the bundle size, so it fails the build rather than passing unnoticed.
  if (warnings.length > 0) throw new Error(`${path}: ${warnings.join('; ')}`);
  if (!result || result.code === code) return 0;
  const mapPath = `${path}.map`;
  const tscMap = JSON.parse(readFileSync(mapPath, 'utf8'));
  const composed = remapping([result.map, tscMap], () => null);
  composed.file = tscMap.file;
  writeFileSync(path, result.code);
  writeFileSync(mapPath, JSON.stringify(composed));
  return code.length - result.code.length;
}

const TEMPLATE_TAGS = new Set(['html', 'svg', 'css']);
/** What a minified template's text never holds: an indented line break, or a comment. */
const UNMINIFIED = /\n[ \t]{2,}|\/\*|<!--/;

/**
 * The templates of a built file still holding indentation or comments, as `line: text`. The
 * library returns nothing for a file it cannot parse, so this is what says it was skipped.
 */
export function unminifiedTemplates(code) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (
      node.type === 'TaggedTemplateExpression' &&
      node.tag.type === 'Identifier' &&
      TEMPLATE_TAGS.has(node.tag.name)
    ) {
      for (const quasi of node.quasi.quasis) {
        if (UNMINIFIED.test(quasi.value.raw))
          found.push(`${quasi.loc.start.line}: ${quasi.value.raw.trim().slice(0, 60)}`);
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }));
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  let files = 0;
  let saved = 0;
  const unminified = [];
  for (const path of builtFiles(DIST)) {
    const bytes = await minifyFile(path);
    if (bytes > 0) {
      files += 1;
      saved += bytes;
    }
    const left = unminifiedTemplates(readFileSync(path, 'utf8'));
    if (left.length > 0) unminified.push(`${path.slice(DIST.length + 1)}:${left[0]}`);
  }
  if (unminified.length > 0) {
    throw new Error(`templates left unminified in dist/:\n  ${unminified.join('\n  ')}`);
  }
  console.log(
    `minify-literals: ${saved} bytes fewer in ${files} files of dist/ (${Date.now() - started} ms)`,
  );
}

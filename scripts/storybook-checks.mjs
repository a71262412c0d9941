// Checks the Storybook smoke test (storybook-smoke.mjs) runs in a rendered page, beyond "it
// renders": axe-core on a story's root, and the Docs page's tables against the elements' custom
// elements manifest (packages/components/custom-elements.json, made by `npm run manifest`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MANIFEST_PATH = new URL('../packages/components/custom-elements.json', import.meta.url);

/**
 * The axe run of the Storybook a11y addon, so that this test and the addon's panel agree: the
 * story's root, every rule axe runs by default, less `region` (the addon turns it off too: a story
 * is a component, not a page, and has no landmarks to be in).
 */
const AXE_OPTIONS = { rules: { region: { enabled: false } } };

/**
 * Waits until the story has finished (its play function too) and its layout has held still for
 * two frames, at most 2 s (a live story may never hold still): axe then judges what a reader
 * sees, not a frame where a row that just grew still overlaps the next ones.
 * @param {import('playwright-core').Page} page
 */
async function settle(page) {
  await page
    .waitForFunction(
      () => {
        const render = window.__STORYBOOK_PREVIEW__?.currentRender;
        return !render || ['completed', 'finished', 'errored', 'aborted'].includes(render.phase);
      },
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => {});
  await page.evaluate(async () => {
    const boxes = (root, out = []) => {
      for (const el of root.querySelectorAll('*')) {
        const { x, y, width, height } = el.getBoundingClientRect();
        out.push(x, y, width, height);
        if (el.shadowRoot) boxes(el.shadowRoot, out);
      }
      return out.join();
    };
    const root = document.getElementById('storybook-root');
    const until = performance.now() + 2000;
    let last = '';
    for (let still = 0; root && still < 2 && performance.now() < until;) {
      await new Promise((done) => requestAnimationFrame(done));
      const now = boxes(root);
      still = now === last ? still + 1 : 0;
      last = now;
    }
  });
}

/**
 * Runs axe-core on `#storybook-root` once the story has settled and returns one problem per
 * violation: its rule, impact and the nodes it found (shadow DOM paths joined with `>>>`), none
 * when the story is clean.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function axeProblems(page) {
  await settle(page);
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (options) => {
    const result = await window.axe.run('#storybook-root', options);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => {
        const target = node.target
          .map((step) => (Array.isArray(step) ? step.join(' >>> ') : step))
          .join(' ');
        // Contrast failures say their colours and ratio: enough to fix them from the report.
        const data = node.any.find((check) => check.data?.contrastRatio)?.data;
        return data
          ? `${target} (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}:1, needs ${data.expectedContrastRatio})`
          : target;
      }),
    }));
  }, AXE_OPTIONS);
  return violations.map(
    ({ id, impact, nodes }) =>
      `axe ${id} (${impact}) on ${nodes.length} node${nodes.length === 1 ? '' : 's'}: ${nodes
        .slice(0, 5)
        .join(', ')}${nodes.length > 5 ? ', …' : ''}`,
  );
}

/** Storybook's names for the manifest's kinds of API, as the Docs table shows them. */
const CATEGORIES = /** @type {const} */ ([
  ['attributes', 'attributes'],
  ['properties', 'properties'],
  ['events', 'events'],
  ['slots', 'slots'],
  ['cssProperties', 'css custom properties'],
  ['cssParts', 'css shadow parts'],
]);

let manifest;
/** The manifest's declaration of the element `tag`, or undefined. */
function elementOf(tag) {
  manifest ??= JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === tag);
}

/**
 * What the Docs table of `tag` must list, by Storybook category: every name of the manifest
 * (properties shown as attributes of the same name appear once, as attributes).
 */
function expectedRows(tag) {
  const element = elementOf(tag);
  if (!element) return undefined;
  const attributes = new Set((element.attributes ?? []).map((a) => a.name));
  const properties = (element.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && !attributes.has(m.name),
  );
  const byKind = { ...element, properties };
  return CATEGORIES.map(([kind, category]) => ({
    category,
    names: (byKind[kind] ?? []).map((item) => item.name || '(default)'),
  })).filter(({ names }) => names.length > 0);
}

/**
 * Checks the args table of an element's Docs page (`Elements/<tag>`) against the manifest and
 * returns the problems, none when every attribute, property, event, slot, part and CSS custom
 * property is listed in its category.
 * @param {import('playwright-core').Page} page
 * @param {string} tag
 * @returns {Promise<string[]>}
 */
export async function docsTableProblems(page, tag) {
  const expected = expectedRows(tag);
  if (!expected) return [`no <${tag}> in custom-elements.json`];
  const shown = await page
    .waitForSelector('.docblock-argstable tbody tr', { timeout: 10_000 })
    .then(() =>
      page.evaluate(() => {
        /** @type {Record<string, string[]>} */
        const rows = {};
        let category = '';
        for (const row of document.querySelectorAll('.docblock-argstable tbody tr')) {
          const section = /^(?:Hide|Show) (.+) items$/.exec(row.getAttribute('title') ?? '');
          if (section) category = section[1];
          else (rows[category] ??= []).push(row.querySelector('td span')?.textContent ?? '');
        }
        return rows;
      }),
    )
    .catch(() => undefined);
  if (!shown) return ['the Docs page shows no args table'];
  const problems = [];
  for (const { category, names } of expected) {
    const missing = names.filter((name) => !shown[category]?.includes(name));
    if (missing.length > 0) problems.push(`${category} table lacks ${missing.join(', ')}`);
  }
  return problems;
}

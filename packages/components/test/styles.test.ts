/**
 * The shared stylesheet holds what the templates use and no more: the utilities ruled out of the
 * scan in `elements.css` (words of the sources such as `static` or `filter` that are no class) are
 * named by no template, and are absent from the built sheet, while the utilities the templates
 * do use are present.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCss } from '../scripts/build-styles.ts';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const elementsCss = readFileSync(join(SRC, 'shared/styles/elements.css'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /(?<!\.(test|stories))\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every class word a template names: static `class="…"` words and quoted words in bindings. */
function templateClasses(): Map<string, string> {
  const classes = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const [, value] of text.matchAll(/\bclass="([^"]*)"/g)) {
      // Static words, and the quoted words of `${…}` parts (`${open ? 'open' : ''}`).
      const quoted = [...value!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      const plain = value!.replace(/\$\{[^}]*\}/g, ' ');
      for (const word of [...plain.split(/\s+/), ...quoted.flatMap((q) => q.split(/\s+/))]) {
        if (word) classes.set(word, file.slice(SRC.length + 1));
      }
    }
    for (const [, binding] of text.matchAll(/\bclass=\$\{([^}]*)\}/g)) {
      for (const [, word] of binding!.matchAll(/'([^']*)'/g)) {
        for (const part of word!.split(/\s+/))
          if (part) classes.set(part, file.slice(SRC.length + 1));
      }
    }
  }
  return classes;
}

function excludedUtilities(): string[] {
  const list = /@source not inline\('\{([^}]*)\}'\)/.exec(elementsCss)?.[1];
  assert.ok(list, "elements.css has its @source not inline('{…}') list");
  return list.split(',');
}

/**
 * Whether the sheet has a rule whose selector starts with that class (escaped as Tailwind writes
 * it); a class inside another component's selector (`:not(.filter …)`) does not count.
 */
function hasClassRule(css: string, name: string): boolean {
  const escaped = name.replace(/[!@]/g, (c) => `\\${c}`).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return new RegExp(`(^|[{},])\\.${escaped}[{:,\\s]`).test(css);
}

describe('the shared element stylesheet', async () => {
  const { element } = await buildCss();
  const used = templateClasses();

  it('finds the class words of the templates', () => {
    // A guard on the scan itself: these are certainly used.
    for (const name of ['athanor-root', 'sr-only', 'font-mono', 'btn', 'badge']) {
      assert.ok(used.has(name), `${name} is found in a template`);
    }
  });

  it('rules out of the scan no utility that a template uses', () => {
    const clashes = excludedUtilities().filter((name) => used.has(name));
    assert.deepEqual(
      clashes.map((name) => `${name} (${used.get(name)})`),
      [],
      'a template uses a utility that elements.css rules out of the scan',
    );
  });

  it('leaves the ruled-out utilities out of the sheet and keeps the used ones', () => {
    for (const name of excludedUtilities()) {
      assert.equal(hasClassRule(element, name), false, `.${name} is not in the sheet`);
    }
    for (const name of ['sr-only', 'font-mono', 'font-medium', 'grow', 'self-start', 'spinner']) {
      assert.equal(hasClassRule(element, name), true, `.${name} is in the sheet`);
    }
  });
});

/**
 * The custom elements manifest (`custom-elements.json`) and the VS Code HTML custom data are
 * generated from the elements' JSDoc and decorators. This test generates both as the build does
 * (it fails when generation breaks), then holds them to the sources: every tag that a define
 * module registers is there with its class; every part, CSS custom property, slot and event the
 * element's code uses is documented, events with their classes and in
 * `GlobalEventHandlersEventMap`; and nothing private, `@state` or `@internal` leaks into the API.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(PACKAGE, 'src');

interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  privacy?: string;
  static?: boolean;
  declaration?: { name: string; module: string };
  kind?: string;
}
interface Declaration extends Item {
  summary?: string;
  tagName?: string;
  customElement?: boolean;
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[]; exports?: Item[] }[];
}
interface HtmlData {
  version: number;
  tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[];
}

const read = (path: string) => readFileSync(path, 'utf8');
const names = (items: Item[] | undefined) => (items ?? []).map((item) => item.name);
/** The TypeScript sources of an element's folder (not its tests or stories). */
const folderSources = (folder: string) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && !/\.(test|stories)\.ts$/.test(f))
    .map((f) => read(join(folder, f)))
    .join('\n');
const matchesOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

/** `defineElement('tag', Class)` in every `src/<folder>/define.ts`, with the typed map entry. */
function registrations() {
  return readdirSync(SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SRC, entry.name, 'define.ts')))
    .flatMap((entry) => {
      const text = read(join(SRC, entry.name, 'define.ts'));
      return [...text.matchAll(/defineElement\('([a-z0-9-]+)',\s*(\w+)\)/g)].map((m) => ({
        folder: entry.name,
        tag: m[1]!,
        className: m[2]!,
        tagNameMapType: new RegExp(`'${m[1]}':\\s*(\\w+);`).exec(text)?.[1],
      }));
    });
}

/** Every `GlobalEventHandlersEventMap` entry declared in the sources: event name → type. */
function eventMap(): Map<string, string> {
  const map = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = read(path);
        for (const block of matchesOf(text, /GlobalEventHandlersEventMap\s*\{([^}]*)\}/g)) {
          for (const [, name, type] of block.matchAll(/'([a-z0-9-]+)':\s*([^;]+);/g)) {
            map.set(name!, type!.trim());
          }
        }
      }
    }
  };
  walk(SRC);
  return map;
}

describe('custom elements manifest', () => {
  let manifest: Manifest;
  let htmlData: HtmlData;
  const registered = registrations();
  const declarations = () => manifest.modules.flatMap((m) => m.declarations ?? []);
  const element = (tag: string) => {
    const found = declarations().find((d) => d.tagName === tag);
    assert.ok(found, `<${tag}> is in the manifest`);
    return found;
  };
  /** The element folder's sources, and its class's own file from the class on. */
  const sourceOf = (tag: string) => {
    const { folder, className } = registered.find((r) => r.tag === tag)!;
    const module = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === tag))!;
    const classFile = read(
      join(PACKAGE, module.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')),
    );
    return {
      folderText: folderSources(join(SRC, folder)),
      classText: classFile.slice(classFile.indexOf(`export class ${className} `)),
    };
  };

  before(() => {
    // The package's own `npm run manifest`, without npm in between.
    const cli = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
    const result = spawnSync(process.execPath, [cli, 'analyze', '--quiet'], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `the analyzer failed:\n${result.stderr}${result.stdout}`);
    manifest = JSON.parse(read(join(PACKAGE, 'custom-elements.json'))) as Manifest;
    htmlData = JSON.parse(read(join(PACKAGE, 'vscode.html-custom-data.json'))) as HtmlData;
  });

  it('is named by package.json and shipped with the package', () => {
    const pkg = JSON.parse(read(join(PACKAGE, 'package.json'))) as {
      customElements?: string;
      files?: string[];
    };
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files?.includes('custom-elements.json'));
    assert.ok(pkg.files?.includes('vscode.html-custom-data.json'));
    assert.equal(manifest.schemaVersion, '1.0.0');
  });

  it('has every registered tag, defined in its define module, with its class', () => {
    assert.equal(registered.length, 8, 'eight define modules register a tag');
    const definitions = manifest.modules.flatMap((m) =>
      (m.exports ?? [])
        .filter((e) => e.kind === 'custom-element-definition')
        .map((e) => ({ module: m.path, tag: e.name, className: e.declaration?.name })),
    );
    for (const { folder, tag, className, tagNameMapType } of registered) {
      assert.deepEqual(
        definitions.filter((d) => d.tag === tag),
        [{ module: `dist/${folder}/define.js`, tag, className }],
      );
      assert.equal(element(tag).name, className);
      assert.equal(element(tag).customElement, true);
      assert.equal(tagNameMapType, className, `HTMLElementTagNameMap['${tag}'] is ${className}`);
    }
    assert.equal(definitions.length, registered.length, 'no other definitions');
  });

  it('names JavaScript modules that the build emits from existing sources', () => {
    for (const { path } of manifest.modules) {
      assert.match(path, /^dist\/.+\.js$/);
      const source = join(PACKAGE, path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));
      assert.ok(existsSync(source), `${path} comes from a source file`);
    }
  });

  it('documents what the issue names', () => {
    const status = element('run-status');
    for (const attribute of ['stale-after', 'cancel-url', 'sticky', 'document-title', 'src']) {
      assert.ok(names(status.attributes).includes(attribute), `run-status [${attribute}]`);
    }
    assert.equal(status.events?.find((e) => e.name === 'run-cancel')?.type?.text, 'RunCancelEvent');
    assert.deepEqual(names(element('run-log').cssParts).sort(), [
      'base',
      'new-button',
      'toolbar',
      'viewport',
    ]);
    assert.deepEqual(names(element('run-scope').slots), ['']);
    assert.ok(names(element('run-log').attributes).includes('max-entries'));
    assert.ok(names(element('theme-switch').members).includes('value'));
  });

  it('documents every part, CSS custom property and slot an element uses', () => {
    const shared = matchesOf(
      read(join(SRC, 'shared/styles/elements.css')),
      /var\((--athanor-[a-z0-9-]+)/g,
    );
    for (const { tag } of registered) {
      const { folderText } = sourceOf(tag);
      const el = element(tag);
      for (const part of new Set(matchesOf(folderText, /\bpart="([a-z-]+)"/g))) {
        assert.ok(names(el.cssParts).includes(part), `<${tag}> documents part "${part}"`);
      }
      const used = new Set([...shared, ...matchesOf(folderText, /var\((--athanor-[a-z0-9-]+)/g)]);
      for (const property of used) {
        // A name ending in `-` is a numbered family (`--athanor-ansi-${n}`): one entry for it.
        const documented = names(el.cssProperties).some((n) =>
          property.endsWith('-') ? /^\d+$/.test(n.slice(property.length)) : n === property,
        );
        assert.ok(documented, `<${tag}> documents ${property}`);
      }
      const slots = matchesOf(folderText, /<slot(?:\s+name="([^"]+)")?/g).map((n) => n ?? '');
      assert.deepEqual(names(el.slots).sort(), [...new Set(slots)].sort(), `<${tag}> slots`);
    }
  });

  it('lists the events each element dispatches, typed, and in GlobalEventHandlersEventMap', () => {
    const eventNames = new Map<string, string>();
    for (const declaration of declarations()) {
      const field = declaration.members?.find((m) => m.static && m.name === 'eventName');
      const name = /^'(.+)'$/.exec((field as { default?: string } | undefined)?.default ?? '');
      if (name) eventNames.set(declaration.name, name[1]!);
    }
    const map = eventMap();
    for (const { tag } of registered) {
      const { folderText } = sourceOf(tag);
      const expected = new Map<string, string>();
      for (const className of matchesOf(folderText, /dispatchEvent\(\s*new (\w+Event)\(/g)) {
        if (className === 'CustomEvent') continue;
        assert.ok(eventNames.has(className), `${className} has a static eventName`);
        expected.set(eventNames.get(className)!, className);
      }
      for (const [, detail, name] of folderText.matchAll(/new CustomEvent<(\w+)>\('([a-z-]+)'/g)) {
        expected.set(name!, `CustomEvent<${detail}>`);
      }
      const events = element(tag).events ?? [];
      assert.deepEqual(
        Object.fromEntries(events.map((e) => [e.name, e.type?.text])),
        Object.fromEntries(expected),
        `<${tag}> events`,
      );
      for (const event of events) {
        assert.equal(map.get(event.name), event.type?.text, `'${event.name}' in the event map`);
      }
    }
  });

  it('describes every attribute, property, event, part, CSS property and slot', () => {
    for (const { tag } of registered) {
      const el = element(tag);
      assert.ok(el.summary || el.description, `<${tag}> has a summary`);
      const kinds = [
        'attributes',
        'members',
        'events',
        'cssParts',
        'cssProperties',
        'slots',
      ] as const;
      for (const kind of kinds) {
        for (const item of el[kind] ?? []) {
          const description = item.description?.trim() ?? '';
          assert.ok(description, `<${tag}> ${kind} ${item.name} is described`);
          assert.doesNotMatch(description, /\{@link/, 'links are rewritten for markdown');
        }
      }
    }
  });

  it('leaves out private, protected, @state and @internal members', () => {
    for (const { tag } of registered) {
      const { classText } = sourceOf(tag);
      const el = element(tag);
      const hidden = [
        ...matchesOf(
          classText,
          /^\s*(?:@\w+\([^)]*\)\s*)?(?:private|protected)\s+(?:override\s+)?(?:readonly\s+)?(?:async\s+)?(\w+)/gm,
        ),
        ...matchesOf(classText, /\/\*\*\s*@internal[^*]*\*\/\s*(?:async\s+)?(\w+)/g),
      ];
      assert.ok(hidden.length > 0, `<${tag}> has private members to look for`);
      const publicNames = [...names(el.members), ...(el.attributes ?? []).map((a) => a.name)];
      for (const name of hidden) {
        assert.ok(!publicNames.includes(name), `<${tag}> does not show ${name}`);
      }
      for (const member of el.members ?? []) {
        assert.ok(member.privacy === undefined || member.privacy === 'public', member.name);
        assert.ok(!(member.static && member.name === 'styles'), `<${tag}> static styles`);
      }
    }
    const log = element('run-log');
    for (const name of ['hiddenCategories', 'queryText', 'rows', 'view', 'windowStart', 'keys']) {
      assert.ok(!names(log.members).includes(name), `run-log does not show ${name}`);
    }
  });

  it('gives VS Code every element with its attributes and their values', () => {
    assert.equal(htmlData.version, 1.1);
    assert.deepEqual(htmlData.tags.map((t) => t.name).sort(), registered.map((r) => r.tag).sort());
    for (const tag of htmlData.tags) {
      assert.deepEqual(
        tag.attributes.map((a) => a.name),
        names(element(tag.name).attributes),
      );
    }
    const time = htmlData.tags
      .find((t) => t.name === 'run-log')!
      .attributes.find((a) => a.name === 'time');
    assert.deepEqual(
      time?.values?.map((v) => v.name),
      ['clock', 'relative'],
    );
  });
});

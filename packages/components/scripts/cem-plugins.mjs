// @ts-check
// Plugins of the custom elements manifest analyzer (see ../custom-elements-manifest.config.mjs).
import { writeFileSync } from 'node:fs';

/**
 * Registers `defineElement('tag', Class)` calls (src/shared/define.ts) as custom element
 * definitions, as the analyzer does for `customElements.define`: the tag names stay written once,
 * in the define modules, and the manifest's definitions point to the modules that register.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function defineElementCalls() {
  return {
    name: 'athanor: defineElement calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      if (node.expression.text !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      const imports = /** @type {{ name?: string; importPath: string }[] | undefined} */ (
        context.imports
      );
      const imported = imports?.find((entry) => entry.name === element.text);
      const module = imported
        ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.slice(1)
        : moduleDoc.path;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: element.text, module },
        },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      // The helper's own `customElements.define(tag, element)` names no class: not a definition.
      const classes = new Set(
        allDeclarations(customElementsManifest)
          .filter((declaration) => declaration.kind === 'class')
          .map((declaration) => declaration.name),
      );
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter(
          (entry) =>
            entry.kind !== 'custom-element-definition' || classes.has(entry.declaration.name),
        );
      }
    },
  };
}

/**
 * Names and types the events. The analyzer sees `dispatchEvent(new RunCancelEvent(id))` and takes
 * the first argument for the event's name; our event classes carry their name in
 * `static readonly eventName`, so the event is named from that and typed with its class, then
 * merged with the class JSDoc's `@fires` entry of the same name (which gives the description).
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function typedEvents() {
  return {
    name: 'athanor: typed events',
    packageLinkPhase({ customElementsManifest }) {
      const declarations = allDeclarations(customElementsManifest);
      /** @type {Map<string, string>} */
      const eventNames = new Map();
      for (const declaration of declarations) {
        const field = declaration.members?.find((m) => m.static && m.name === 'eventName');
        const name = /^'([^']+)'$/.exec(String(field?.default ?? ''))?.[1];
        if (name) eventNames.set(String(declaration.name), name);
      }
      for (const declaration of declarations) {
        const events = /** @type {Documented[] | undefined} */ (declaration.events);
        if (!events) continue;
        /** @type {Map<string, Documented>} */
        const byName = new Map();
        for (const event of events) {
          const name = eventNames.get(event.type?.text ?? '') ?? event.name;
          const known = byName.get(name);
          byName.set(name, { ...known, ...event, name, type: event.type ?? known?.type });
        }
        declaration.events = [...byName.values()].map(dropUndefined);
      }
    },
  };
}

/** @param {Record<string, unknown>} record */
const dropUndefined = (record) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/**
 * Keeps the manifest to the public API: private and protected members (Lit's `@state()` fields
 * are `private` here) and `static styles` are implementation, not something a page uses; so are
 * declarations a module does not export (the analyzer keeps a method's local variable when an
 * initializer names it). Members tagged `@internal` are dropped by the analyzer itself.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function publicApiOnly() {
  const isPublic = (/** @type {Record<string, unknown>} */ member) =>
    member.privacy !== 'private' &&
    member.privacy !== 'protected' &&
    !String(member.name).startsWith('#') &&
    !(member.static && member.name === 'styles');
  return {
    name: 'athanor: public API only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const exported = new Set(module.exports?.map((entry) => entry.declaration.name));
        module.declarations = module.declarations?.filter((d) => exported.has(d.name));
      }
      for (const declaration of allDeclarations(customElementsManifest)) {
        if (declaration.kind !== 'class' || !declaration.members) continue;
        declaration.members = declaration.members.filter(isPublic);
      }
    },
  };
}

/**
 * Module paths as a consumer imports them: the manifest is made from the TypeScript sources,
 * but a module's `path` names the JavaScript file to import (`src/x/y.ts` → `dist/x/y.js`, the
 * layout `tsc -b` emits).
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function javascriptPaths() {
  const toJs = (/** @type {string} */ path) =>
    path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
  return {
    name: 'athanor: JavaScript module paths',
    packageLinkPhase({ customElementsManifest }) {
      rewriteStrings(customElementsManifest.modules, (key, text) =>
        key === 'path' || key === 'module' ? toJs(text) : text,
      );
    },
  };
}

/**
 * JSDoc's `{@link X}` as `X` in code style: descriptions are markdown to Storybook and editors,
 * which would show the braces.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function markdownLinks() {
  return {
    name: 'athanor: markdown links',
    packageLinkPhase({ customElementsManifest }) {
      rewriteStrings(customElementsManifest.modules, (key, text) =>
        key === 'description' || key === 'summary'
          ? text.replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`')
          : text,
      );
    },
  };
}

/**
 * Replaces, in place, every string property of the objects in `value` (at any depth).
 * @param {unknown} value
 * @param {(key: string, text: string) => string} replace
 */
function rewriteStrings(value, replace) {
  if (Array.isArray(value)) value.forEach((item) => rewriteStrings(item, replace));
  else if (value && typeof value === 'object') {
    const record = /** @type {Record<string, unknown>} */ (value);
    for (const [key, inner] of Object.entries(record)) {
      if (typeof inner === 'string') record[key] = replace(key, inner);
      else rewriteStrings(inner, replace);
    }
  }
}

/**
 * Writes VS Code's HTML custom data (format 1.1) for every element of the manifest: tag and
 * attribute completion with descriptions, attribute values from string-literal union types, and
 * the element's events, slots, parts and CSS custom properties in its hover text.
 * @param {{ outFile: string }} options
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function htmlCustomData({ outFile }) {
  return {
    name: 'athanor: VS Code HTML custom data',
    packageLinkPhase({ customElementsManifest }) {
      const tags = allDeclarations(customElementsManifest)
        .filter((declaration) => declaration.kind === 'class' && declaration.tagName)
        .map((element) => htmlTag(/** @type {CustomElement} */ (element)))
        .sort((a, b) => a.name.localeCompare(b.name));
      writeFileSync(outFile, `${JSON.stringify({ version: 1.1, tags }, null, 2)}\n`);
    },
  };
}

/**
 * @typedef {{ name: string; description?: string; type?: { text: string } }} Documented
 * @typedef {Documented & { tagName: string; summary?: string; attributes?: Documented[];
 *   events?: Documented[]; slots?: Documented[]; cssParts?: Documented[];
 *   cssProperties?: (Documented & { default?: string })[] }} CustomElement
 */

/** @param {CustomElement} element */
function htmlTag(element) {
  const lines = [element.summary || element.description || ''];
  /** @type {[string, Documented[] | undefined, (item: Documented) => string][]} */
  const sections = [
    ['Events', element.events, (e) => `\`${e.name}\``],
    ['Slots', element.slots, (s) => (s.name ? `\`${s.name}\`` : '(default)')],
    ['CSS parts', element.cssParts, (p) => `\`::part(${p.name})\``],
    ['CSS custom properties', element.cssProperties, (p) => `\`${p.name}\``],
  ];
  for (const [title, items, label] of sections) {
    if (!items?.length) continue;
    lines.push('', `**${title}:**`, '');
    for (const item of items) {
      lines.push(`- ${label(item)}${item.description ? ` — ${oneLine(item.description)}` : ''}`);
    }
  }
  return {
    name: element.tagName,
    description: { kind: 'markdown', value: lines.join('\n').trim() },
    attributes: (element.attributes ?? []).map(htmlAttribute),
  };
}

/** @param {Documented} attribute */
function htmlAttribute(attribute) {
  const type = attribute.type?.text ?? '';
  const literals = [...type.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
  const onlyLiterals =
    literals.length > 0 && /^(\s*('[^']*'|"[^"]*"|undefined)\s*\|?)+$/.test(type);
  return {
    name: attribute.name,
    ...(attribute.description ? { description: oneLine(attribute.description) } : {}),
    // `v` is VS Code's value set of attributes written without a value.
    ...(type === 'boolean' ? { valueSet: 'v' } : {}),
    ...(onlyLiterals ? { values: literals.map((name) => ({ name })) } : {}),
  };
}

/** @param {string} text */
const oneLine = (text) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * @param {import('custom-elements-manifest/schema').Package} manifest
 * @returns {(Record<string, unknown> & { kind: string; members?: Record<string, unknown>[];
 *   tagName?: string })[]}
 */
function allDeclarations(manifest) {
  return /** @type {never[]} */ (manifest.modules.flatMap((module) => module.declarations ?? []));
}

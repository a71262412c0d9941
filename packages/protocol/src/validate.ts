/**
 * Runtime validation of run events: a fast check compiled ahead of time from the schema, and on
 * rejection one readable line naming the field and the reason, e.g.
 * `data.level: expected one of trace|debug|info|warn|error|fatal, got "verbose"`.
 */
import { PROTOCOL_VERSION } from './constants.ts';
import { Check } from './generated/check.ts';
import { EVENT_SCHEMAS, UNKNOWN_TYPE_SCHEMA } from './generated/schemas.ts';
import { schemaErrors, type SchemaError, type SchemaNode } from './schema-errors.ts';
import type { RunEvent } from './types.ts';

/** Protocol major version this package reads. */
export const SUPPORTED_VERSION = PROTOCOL_VERSION;

/** What validating one value found. */
export type Validation =
  /** A valid event of a known type. */
  | { readonly kind: 'event'; readonly event: RunEvent }
  /** A valid envelope whose type this version does not know: skip it and count it. */
  | {
      readonly kind: 'unknown-type';
      readonly type: string;
      readonly run: string;
      readonly seq: number;
    }
  /** Not a valid event; `reason` is one readable line. */
  | { readonly kind: 'invalid'; readonly reason: string };

const KNOWN = new Set(Object.keys(EVENT_SCHEMAS));

/** Validates one value (already parsed from JSON) against the protocol. Never throws. */
export function validateEvent(value: unknown): Validation {
  if (Check(value)) {
    const ev = value as { type: string; run: string; seq: number };
    if (KNOWN.has(ev.type)) return { kind: 'event', event: value as RunEvent };
    return { kind: 'unknown-type', type: ev.type, run: ev.run, seq: ev.seq };
  }
  return { kind: 'invalid', reason: explain(value) };
}

/** One line saying why `value` is not a valid event. */
export function explain(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `event: expected a JSON object, got ${describe(value)}`;
  }
  const record = value as Record<string, unknown>;
  if ('v' in record && record.v !== SUPPORTED_VERSION) {
    return `v: unsupported version ${describe(record.v)} (this reader supports ${SUPPORTED_VERSION})`;
  }
  const type = record.type;
  const schema: SchemaNode =
    typeof type === 'string' && KNOWN.has(type)
      ? EVENT_SCHEMAS[type as keyof typeof EVENT_SCHEMAS]
      : UNKNOWN_TYPE_SCHEMA;
  const errors = schemaErrors(schema, value);
  const first = errors[0];
  if (!first) return 'event: rejected by the schema';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return formatError(first, value) + more;
}

function formatError(error: SchemaError, root: unknown): string {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const got = describe(valueAt(root, segments));
  const p = error.params;
  switch (error.keyword) {
    case 'required': {
      const missing = (p.requiredProperties as string[] | undefined) ?? [];
      return `${pathOf([...segments, missing[0] ?? '?'])}: required`;
    }
    case 'enum':
      return `${pathOf(segments)}: expected one of ${(p.allowedValues as unknown[]).join('|')}, got ${got}`;
    case 'const':
      return `${pathOf(segments)}: expected ${JSON.stringify(p.allowedValue)}, got ${got}`;
    case 'type':
      return `${pathOf(segments)}: expected ${article(String(p.type))}, got ${got}`;
    case 'minLength':
      return `${pathOf(segments)}: expected at least ${String(p.limit)} characters, got ${got}`;
    case 'maxLength':
      return `${pathOf(segments)}: expected at most ${String(p.limit)} characters, got ${got.length > 40 ? 'a longer string' : got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${pathOf(segments)}: expected ${String(p.comparison)} ${String(p.limit)}, got ${got}`;
    case 'not':
      return `${pathOf(segments)}: ${got} is a known type but the event does not match it`;
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `data.tags[1]` from `["data", "tags", "1"]`; the whole event is `event`. */
function pathOf(segments: string[]): string {
  if (segments.length === 0) return 'event';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function valueAt(root: unknown, segments: string[]): unknown {
  let node = root;
  for (const s of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, s)) return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A short, safe rendering of a value for an error line. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

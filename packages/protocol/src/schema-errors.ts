/**
 * The errors of a value against one of the protocol's own schemas, for the one-line reason of a
 * rejected event. The fast check is compiled ahead of time (generated/check.ts); this runs only
 * for a value that failed it. It reads the few JSON Schema keywords the protocol's schemas use
 * and reports like TypeBox's `Errors` (same keywords, params, order and cap of 8), so the reasons
 * read the same; a test compares the two. TypeBox's general engine would put ~15 KB of gzip into
 * every page that shows a stream, only to phrase that line.
 */

/** A JSON Schema keyword this module reads (the test checks the schemas use no other). */
export type SchemaKeyword =
  | 'type'
  | 'required'
  | 'const'
  | 'enum'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'not';

/** One problem found: the keyword, where (a JSON pointer into the value) and its parameters. */
export interface SchemaError {
  readonly keyword: SchemaKeyword;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The part of a JSON schema this module understands. */
export interface SchemaNode {
  /** Annotations, not checked. */
  readonly title?: string;
  readonly description?: string;
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly not?: SchemaNode;
}

const MAX_ERRORS = 8;

/** The errors of `value` against `schema`, at most 8, in TypeBox's order. */
export function schemaErrors(schema: SchemaNode, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  collect(schema, value, '', errors);
  return errors.slice(0, MAX_ERRORS);
}

function collect(schema: SchemaNode, value: unknown, path: string, out: SchemaError[]): void {
  if (out.length >= MAX_ERRORS) return;
  const add = (keyword: SchemaKeyword, params: Record<string, unknown> = {}) =>
    out.push({ keyword, instancePath: path, params });
  if (schema.type !== undefined && !isType(schema.type, value)) add('type', { type: schema.type });
  if (isRecord(value)) collectObject(schema, value, path, out);
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item: unknown, i) => collect(items, item, `${path}/${i}`, out));
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && !hasMinLength(value, schema.minLength)) {
      add('minLength', { limit: schema.minLength });
    }
    if (schema.maxLength !== undefined && !hasMaxLength(value, schema.maxLength)) {
      add('maxLength', { limit: schema.maxLength });
    }
  }
  if (Number.isFinite(value) || typeof value === 'bigint') {
    const n = value as number;
    const { exclusiveMinimum: gt, exclusiveMaximum: lt, minimum: ge, maximum: le } = schema;
    if (gt !== undefined && !(n > gt)) add('exclusiveMinimum', { comparison: '>', limit: gt });
    if (lt !== undefined && !(n < lt)) add('exclusiveMaximum', { comparison: '<', limit: lt });
    if (ge !== undefined && !(n >= ge)) add('minimum', { comparison: '>=', limit: ge });
    if (le !== undefined && !(n <= le)) add('maximum', { comparison: '<=', limit: le });
  }
  if ('const' in schema && value !== schema.const) add('const', { allowedValue: schema.const });
  if (schema.enum && !schema.enum.includes(value)) add('enum', { allowedValues: schema.enum });
  if (schema.not && schemaErrors(schema.not, value).length === 0) add('not');
}

function collectObject(
  schema: SchemaNode,
  value: Record<string, unknown>,
  path: string,
  out: SchemaError[],
): void {
  const required = schema.required ?? [];
  const missing = required.filter((key) => !hasKey(value, key));
  if (missing.length > 0) {
    out.push({ keyword: 'required', instancePath: path, params: { requiredProperties: missing } });
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    // An optional property may be present with the value undefined (TypeScript's reading).
    if (!hasKey(value, key) || (!required.includes(key) && value[key] === undefined)) continue;
    collect(property, value[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `in`, except for the keys that would find a prototype's member. */
function hasKey(value: object, key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
    ? Object.hasOwn(value, key)
    : key in value;
}

// String lengths count code points, as JSON Schema says: a UTF-16 length at least twice the limit
// settles it without counting.
function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length - 1; i += 1) {
    const high = value.charCodeAt(i);
    const low = value.charCodeAt(i + 1);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

function hasMinLength(value: string, limit: number): boolean {
  return value.length >= limit * 2 || (value.length >= limit && codePoints(value) >= limit);
}

function hasMaxLength(value: string, limit: number): boolean {
  return value.length <= limit || (value.length <= limit * 2 && codePoints(value) <= limit);
}

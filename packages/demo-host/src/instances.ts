/**
 * Instances: experiment definitions with a configuration snapshot, immutable once created (runs
 * stay reproducible: nothing edits a configuration after the fact). A new version is a clone,
 * its configuration edited before it is created. Kept in the run store when there is one.
 */
import { randomBytes } from 'node:crypto';
import type { RunStore } from './run-store.ts';

export interface Instance {
  readonly id: string;
  readonly name: string;
  /** The configuration snapshot (a JSON object), frozen. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  readonly createdAt: number;
  /** The instance this one was cloned from, if any. */
  readonly clonedFrom: string | null;
}

const MAX_NAME = 200;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Instances {
  private readonly byId = new Map<string, Instance>();

  constructor(private readonly store?: RunStore) {}

  /** Reads the stored instances (call once, before serving). */
  load(): void {
    if (!this.store) return;
    for (const [id, record] of this.store.loadInstances())
      this.byId.set(id, deepFreeze(record as Instance));
  }

  get(id: string): Instance | undefined {
    return this.byId.get(id);
  }

  /** All instances, oldest first. */
  list(): Instance[] {
    return [...this.byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Takes in an instance made elsewhere, its id and creation time fixed (the samples'
   * instances), and stores it as `create` does. Instances are immutable: when one with this id
   * is held already, that one stays. Returns the instance held.
   */
  adopt(record: Instance): Instance {
    const held = this.byId.get(record.id);
    if (held) return held;
    // A copy, frozen: the caller's record (and the objects it shares) stays as it was.
    const instance = deepFreeze(structuredClone(record));
    this.store?.saveInstance(instance.id, instance);
    this.byId.set(instance.id, instance);
    return instance;
  }

  /**
   * Creates an instance from a request body `{name, config}`; cloning `from`, both are optional
   * (the name gets " (copy)", the configuration is the original's unless replaced whole).
   * Returns the instance, or why the body is refused.
   */
  create(body: unknown, from?: Instance): Instance | { error: string } {
    if (body === undefined && from) body = {};
    if (!isPlainObject(body))
      return { error: 'Request body must be a JSON object like {"name": "…", "config": {…}}' };
    for (const key of Object.keys(body))
      if (key !== 'name' && key !== 'config')
        return { error: `Unknown field "${key}"; expected name, config` };
    const name = body['name'] ?? (from ? `${from.name} (copy)` : undefined);
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME)
      return { error: `"name" must be a non-empty string of at most ${MAX_NAME} characters` };
    const config = body['config'] ?? from?.config;
    if (!isPlainObject(config)) return { error: '"config" must be a JSON object' };
    const instance: Instance = deepFreeze({
      id: `inst-${randomBytes(5).toString('hex')}`,
      name: name.trim(),
      config: structuredClone(config),
      createdAt: Date.now(),
      clonedFrom: from?.id ?? null,
    });
    this.store?.saveInstance(instance.id, instance);
    this.byId.set(instance.id, instance);
    return instance;
  }
}

/** The run-event schema in valibot, for the library comparison. */
import * as v from 'valibot';
import { byType, levels, statuses, type Check } from './common.ts';

export function valibot(): Check {
  const env = v.looseObject({
    v: v.literal(1),
    run: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
    time: v.pipe(v.number(), v.finite()),
    type: v.string(),
    data: v.looseObject({}),
  });
  const data = {
    run: v.looseObject({
      instance: v.string(),
      name: v.optional(v.string()),
      config: v.optional(v.looseObject({})),
      tags: v.optional(v.array(v.string())),
    }),
    status: v.looseObject({
      status: v.picklist(statuses),
      error: v.optional(
        v.looseObject({
          message: v.string(),
          type: v.optional(v.string()),
          stack: v.optional(v.string()),
        }),
      ),
    }),
    log: v.looseObject({
      level: v.picklist(levels),
      message: v.string(),
      logger: v.optional(v.string()),
      meta: v.optional(v.looseObject({})),
    }),
    output: v.looseObject({ stream: v.picklist(['stdout', 'stderr']), data: v.string() }),
    progress: v.looseObject({
      current: v.pipe(v.number(), v.minValue(0)),
      total: v.optional(v.pipe(v.number(), v.gtValue(0))),
      unit: v.optional(v.string()),
      label: v.optional(v.string()),
    }),
    result: v.looseObject({ key: v.pipe(v.string(), v.minLength(1)), value: v.unknown() }),
    heartbeat: v.looseObject({}),
  };
  const checks = Object.fromEntries(
    Object.entries(data).map(([k, s]) => [k, (d: unknown) => v.safeParse(s, d).success]),
  );
  return byType((e) => v.safeParse(env, e).success, checks);
}

/** The run-event schema in zod, for the library comparison. */
import { z } from 'zod';
import { byType, levels, statuses, type Check } from './common.ts';

export function zod(): Check {
  const env = z.looseObject({
    v: z.literal(1),
    run: z.string().min(1).max(128),
    seq: z.int().min(0),
    time: z.number(),
    type: z.string(),
    data: z.looseObject({}),
  });
  const data = {
    run: z.looseObject({
      instance: z.string(),
      name: z.string().optional(),
      config: z.looseObject({}).optional(),
      tags: z.array(z.string()).optional(),
    }),
    status: z.looseObject({
      status: z.enum(statuses),
      error: z
        .looseObject({
          message: z.string(),
          type: z.string().optional(),
          stack: z.string().optional(),
        })
        .optional(),
    }),
    log: z.looseObject({
      level: z.enum(levels),
      message: z.string(),
      logger: z.string().optional(),
      meta: z.looseObject({}).optional(),
    }),
    output: z.looseObject({ stream: z.enum(['stdout', 'stderr']), data: z.string() }),
    progress: z.looseObject({
      current: z.number().min(0),
      total: z.number().gt(0).optional(),
      unit: z.string().optional(),
      label: z.string().optional(),
    }),
    result: z.looseObject({ key: z.string().min(1), value: z.unknown() }),
    heartbeat: z.looseObject({}),
  };
  const checks = Object.fromEntries(
    Object.entries(data).map(([k, s]) => [k, (d: unknown) => s.safeParse(d).success]),
  );
  return byType((e) => env.safeParse(e).success, checks);
}

/** The run-event schema in typebox, for the library comparison. */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { byType, levels, statuses, type Check } from './common.ts';

export function typebox(): Check {
  const obj = Type.Object;
  const env = Compile(
    obj({
      v: Type.Literal(1),
      run: Type.String({ minLength: 1, maxLength: 128 }),
      seq: Type.Integer({ minimum: 0 }),
      time: Type.Number(),
      type: Type.String(),
      data: obj({}),
    }),
  );
  const data = {
    run: obj({
      instance: Type.String(),
      name: Type.Optional(Type.String()),
      config: Type.Optional(obj({})),
      tags: Type.Optional(Type.Array(Type.String())),
    }),
    status: obj({
      status: Type.Union(statuses.map((s) => Type.Literal(s))),
      error: Type.Optional(
        obj({
          message: Type.String(),
          type: Type.Optional(Type.String()),
          stack: Type.Optional(Type.String()),
        }),
      ),
    }),
    log: obj({
      level: Type.Union(levels.map((s) => Type.Literal(s))),
      message: Type.String(),
      logger: Type.Optional(Type.String()),
      meta: Type.Optional(obj({})),
    }),
    output: obj({
      stream: Type.Union([Type.Literal('stdout'), Type.Literal('stderr')]),
      data: Type.String(),
    }),
    progress: obj({
      current: Type.Number({ minimum: 0 }),
      total: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      unit: Type.Optional(Type.String()),
      label: Type.Optional(Type.String()),
    }),
    result: obj({ key: Type.String({ minLength: 1 }), value: Type.Unknown() }),
    heartbeat: obj({}),
  };
  const checks = Object.fromEntries(
    Object.entries(data).map(([k, s]) => {
      const c = Compile(s);
      return [k, (d: unknown) => c.Check(d)];
    }),
  );
  return byType((e) => env.Check(e), checks);
}

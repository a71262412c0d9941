/**
 * The run-event schema: the one source of truth of the protocol.
 *
 * The TypeScript types (`types.ts`), the runtime validator (`generated/`, compiled ahead of time
 * by `npm run schema`) and the JSON Schema for backends (`schema/run-event.schema.json`) all come
 * from the definitions below. TypeBox schemas *are* JSON Schema, so what backends read is exactly
 * what the code enforces. Only build scripts and type positions import this module, which keeps
 * the schema builder out of the elements' bundles.
 */
import Type from 'typebox';
import { EVENT_TYPES, LOG_LEVELS, PROTOCOL_VERSION, RUN_STATUSES } from './constants.ts';

/** Any JSON value. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

const jsonObject = (description: string) =>
  Type.Unsafe<JsonObject>({ type: 'object', description });

const envelope = {
  v: Type.Literal(PROTOCOL_VERSION, { description: 'Protocol major version.' }),
  run: Type.String({ minLength: 1, maxLength: 128, description: 'The run id.' }),
  seq: Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Strictly increasing per run, assigned by the producer.',
  }),
  time: Type.Number({ description: 'Unix epoch milliseconds (fractions allowed).' }),
};

function event<const T extends string, D extends Type.TSchema>(
  type: T,
  data: D,
  description: string,
) {
  return Type.Object(
    { ...envelope, type: Type.Literal(type), data },
    { title: `${type} event`, description },
  );
}

export const RunStartEvent = event(
  'run',
  Type.Object({
    instance: Type.String({ description: 'The experiment definition this run executes.' }),
    name: Type.Optional(Type.String()),
    config: Type.Optional(jsonObject('Configuration snapshot of the run.')),
    tags: Type.Optional(Type.Array(Type.String())),
  }),
  'First event of a run: what it is and how it was configured.',
);

export const StatusEvent = event(
  'status',
  Type.Object({
    status: Type.Enum([...RUN_STATUSES]),
    error: Type.Optional(
      Type.Object({
        message: Type.String(),
        type: Type.Optional(Type.String()),
        stack: Type.Optional(Type.String()),
      }),
    ),
  }),
  'Lifecycle change. completed, failed and cancelled are final.',
);

export const LogEvent = event(
  'log',
  Type.Object({
    level: Type.Enum([...LOG_LEVELS]),
    message: Type.String(),
    logger: Type.Optional(Type.String()),
    meta: Type.Optional(jsonObject('Structured context, shown collapsed.')),
  }),
  'A structured log record. Levels map to OpenTelemetry SeverityNumber ranges (see README).',
);

export const OutputEvent = event(
  'output',
  Type.Object({
    stream: Type.Enum(['stdout', 'stderr']),
    data: Type.String({
      description: 'Raw terminal output: may split lines anywhere, hold \\r and ANSI escapes.',
    }),
  }),
  'A chunk of raw terminal output as the process wrote it.',
);

export const ProgressEvent = event(
  'progress',
  Type.Object({
    current: Type.Number({ minimum: 0 }),
    total: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    unit: Type.Optional(Type.String()),
    label: Type.Optional(Type.String()),
  }),
  'Progress of the run; without total it is indeterminate.',
);

export const ResultEvent = event(
  'result',
  Type.Object({
    key: Type.String({ minLength: 1 }),
    value: Type.Unsafe<JsonValue>({ description: 'Any JSON value.' }),
  }),
  'A result value. A key may repeat: the values form a series.',
);

export const HeartbeatEvent = event('heartbeat', Type.Object({}), 'Liveness signal, no payload.');

/** An event of a type this version does not know: valid, skipped and counted by consumers. */
export const UnknownTypeEvent = Type.Object(
  {
    ...envelope,
    type: Type.String({ minLength: 1, not: { enum: [...EVENT_TYPES] } }),
    data: jsonObject('Payload of a type this version does not know.'),
  },
  { title: 'event of an unknown type', description: 'Forward compatible: skip and count it.' },
);

/** Schema of each known event type, by type. */
export const EVENT_SCHEMAS = {
  run: RunStartEvent,
  status: StatusEvent,
  log: LogEvent,
  output: OutputEvent,
  progress: ProgressEvent,
  result: ResultEvent,
  heartbeat: HeartbeatEvent,
} as const;

/** Any valid event: one of the known types, or an unknown type with a valid envelope. */
export const RunEventSchema = Type.Union([...Object.values(EVENT_SCHEMAS), UnknownTypeEvent]);

/**
 * The run-event schema written once per candidate library, the same way for each: an envelope
 * check, then the payload checked against the schema for its `type`. Shared by the candidates in this folder; used only by
 * `bench/schema-libs/measure.ts` to choose the protocol's schema library by measurement.
 */
export type Check = (event: unknown) => boolean;

export const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const statuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;

export function byType(
  envelope: (e: unknown) => boolean,
  data: Record<string, (d: unknown) => boolean>,
): Check {
  return (e) => {
    if (!envelope(e)) return false;
    const ev = e as { type: string; data: unknown };
    const check = data[ev.type];
    return check ? check(ev.data) : true;
  };
}

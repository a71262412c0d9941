/**
 * Mapping of log levels to OpenTelemetry SeverityNumber ranges (OpenTelemetry logs data model):
 * TRACE 1–4, DEBUG 5–8, INFO 9–12, WARN 13–16, ERROR 17–20, FATAL 21–24.
 */
import type { LogLevel } from './types.ts';

/** The SeverityNumber range of each level, inclusive. */
export const OTEL_SEVERITY: Readonly<Record<LogLevel, readonly [number, number]>> = {
  trace: [1, 4],
  debug: [5, 8],
  info: [9, 12],
  warn: [13, 16],
  error: [17, 20],
  fatal: [21, 24],
};

/**
 * The level of an OpenTelemetry SeverityNumber (1–24), for bridging OTel logs in.
 * Returns undefined for 0 (UNSPECIFIED) or out-of-range numbers.
 */
export function otelSeverity(severityNumber: number): LogLevel | undefined {
  if (!Number.isInteger(severityNumber) || severityNumber < 1 || severityNumber > 24) {
    return undefined;
  }
  const levels: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  return levels[Math.floor((severityNumber - 1) / 4)];
}

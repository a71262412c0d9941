/**
 * The log as files and clipboard text: the whole run's entries as JSONL (the protocol events) or
 * as plain text (what the rows show), built in pieces so a million entries never make one giant
 * string.
 */
import type { LogStore } from '@athanor/protocol';
import type { LogRows } from './log-rows.ts';
import { ROW_LINE, ROW_LOG } from './log-rows.ts';
import { formatStamp, rowText } from './log-row.ts';

const PIECE = 5000;

/** Every entry of the log as JSONL, in pieces. */
export function jsonlParts(logs: LogStore): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  for (let i = logs.first; i < logs.length; i++) {
    lines.push(JSON.stringify(logs.at(i)));
    if (lines.length === PIECE) {
      parts.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) parts.push(lines.join('\n') + '\n');
  return parts;
}

/** One row as a line of text: time, level or stream, logger, message. */
export function rowLine(rows: LogRows, row: number): string {
  const { logs, startedAt } = rows.state;
  const kind = rows.kind(row);
  if (kind === ROW_LOG) {
    const i = rows.ref(row);
    const logger = logs.logger(i);
    const head = `${formatStamp(logs.time(i), false, startedAt)} ${logs.level(i)!.toUpperCase().padEnd(5)}`;
    return `${head}${logger ? ` [${logger}]` : ''} ${logs.text(i)}`;
  }
  if (kind === ROW_LINE) {
    const line = rows.line(row)!;
    return `${formatStamp(line.firstTime, false, startedAt)} ${line.stream === 'stderr' ? 'ERR  ' : 'OUT  '} ${line.text}`;
  }
  return `— ${rowText(rows, row)}`;
}

/** Every row as plain text, in pieces. */
export function textParts(rows: LogRows): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  for (let row = rows.first; row < rows.length; row++) {
    lines.push(rowLine(rows, row));
    if (lines.length === PIECE) {
      parts.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) parts.push(lines.join('\n') + '\n');
  return parts;
}

/** A file-name-safe form of a run id. */
export function fileName(runId: string | undefined, suffix: string): string {
  return `${(runId ?? 'run').replace(/[^\w.-]+/g, '_')}${suffix}`;
}

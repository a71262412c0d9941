/** Helpers shared by the protocol tests. */
import { readFileSync, readdirSync } from 'node:fs';

export const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Every valid fixture: file name and its lines. */
export function validFixtures(): { name: string; lines: string[] }[] {
  const dir = new URL('valid/', FIXTURES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((name) => ({
      name,
      lines: readFileSync(new URL(name, dir), 'utf8').split('\n').filter(Boolean),
    }));
}

/** Every invalid fixture with its expected reason. */
export function invalidFixtures(): { name: string; reason: string; event: unknown }[] {
  const dir = new URL('invalid/', FIXTURES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((name) => {
      const { reason, event } = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as {
        reason: string;
        event: unknown;
      };
      return { name, reason, event };
    });
}

/** A valid event line. */
export function line(seq: number, type = 'heartbeat', data: object = {}, run = 'r1'): string {
  return JSON.stringify({ v: 1, run, seq, time: 1_000 + seq, type, data });
}

export { collect, labels } from './items.ts';

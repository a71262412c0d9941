/**
 * Progress with rate and ETA. The rate is an exponential moving average over time (not over
 * events), so bursts and pauses in reporting do not swing it.
 */
import type { ProgressEvent } from './types.ts';

/** Latest progress and what is derived from it. */
export interface ProgressState {
  readonly current: number;
  readonly total: number | undefined;
  readonly unit: string | undefined;
  readonly label: string | undefined;
  /** `current / total` in 0..1, or undefined without a total. */
  readonly fraction: number | undefined;
  /** Units per second, once two updates have been seen. */
  readonly rate: number | undefined;
  /** Milliseconds to completion at the current rate, when a total and a rate are known. */
  readonly etaMs: number | undefined;
  /** Event time of this update. */
  readonly time: number;
}

/** Time constant of the rate average: about the last 10 seconds weigh most. */
const RATE_TAU_MS = 10_000;

export class ProgressTracker {
  private seen = false;
  private prevCurrent = 0;
  private prevTime = 0;
  private prevLabel: string | undefined;
  private rate: number | undefined;

  /** Folds one progress update in and returns the new state. */
  update(data: ProgressEvent['data'], time: number): ProgressState {
    const { current, total, unit, label } = data;
    if (!this.seen || current < this.prevCurrent || label !== this.prevLabel) {
      this.rate = undefined; // a new phase or a restart: the old rate says nothing
    } else if (time > this.prevTime) {
      const dt = time - this.prevTime;
      const instant = ((current - this.prevCurrent) * 1000) / dt;
      const alpha = 1 - Math.exp(-dt / RATE_TAU_MS);
      this.rate = this.rate === undefined ? instant : this.rate + alpha * (instant - this.rate);
    }
    this.seen = true;
    this.prevCurrent = current;
    this.prevTime = time;
    this.prevLabel = label;
    const rate = this.rate;
    const etaMs =
      total !== undefined && rate !== undefined && rate > 0
        ? (Math.max(0, total - current) / rate) * 1000
        : undefined;
    return {
      current,
      total,
      unit,
      label,
      fraction: total !== undefined ? Math.min(1, current / total) : undefined,
      rate,
      etaMs,
      time,
    };
  }
}

import { randomBytes, randomInt } from 'node:crypto';
import type { RunHub } from './run-hub.ts';
import { SIMULATION_LIMITS } from './simulation-limits.ts';
import { fineTuneDrafts } from './synthetic/fine-tune.ts';

/** How a simulated live run is paced. */
export interface SimulationOptions {
  /** Total events including the opening `run` and the closing `status`. */
  events: number;
  /** Milliseconds between events. */
  intervalMs: number;
  /** Probability (0 to 1) that the run fails part-way, with a traceback, instead of completing. */
  failureChance: number;
}

type OptionName = keyof typeof SIMULATION_LIMITS;

function isOptionName(key: string): key is OptionName {
  return Object.hasOwn(SIMULATION_LIMITS, key);
}

/**
 * Validates the body of `POST /api/runs` (absent means all defaults) and returns the options
 * or a message for a 400. Unknown fields are refused so a typo does not silently fall back
 * to a default.
 */
export function parseSimulationOptions(body: unknown): SimulationOptions | { error: string } {
  const options: SimulationOptions = {
    events: SIMULATION_LIMITS.events.default,
    intervalMs: SIMULATION_LIMITS.intervalMs.default,
    failureChance: SIMULATION_LIMITS.failureChance.default,
  };
  if (body === undefined) return options;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: 'Request body must be a JSON object like {"events": 400, "intervalMs": 50}' };
  }
  for (const [key, value] of Object.entries(body)) {
    if (!isOptionName(key))
      return { error: `Unknown field "${key}"; expected events, intervalMs, failureChance` };
    const { min, max, integer } = SIMULATION_LIMITS[key];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (integer && !Number.isInteger(value)) ||
      value < min ||
      value > max
    ) {
      return {
        error: `"${key}" must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
      };
    }
    options[key] = value;
  }
  return options;
}

/**
 * Plays synthetic fine-tunes into the hub in real time, one event per tick, so the portal
 * has something live to watch without a real experiment.
 */
export class Simulator {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The timer and the next seq of each simulation still running, by run id. */
  private readonly running = new Map<string, { timer: NodeJS.Timeout; next: () => number }>();

  /**
   * @param hub where the events go.
   * @param maxActive how many simulations may run at once; more are refused, not queued.
   */
  constructor(
    private readonly hub: RunHub,
    private readonly maxActive = 20,
  ) {}

  /** Number of simulations still producing events. */
  get active(): number {
    return this.timers.size;
  }

  /**
   * Starts a simulation and returns its run id, or `undefined` when `maxActive` are already
   * running. The `run` event is appended before returning, so the run exists at once.
   */
  start(
    { events, intervalMs, failureChance }: SimulationOptions,
    instance?: { id: string; name: string },
  ): string | undefined {
    if (this.timers.size >= this.maxActive) return undefined;
    const run = `live-${randomBytes(6).toString('hex')}`;
    const drafts = fineTuneDrafts(events, randomInt(2 ** 31));
    // A failing run stops part-way (after its first third) with a traceback, as a crash would.
    if (failureChance > 0 && Math.random() < failureChance) {
      const at = Math.max(
        2,
        Math.floor(drafts.length / 3) + randomInt(Math.ceil(drafts.length / 2)),
      );
      drafts.splice(Math.min(at, drafts.length - 1), Infinity, {
        delayMs: 0,
        type: 'status',
        data: {
          status: 'failed',
          error: {
            type: 'RuntimeError',
            message: 'CUDA error: an illegal memory access was encountered (simulated failure)',
            stack:
              'Traceback (most recent call last):\n  File "train.py", line 212, in <module>\n    main()\n  File "train.py", line 188, in main\n    loss.backward()\nRuntimeError: CUDA error: an illegal memory access was encountered',
          },
        },
      });
    }
    let seq = 0;
    const appendNext = (): void => {
      const draft = drafts[seq];
      if (draft === undefined) return;
      // The run event names the run and, when started from one, the instance it belongs to.
      const data =
        seq === 0
          ? {
              ...draft.data,
              name: instance ? `${instance.name} · ${run}` : `simulated fine-tune ${run}`,
              ...(instance ? { instance: instance.id } : {}),
            }
          : draft.data;
      this.hub.append({ v: 1, run, seq, time: Date.now(), type: draft.type, data });
      seq += 1;
      if (seq >= drafts.length) this.stop(timer);
    };
    const timer = setInterval(appendNext, intervalMs);
    this.timers.add(timer);
    this.running.set(run, { timer, next: () => seq });
    appendNext();
    return run;
  }

  /**
   * Cancels the simulation of run `id`: it stops producing, and its run ends with a
   * `cancelled` status. Returns false if no simulation of that run is running.
   */
  cancel(id: string): boolean {
    const sim = this.running.get(id);
    if (!sim) return false;
    this.stop(sim.timer);
    this.hub.append({
      v: 1,
      run: id,
      seq: sim.next(),
      time: Date.now(),
      type: 'status',
      data: { status: 'cancelled' },
    });
    return true;
  }

  /** Stops every simulation; their runs stay in the hub as they are. */
  stopAll(): void {
    for (const timer of this.timers) this.stop(timer);
  }

  private stop(timer: NodeJS.Timeout): void {
    clearInterval(timer);
    this.timers.delete(timer);
    for (const [id, sim] of this.running) if (sim.timer === timer) this.running.delete(id);
  }
}

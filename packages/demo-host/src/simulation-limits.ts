/** The limits of simulated runs, shared by the host and the portal's start form (no Node imports). */

/**
 * Accepted ranges and defaults. At least 3 events, because a run needs its `run` event,
 * `running` and `completed`; the upper bounds keep one request from pinning memory or a
 * timer for hours.
 */
export const SIMULATION_LIMITS = {
  events: { min: 3, max: 10_000, default: 400, integer: true },
  intervalMs: { min: 1, max: 60_000, default: 50, integer: true },
  failureChance: { min: 0, max: 1, default: 0, integer: false },
} as const;

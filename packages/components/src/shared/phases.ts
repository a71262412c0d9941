/**
 * How each run phase looks wherever a run's status is shown (`<run-status>`, `<run-history>`):
 * its label, icon and DaisyUI classes.
 */
import type { RunStatus } from '@athanor/protocol';

/** A run status, or one of the two states the element adds: stale and cancelling. */
export type Phase = RunStatus | 'stale' | 'cancelling';

interface PhaseLook {
  readonly label: string;
  /** Shown before the label and in the tab title. */
  readonly icon: string;
  /** DaisyUI classes, written out whole so that the style build finds them. */
  readonly badge: string;
  readonly bar: string;
}

export const PHASES: Readonly<Record<Phase, PhaseLook>> = {
  pending: { label: 'Pending', icon: '◌', badge: 'badge-ghost', bar: 'progress-muted' },
  running: { label: 'Running', icon: '▶', badge: 'badge-info', bar: 'progress-info' },
  stale: { label: 'Stale', icon: '◷', badge: 'badge-warning', bar: 'progress-warning' },
  cancelling: {
    label: 'Cancelling…',
    icon: '■',
    badge: 'badge-warning badge-outline',
    bar: 'progress-warning',
  },
  completed: { label: 'Completed', icon: '✓', badge: 'badge-success', bar: 'progress-success' },
  failed: { label: 'Failed', icon: '✗', badge: 'badge-error', bar: 'progress-error' },
  cancelled: { label: 'Cancelled', icon: '■', badge: 'badge-neutral', bar: 'progress-muted' },
};

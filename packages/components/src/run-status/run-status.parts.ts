/**
 * Pieces of the `<run-status>` template that depend only on the run state: what each phase
 * looks like, the progress block and the error panel.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ProgressState, RunError } from '@athanor/protocol';
import { formatClock, formatNumber, formatRate } from '../shared/format.ts';
import { PHASES, type Phase } from '../shared/phases.ts';

/** Percent done, floored so that a run never reads 100% before it is: `42`, `7.5`. */
export function percent(fraction: number): string {
  const p = fraction * 100;
  return p < 10 ? formatNumber(Math.floor(p * 10) / 10, 1) : formatNumber(Math.floor(p), 0);
}

/** The figures of a progress update, as short phrases. */
export function progressFigures(p: ProgressState, live: boolean): string[] {
  const unit = p.unit ?? '';
  const count =
    p.total !== undefined
      ? `${formatNumber(p.current)} / ${formatNumber(p.total)}`
      : formatNumber(p.current);
  const figures = [unit ? `${count} ${unit}` : count];
  if (p.fraction !== undefined) figures.push(`${percent(p.fraction)}%`);
  if (live && p.rate !== undefined) figures.push(formatRate(p.rate, p.unit ?? 'it'));
  if (live && p.etaMs !== undefined) figures.push(`ETA ${formatClock(p.etaMs)}`);
  return figures;
}

/** The progress bar and its figures; indeterminate without a total. */
export function progressBlock(p: ProgressState, phase: Phase, live: boolean): TemplateResult {
  const figures = progressFigures(p, live);
  const label = p.label ? `Progress: ${p.label}` : 'Progress';
  const determinate = p.total !== undefined;
  return html`<div class="progress-block" part="progress">
    ${p.label ? html`<span class="muted">${p.label}</span>` : nothing}
    <progress
      class="progress ${PHASES[phase].bar}"
      aria-label=${label}
      aria-valuetext=${figures.join(', ')}
      max=${determinate ? p.total! : nothing}
      value=${determinate ? p.current : nothing}
    ></progress>
    <span class="font-mono figures">${figures.join(' · ')}</span>
  </div>`;
}

/** The whole error as text, for the clipboard. */
export function errorText(error: RunError): string {
  const head = error.type ? `${error.type}: ${error.message}` : error.message;
  return error.stack ? `${head}\n\n${error.stack}` : head;
}

/** Number of lines of a stack trace. */
export function lineCount(text: string): number {
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

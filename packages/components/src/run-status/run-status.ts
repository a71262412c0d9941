import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { LogLevel, RunError, RunState } from '@athanor/protocol';
import { RunElement } from '../shared/run-element.ts';
import { clock } from '../shared/clock.ts';
import { RunCancelEvent, RunLogJumpEvent } from '../shared/events.ts';
import { formatClock, formatDateTime, formatSpan, plural } from '../shared/format.ts';
import { runStatusStyles } from './run-status.styles.ts';
import { PHASES, type Phase } from '../shared/phases.ts';
import { errorText, lineCount, percent, progressBlock } from './run-status.parts.ts';

type CancelPhase =
  | { readonly step: 'idle' }
  | { readonly step: 'confirm' }
  | { readonly step: 'cancelling' }
  | { readonly step: 'failed'; readonly message: string };

const ERROR_LEVELS: readonly LogLevel[] = ['error', 'fatal'];
const WARN_LEVELS: readonly LogLevel[] = ['warn'];

/**
 * Status, progress, time, errors and the cancel button of one run, live. Reads the stream given
 * by `src` / `.events`, or the one shared by an enclosing `<run-scope>`.
 *
 * @summary Live status of one run: badge, progress, elapsed time, error, cancel.
 * @fires {RunCancelEvent} run-cancel - When the reader confirms Cancel. Cancelable: prevent it to
 *   handle the request yourself (no POST to `cancel-url`, no "cancelling…").
 * @fires {RunLogJumpEvent} run-log-jump - When the reader clicks the error or warning count.
 * @csspart base - The whole status bar.
 * @csspart status - The status badge.
 * @csspart progress - The progress bar and its figures.
 * @csspart error - The error panel of a failed run.
 * @cssprop [--athanor-run-status-background=var(--color-base-100)] - Background.
 * @cssprop [--athanor-run-status-border-color=var(--color-base-300)] - Border colour.
 * @cssprop [--athanor-run-status-sticky-top=0px] - Offset from the top when `sticky`.
 * @cssstate pending - The run has not started (`run-status:state(pending)`).
 * @cssstate running - The run is going and events arrive.
 * @cssstate stale - The run is going but sent nothing for `stale-after` seconds.
 * @cssstate cancelling - Cancel was confirmed and the run has not ended yet.
 * @cssstate completed - The run ended well.
 * @cssstate failed - The run ended with an error.
 * @cssstate cancelled - The run was cancelled.
 */
export class RunStatus extends RunElement {
  static override styles = [RunElement.styles, runStatusStyles];

  protected override streamOptions() {
    return {
      onFrame: (s: RunState) => {
        if (s.isFinal && this.cancel.step !== 'idle') this.cancel = { step: 'idle' };
      },
    };
  }

  @state() private cancel: CancelPhase = { step: 'idle' };
  @state() private copied: 'idle' | 'copied' | 'failed' = 'idle';

  /** Seconds without any event after which a running run shows as stale. */
  @property({ type: Number, reflect: true, attribute: 'stale-after' }) staleAfter = 120;

  /** URL to POST to when the reader confirms Cancel (unless the `run-cancel` event is prevented). */
  @property({ type: String, reflect: true, attribute: 'cancel-url' }) cancelUrl: string | undefined;

  /** Keep the bar visible at the top of its scroll container. */
  @property({ type: Boolean, reflect: true }) sticky = false;

  /** Keep the tab title showing status and percent (e.g. "▶ 42% · run-17"). */
  @property({ type: Boolean, reflect: true, attribute: 'document-title' }) documentTitle = false;

  @query('.keep') private keepButton?: HTMLButtonElement;

  private readonly internals = this.attachInternals();
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  private savedTitle: string | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.staleTimer);
    clearTimeout(this.copiedTimer);
    this.restoreTitle();
  }

  protected override updated(changed: PropertyValues): void {
    const phase = this.phase();
    // Custom states (`run-status:state(failed)`), where the browser has them.
    const states = this.internals.states as CustomStateSet | undefined;
    for (const name of Object.keys(PHASES)) {
      if (name === phase) states?.add(name);
      else states?.delete(name);
    }
    this.armStaleTimer();
    if (this.documentTitle) this.writeTitle(phase);
    else if (changed.has('documentTitle')) this.restoreTitle();
    if (changed.has('cancel') && this.cancel.step === 'confirm') this.keepButton?.focus();
  }

  private readonly onCancel = () => {
    this.cancel = { step: 'confirm' };
  };

  private readonly onKeep = () => {
    this.cancel = { step: 'idle' };
  };

  private readonly onConfirm = () => {
    const allowed = this.dispatchEvent(new RunCancelEvent(this.state.runId));
    if (!allowed) {
      this.cancel = { step: 'idle' };
      return;
    }
    this.cancel = { step: 'cancelling' };
    if (this.cancelUrl) void this.postCancel(this.cancelUrl);
  };

  private readonly onConfirmKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.onKeep();
  };

  private async onCopy(error: RunError): Promise<void> {
    try {
      await navigator.clipboard.writeText(errorText(error));
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
    }
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = 'idle'), 2000);
  }

  private jump(levels: readonly LogLevel[]): void {
    const first = this.state.firstLogIndex;
    const indexes = levels.map((level) => first[level]).filter((i) => i !== undefined);
    if (indexes.length === 0) return;
    this.dispatchEvent(new RunLogJumpEvent(levels, Math.min(...indexes), this.state.runId));
  }

  private phase(now = Date.now()): Phase {
    const s = this.state;
    if (s.isFinal) return s.status;
    if (this.cancel.step === 'cancelling') return 'cancelling';
    return this.isStale(now) ? 'stale' : s.status;
  }

  private isStale(now: number): boolean {
    const s = this.state;
    return (
      s.status === 'running' &&
      s.lastEventTime !== undefined &&
      now - s.lastEventTime >= this.staleAfter * 1000
    );
  }

  /** One timer, to re-render when the run would turn stale; events re-arm it. */
  private armStaleTimer(): void {
    clearTimeout(this.staleTimer);
    const s = this.state;
    if (s.status !== 'running' || s.lastEventTime === undefined) return;
    const wait = s.lastEventTime + this.staleAfter * 1000 - Date.now();
    if (wait > 0) this.staleTimer = setTimeout(() => this.requestUpdate(), wait + 20);
  }

  private async postCancel(url: string): Promise<void> {
    let failure: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) failure = await describeFailure(response);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure !== undefined && this.cancel.step === 'cancelling' && !this.state.isFinal) {
      this.cancel = { step: 'failed', message: failure };
    }
  }

  private writeTitle(phase: Phase): void {
    this.savedTitle ??= document.title;
    const s = this.state;
    const fraction = s.progress?.fraction;
    const pct = fraction !== undefined && !s.isFinal ? `${percent(fraction)}% · ` : '';
    document.title = `${PHASES[phase].icon} ${pct}${s.name ?? s.runId ?? 'run'}`;
  }

  private restoreTitle(): void {
    if (this.savedTitle === undefined) return;
    document.title = this.savedTitle;
    this.savedTitle = undefined;
  }

  override render() {
    const s = this.state;
    const now = Date.now();
    const phase = this.phase(now);
    const look = PHASES[phase];
    const live = !s.isFinal;
    return html`<div class="athanor-root border" part="base" role="group" aria-label="Run status">
      <div class="bar">
        <span class="badge badge-sm phase ${look.badge}" part="status">
          <span aria-hidden="true">${look.icon}</span>${look.label}
        </span>
        ${
          s.runId !== undefined
            ? html`<span class="run-name" title=${s.runId}>${s.name ?? s.runId}</span>`
            : nothing
        }
        ${this.renderTime(s)} ${this.renderSilence(s, now)} ${this.renderConnection(s)}
        <span class="actions">${this.renderCounts(s)} ${live ? this.renderCancel() : nothing}</span>
      </div>
      ${s.progress ? progressBlock(s.progress, phase, live) : nothing} ${this.renderError(s)}
      <span class="sr-only" role="status"
        >${s.runId ? `Run ${s.name ?? s.runId}: ` : ''}${look.label}</span
      >
    </div>`;
  }

  private renderTime(s: RunState): TemplateResult | typeof nothing {
    if (s.startedAt === undefined) return nothing;
    const started = `Started ${formatDateTime(s.startedAt)}`;
    const title =
      s.endedAt === undefined ? started : `${started}, ended ${formatDateTime(s.endedAt)}`;
    const text = () => formatClock(s.duration(Date.now()) ?? 0);
    const pending = s.status === 'pending';
    return html`<span class="font-mono elapsed" title=${title}>
      <span class=${pending ? 'muted' : 'sr-only'}
        >${s.isFinal ? 'Duration' : pending ? 'waiting' : 'Elapsed'}</span
      >
      ${clock(text, !s.isFinal)}
    </span>`;
  }

  private renderSilence(s: RunState, now: number): TemplateResult | typeof nothing {
    if (!this.isStale(now) || this.cancel.step === 'cancelling') return nothing;
    const last = s.lastEventTime!;
    const text = () => `no output for ${formatSpan(Date.now() - last)}`;
    return html`<span class="count-warn font-medium" title="Last event ${formatDateTime(last)}">
      ${clock(text, true)}
    </span>`;
  }

  private renderConnection(s: RunState): TemplateResult | typeof nothing {
    const c = s.connection;
    if (s.isFinal || !c || (c.state !== 'reconnecting' && c.state !== 'error')) return nothing;
    const text = c.state === 'reconnecting' ? 'reconnecting…' : 'connection lost';
    return html`<span class="muted" title=${c.message ?? text}>${text}</span>`;
  }

  private renderCounts(s: RunState): TemplateResult {
    const errors = s.logCounts.error + s.logCounts.fatal;
    const warnings = s.logCounts.warn;
    const button = (count: number, word: string, cls: string, levels: readonly LogLevel[]) =>
      html`<button
        class="btn btn-xs btn-ghost font-mono ${count > 0 ? cls : 'muted'}"
        ?disabled=${count === 0}
        title=${count > 0 ? `Show the first ${word} in the log` : `No ${word}s`}
        @click=${() => this.jump(levels)}
      >
        ${plural(count, word)}
      </button>`;
    return html`${button(errors, 'error', 'count-error', ERROR_LEVELS)}
    ${button(warnings, 'warning', 'count-warn', WARN_LEVELS)}`;
  }

  private renderCancel(): TemplateResult {
    const c = this.cancel;
    if (c.step === 'cancelling') {
      return html`<span class="muted" aria-hidden="true"
        ><span class="spinner"></span> cancelling…</span
      >`;
    }
    if (c.step === 'confirm') {
      return html`<span class="confirm" @keydown=${this.onConfirmKey}>
        <span>Cancel this run?</span>
        <button class="btn btn-xs btn-error confirm-cancel" @click=${this.onConfirm}>
          Yes, cancel
        </button>
        <button class="btn btn-xs keep" @click=${this.onKeep}>Keep running</button>
      </span>`;
    }
    return html`${
        c.step === 'failed'
          ? html`<span class="count-error" role="alert">Cancel failed: ${c.message}</span>`
          : nothing
      }
      <button class="btn btn-xs btn-outline cancel" aria-label="Cancel run" @click=${this.onCancel}>
        ${c.step === 'failed' ? 'Retry cancel' : 'Cancel'}
      </button>`;
  }

  private renderError(s: RunState): TemplateResult | typeof nothing {
    const error = s.error;
    if (s.status !== 'failed' && !(s.status === 'cancelled' && error)) return nothing;
    const quiet = s.status === 'cancelled';
    if (!error) {
      return html`<div class="error-panel" part="error">
        <p class="error-message">The run failed without reporting an error.</p>
      </div>`;
    }
    const copyLabel = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' }[this.copied];
    return html`<div class="error-panel ${quiet ? 'muted-panel' : ''}" part="error">
      ${error.type ? html`<div class="font-mono muted">${error.type}</div>` : nothing}
      <p class="error-message">${error.message}</p>
      <div class="stack-head">
        ${
          error.stack
            ? html`<details class="grow">
                <summary>Stack trace (${plural(lineCount(error.stack), 'line')})</summary>
                <pre class="font-mono" tabindex="0" aria-label="Stack trace">${error.stack}</pre>
              </details>`
            : nothing
        }
        <button
          class="btn btn-xs btn-ghost self-start"
          aria-label="Copy the error${error.stack ? ' and its stack trace' : ''}"
          @click=${() => this.onCopy(error)}
        >
          ${copyLabel}
        </button>
        <span class="sr-only" role="status">${this.copied === 'idle' ? '' : copyLabel}</span>
      </div>
    </div>`;
  }
}

async function describeFailure(response: Response): Promise<string> {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string') return `${status}: ${body.error}`;
  } catch {
    // not JSON: the status says enough
  }
  return status;
}

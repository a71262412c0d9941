/**
 * `clock(text, live)`: a text that refreshes itself every second while `live`, without
 * re-rendering the element around it (the directive writes only its own text node).
 */

import { AsyncDirective, directive } from 'lit/async-directive.js';

/** Refresh period of live clocks. */
export const CLOCK_TICK_MS = 1000;

class ClockDirective extends AsyncDirective {
  private text: () => string = () => '';
  private live = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  render(text: () => string, live: boolean): string {
    this.text = text;
    this.live = live;
    this.sync();
    return text();
  }

  protected override disconnected(): void {
    this.stop();
  }

  protected override reconnected(): void {
    this.sync();
    this.setValue(this.text());
  }

  private sync(): void {
    if (this.live && this.isConnected) {
      this.timer ??= setInterval(() => this.setValue(this.text()), CLOCK_TICK_MS);
    } else {
      this.stop();
    }
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** A self-refreshing text (see module doc). */
export const clock = directive(ClockDirective);

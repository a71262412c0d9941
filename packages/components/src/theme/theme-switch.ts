import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AthanorElement } from '../shared/athanor-element.ts';
import { ThemeChangeEvent } from '../shared/events.ts';
import {
  THEME_CHOICES,
  THEME_STORAGE_KEY,
  applyTheme,
  onSystemThemeChange,
  readThemeChoice,
  storeThemeChoice,
  type ThemeChoice,
} from './theme.ts';

const LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };

/**
 * A light / dark / system choice for the whole page: applies it as `data-theme` on `<html>`,
 * keeps it in localStorage, follows the system live while "system" is chosen, and stays in step
 * with other switches on the page and in other tabs.
 *
 * @summary Light / dark / system theme choice.
 * @fires {ThemeChangeEvent} theme-change - When the reader picks a theme.
 * @csspart group - The radio group.
 * @cssprop [--athanor-theme-switch-size=1.5rem] - Height of the options.
 */
export class ThemeSwitch extends AthanorElement {
  static override styles = [
    AthanorElement.styles,
    css`
      :host {
        display: inline-block;
        --_size: var(--athanor-theme-switch-size, 1.5rem);
      }
      .join-item {
        height: var(--_size);
        min-height: var(--_size);
        font-weight: 500;
      }
    `,
  ];

  @state() private choice: ThemeChoice = 'system';

  /** DaisyUI theme applied for light. */
  @property({ type: String, reflect: true, attribute: 'light-theme' }) lightTheme = 'athanor-light';

  /** DaisyUI theme applied for dark. */
  @property({ type: String, reflect: true, attribute: 'dark-theme' }) darkTheme = 'athanor-dark';

  /** localStorage key of the choice. */
  @property({ type: String, reflect: true, attribute: 'storage-key' })
  storageKey = THEME_STORAGE_KEY;

  private stopSystem: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.choice = readThemeChoice(this.storageKey);
    this.apply();
    this.stopSystem = onSystemThemeChange(() => {
      if (this.choice === 'system') this.apply();
    });
    window.addEventListener('storage', this.onStorage);
    document.addEventListener(ThemeChangeEvent.eventName, this.onOtherSwitch);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopSystem?.();
    window.removeEventListener('storage', this.onStorage);
    document.removeEventListener(ThemeChangeEvent.eventName, this.onOtherSwitch);
  }

  private readonly onStorage = (event: StorageEvent) => {
    if (event.key !== this.storageKey && event.key !== null) return;
    this.choice = readThemeChoice(this.storageKey);
    this.apply();
  };

  private readonly onOtherSwitch = (event: ThemeChangeEvent) => {
    if (event.composedPath()[0] === this) return;
    this.choice = event.choice;
  };

  private onPick(choice: ThemeChoice): void {
    this.choice = choice;
    storeThemeChoice(choice, this.storageKey);
    const theme = this.apply();
    this.dispatchEvent(new ThemeChangeEvent(choice, theme));
  }

  /** The current choice. */
  get value(): ThemeChoice {
    return this.choice;
  }

  private apply() {
    return applyTheme(this.choice, { light: this.lightTheme, dark: this.darkTheme });
  }

  override render() {
    return html`<div class="athanor-root join" part="group" role="radiogroup" aria-label="Theme">
      ${THEME_CHOICES.map(
        (choice) =>
          html`<input
            class="join-item btn btn-xs"
            type="radio"
            name="theme"
            value=${choice}
            aria-label=${LABELS[choice]}
            .checked=${this.choice === choice}
            @change=${() => this.onPick(choice)}
          />`,
      )}
    </div>`;
  }
}

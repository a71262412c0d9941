import { defineElement } from '../shared/define.ts';
import { ThemeSwitch } from './theme-switch.ts';

defineElement('theme-switch', ThemeSwitch);

export { ThemeSwitch };
export * from './theme.ts';

declare global {
  interface HTMLElementTagNameMap {
    'theme-switch': ThemeSwitch;
  }
}

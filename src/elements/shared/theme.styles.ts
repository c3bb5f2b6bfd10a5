/** Design tokens: every element reads `--omni-*` custom properties, with light and dark defaults. */
import { css, unsafeCSS } from 'lit';

/**
 * The dark palette (used by `prefers-color-scheme: dark` and by `theme="dark"`): values only, read
 * by the tokens below under any `--omni-*` the site sets. They inherit, so every element inside a
 * dark one (an attachment, the emoji picker, a form) is dark too without its own `theme`. A string,
 * not a css`` fragment, because the build's CSS minifier parses each css`` on its own.
 */
const darkTokens = unsafeCSS(
  '--_d-accent:#7aa2ff;--_d-on-accent:#0b1020;--_d-surface:#171a21;--_d-surface-alt:#232833;--_d-text:#e9ecf2;--_d-muted:#a3acbd;--_d-border:#343a48;--_d-danger:#ff8a80;--_d-on-danger:#0b1020;--_d-focus:#7aa2ff;',
);

/**
 * Shared tokens and base rules for every element's shadow root. The tags below document the
 * tokens once; the manifest config copies them onto every element whose `styles` include this.
 *
 * @attr {'light' | 'dark'} theme - forces the light or dark palette (default: the visitor's `prefers-color-scheme`)
 * @attr {string} lang - the language of the element's text, dates and times, as a BCP 47 tag (`de`, `pt-BR`); default: the nearest `lang` up the page (`<html lang>`), else the visitor's browser languages; one language per page; `ar` and `he` read right to left
 * @cssproperty [--omni-color-accent=#1f5bd8] - accent: own bubbles, the launcher, send and call buttons, badges (dark: `#7aa2ff`)
 * @cssproperty [--omni-color-on-accent=#ffffff] - text and icons on the accent colour (dark: `#0b1020`)
 * @cssproperty [--omni-color-surface=#ffffff] - background of the panel, lists and inputs (dark: `#171a21`)
 * @cssproperty [--omni-color-surface-alt=#f1f3f7] - background of others' bubbles, cards, notices, pressed toggles, the selected item (dark: `#232833`)
 * @cssproperty [--omni-color-text=#1b1f29] - text (dark: `#e9ecf2`)
 * @cssproperty [--omni-color-muted=#5b6476] - secondary text: times, previews, states, typing (dark: `#a3acbd`)
 * @cssproperty [--omni-color-border=#d5dae3] - borders and dividers (dark: `#343a48`)
 * @cssproperty [--omni-color-danger=#b3261e] - errors, failed messages, hang up and decline (dark: `#ff8a80`)
 * @cssproperty [--omni-color-on-danger=#fff] - text on the danger colour: the unread badge, hang up (dark: `#0b1020`)
 * @cssproperty [--omni-color-focus=#1f5bd8] - the keyboard focus ring (dark: `#7aa2ff`)
 * @cssproperty [--omni-radius=12px] - corner radius of the panel, bubbles, cards and buttons
 * @cssproperty [--omni-spacing=8px] - base spacing unit (paddings and gaps are multiples of it)
 * @cssproperty [--omni-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - font of all text
 * @cssproperty [--omni-font-size=15px] - base font size
 */
export const themeStyles = css`
  :host {
    --_accent: var(--omni-color-accent, var(--_d-accent, var(--_brand, #1f5bd8)));
    --_on-accent: var(--omni-color-on-accent, var(--_d-on-accent, var(--_brand-on, #fff)));
    --_surface: var(--omni-color-surface, var(--_d-surface, #fff));
    --_surface-alt: var(--omni-color-surface-alt, var(--_d-surface-alt, #f1f3f7));
    --_text: var(--omni-color-text, var(--_d-text, #1b1f29));
    --_muted: var(--omni-color-muted, var(--_d-muted, #5b6476));
    --_border: var(--omni-color-border, var(--_d-border, #d5dae3));
    --_danger: var(--omni-color-danger, var(--_d-danger, #b3261e));
    --_on-danger: var(--omni-color-on-danger, var(--_d-on-danger, #fff));
    --_focus: var(--omni-color-focus, var(--_d-focus, #1f5bd8));
    --_radius: var(--omni-radius, 12px);
    --_space: var(--omni-spacing, 8px);
    --_font: var(--omni-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--omni-font-size, 15px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;

/**
 * The console's keyboard shortcuts: a keydown listener on the console (keys from inside its shadow
 * roots arrive composed) that maps keys to actions, and the "Keyboard shortcuts" help dialog.
 * Single keys (j, k, /, ?) act only outside text fields, so they never steal typing; Alt chords
 * act everywhere, except where the chord itself types a character (macOS Option letters).
 */
import { css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { consoleStrings } from './console-strings.js';

/** What the shortcuts do. */
export interface ShortcutActions {
  /** Next (`1`) or previous (`-1`) conversation of the list as filtered. */
  step(delta: 1 | -1): void;
  resolve(): void;
  transfer(): void;
  focusSearch(): void;
  showHelp(): void;
}

/** True when `element` takes text (where a single key is typing, not a command). */
export function isTextField(element: EventTarget | undefined): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(element.type);
}

/** The action of a key press, or undefined when the key is not a shortcut here. */
export function shortcutOf(event: KeyboardEvent, inTextField: boolean): keyof ShortcutActions | ['step', 1 | -1] | undefined {
  if (event.ctrlKey || event.metaKey || event.isComposing) return undefined;
  if (event.altKey) {
    if (event.key === 'ArrowDown') return ['step', 1];
    if (event.key === 'ArrowUp') return ['step', -1];
    const letter = event.code === 'KeyR' ? 'r' : event.code === 'KeyT' ? 't' : undefined;
    // On macOS Option+R types "®": in a text field that is typing, not a command.
    if (!letter || (inTextField && event.key.length === 1 && event.key.toLowerCase() !== letter)) return undefined;
    return letter === 'r' ? 'resolve' : 'transfer';
  }
  if (inTextField) return undefined;
  if (event.key === 'j') return ['step', 1];
  if (event.key === 'k') return ['step', -1];
  if (event.key === '/') return 'focusSearch';
  if (event.key === '?') return 'showHelp';
  return undefined;
}

/** Listens on the host for shortcuts while it is connected. */
export class ConsoleShortcuts implements ReactiveController {
  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const action = shortcutOf(event, isTextField(event.composedPath()[0]));
    if (!action) return;
    event.preventDefault();
    if (Array.isArray(action)) this.actions.step(action[1]);
    else if (action !== 'step') this.actions[action]();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly actions: ShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
  }
}

/** The help dialog's styles (for the console's `styles`). */
export const shortcutHelpStyles = css`
  dialog.shortcuts { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); color: var(--_text); max-width: min(420px, 90vw); }
  dialog.shortcuts::backdrop { background: rgb(0 0 0 / 0.3); }
  dialog.shortcuts h2 { font-size: 1.05em; margin: 0 0 10px; }
  dialog.shortcuts table { border-collapse: collapse; }
  dialog.shortcuts th { text-align: start; padding: 3px 14px 3px 0; white-space: nowrap; }
  dialog.shortcuts kbd { font: inherit; border: 1px solid var(--_border); border-radius: 4px; padding: 0 5px; background: var(--_surface-alt); }
  dialog.shortcuts p { color: var(--_muted); font-size: 0.9em; }
  dialog.shortcuts button { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 4px 12px; font: inherit; }
`;

/** The "Keyboard shortcuts" dialog (opened with `showModal()`; Escape or the button closes it). */
export function shortcutHelp(close: () => void) {
  const text = consoleStrings();
  return html`<dialog class="shortcuts" part="shortcuts" aria-labelledby="shortcuts-title">
    <h2 id="shortcuts-title">${text.shortcuts}</h2>
    <table>
      <tbody>
        ${text.shortcutList.map(([keys, what]) => html`<tr><th scope="row"><kbd>${keys}</kbd></th><td>${what}</td></tr>`)}
      </tbody>
    </table>
    <p>${text.shortcutsNote}</p>
    <button part="shortcuts-close" @click=${close}>${text.close}</button>
  </dialog>`;
}

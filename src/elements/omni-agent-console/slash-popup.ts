/**
 * The console's `/` popup: typing `/` at the start of the reply box lists the queue's canned
 * responses and the slash commands, filtered by what follows; arrow keys move, Enter or Tab
 * inserts, Escape closes. The reply box stays focused (a textbox with `aria-autocomplete="list"`
 * whose `aria-controls` and `aria-activedescendant` point at the listbox through ARIA element
 * reflection, since the box lives in `<omni-conversation>`'s shadow root), and a status line says
 * how many suggestions there are. Lives in the agent bundle: the guest composer is unchanged.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { AGENT_COMMANDS } from '../../messaging/agent-commands.js';
import type { CannedResponse } from '../../core/protocol.js';
import type { OmniSession } from '../../core/session.js';
import { cannedResponsesOf, loadCannedResponses } from '../../messaging/agent-notes.js';
import { notesStrings } from './notes-strings.js';

/** One suggestion of the popup. */
export interface SlashItem {
  /** Stable key (a canned response's id, or `command:<name>`). */
  key: string;
  /** What is typed to pick it, without the `/`. */
  shortcut: string;
  /** The line shown. */
  title: string;
  /** A second, muted line (the text, or the command's syntax). */
  detail: string;
  /** Text put into the reply box, or `note` to switch to an internal note. */
  insert: string | 'note';
}

/** What the popup needs from the console. */
export interface SlashPopupOptions {
  /** The console's session and the open conversation's queue (its canned responses are offered). */
  target(): { session: OmniSession | undefined; queue: string | undefined };
  /** The agent picked `/note`: write an internal note instead. */
  startNote(): void;
}

/** The suggestions for `query` (what follows the `/`): canned responses first, then commands; shortcut prefixes before title matches. */
export function slashItems(query: string, canned: CannedResponse[]): SlashItem[] {
  const wanted = query.toLowerCase();
  const all: SlashItem[] = [
    ...canned.map((response) => ({ key: response.id, shortcut: response.shortcut, title: response.title, detail: response.text, insert: response.text })),
    { key: 'command:note', shortcut: 'note', title: notesStrings().noteCommand, detail: '/note', insert: 'note' as const },
    ...AGENT_COMMANDS.map((command) => ({
      key: `command:${command.name}`,
      shortcut: command.name,
      title: notesStrings().commandHints[command.name] ?? command.name,
      detail: `/${command.name} ${command.syntax}`,
      insert: `/${command.name} `,
    })),
  ];
  const byShortcut = all.filter((item) => item.shortcut.startsWith(wanted));
  const byTitle = wanted ? all.filter((item) => !item.shortcut.startsWith(wanted) && item.title.toLowerCase().includes(wanted)) : [];
  return [...byShortcut, ...byTitle];
}

/** The reply box's ARIA references (element reflection; not in every TypeScript DOM lib yet). */
type Reflecting = HTMLTextAreaElement & { ariaControlsElements?: Element[] | null; ariaActiveDescendantElement?: Element | null };

/** The `/` popup of the console's reply box. */
export class SlashPopup implements ReactiveController {
  /** The suggestions shown (empty: closed). */
  items: SlashItem[] = [];
  /** Index of the highlighted suggestion. */
  active = 0;
  private input: Reflecting | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: SlashPopupOptions,
  ) {
    host.addController(this);
  }

  /** True while suggestions are shown. */
  get open(): boolean {
    return this.items.length > 0;
  }

  hostUpdate(): void {
    // The open conversation's queue's canned responses, loaded once per session and queue.
    const { session, queue } = this.options.target();
    if (session && queue) void loadCannedResponses(session, queue);
  }

  /** The canned responses of the open conversation's queue (empty until loaded). */
  private cannedResponses(): CannedResponse[] {
    const { session, queue } = this.options.target();
    return (session && queue && cannedResponsesOf(session).get()[queue]) || [];
  }

  hostConnected(): void {
    // Capture on the console's root: the popup's keys are handled before the reply box's own Enter.
    this.host.renderRoot.addEventListener('keydown', this.onKeyDown as EventListener, true);
    this.host.renderRoot.addEventListener('input', this.onInput, true);
    this.host.renderRoot.addEventListener('focusout', this.onFocusOut as EventListener, true);
  }

  hostDisconnected(): void {
    this.host.renderRoot.removeEventListener('keydown', this.onKeyDown as EventListener, true);
    this.host.renderRoot.removeEventListener('input', this.onInput, true);
    this.host.renderRoot.removeEventListener('focusout', this.onFocusOut as EventListener, true);
    this.close();
  }

  /** The reply box of the console's conversation an event came from, if it did. */
  private replyBox(event: Event): Reflecting | undefined {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLTextAreaElement)) return undefined;
    const root = target.getRootNode();
    return root instanceof ShadowRoot && root.host.localName === 'omni-conversation' ? (target as Reflecting) : undefined;
  }

  private readonly onInput = (event: Event): void => {
    const box = this.replyBox(event);
    if (!box) return;
    const match = /^\/(\S*)$/.exec(box.value);
    if (!match) return this.close();
    this.input = box;
    const items = slashItems(match[1]!, this.cannedResponses());
    const key = this.items[this.active]?.key;
    this.items = items;
    // Keep the highlighted one while it still matches.
    this.active = Math.max(0, items.findIndex((item) => item.key === key));
    if (!items.length) return this.close();
    box.setAttribute('aria-autocomplete', 'list');
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.reflect());
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!this.open || !this.input || this.replyBox(event) !== this.input || event.isComposing) return;
    const count = this.items.length;
    let handled = true;
    if (event.key === 'ArrowDown') this.move((this.active + 1) % count);
    else if (event.key === 'ArrowUp') this.move((this.active - 1 + count) % count);
    else if (event.key === 'Home') this.move(0);
    else if (event.key === 'End') this.move(count - 1);
    else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') this.choose(this.items[this.active]!);
    else if (event.key === 'Escape') this.close();
    else handled = false;
    if (!handled) return;
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    if (this.open && this.replyBox(event) === this.input) this.close();
  };

  private move(index: number): void {
    this.active = index;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.reflect());
  }

  /** Inserts a suggestion (or switches to a note) and closes. */
  choose(item: SlashItem): void {
    const box = this.input;
    this.close();
    if (!box) return;
    if (item.insert === 'note') {
      box.value = '';
      box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.options.startNote();
      return;
    }
    box.value = item.insert;
    // The composer measures the text and sends a typing notice, as for typed text.
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }

  /** Hides the suggestions and clears the reply box's references to them. */
  close(): void {
    if (this.input) {
      this.input.removeAttribute('aria-autocomplete');
      if ('ariaControlsElements' in this.input) this.input.ariaControlsElements = null;
      if ('ariaActiveDescendantElement' in this.input) this.input.ariaActiveDescendantElement = null;
    }
    if (!this.items.length) return;
    this.items = [];
    this.active = 0;
    this.host.requestUpdate();
  }

  /** Points the reply box at the listbox and its highlighted option, and keeps that option in view. */
  private reflect(): void {
    const listbox = this.host.renderRoot.querySelector('.slash [role="listbox"]');
    const option = listbox?.querySelector(`[role="option"][aria-selected="true"]`);
    if (!this.input || !listbox) return;
    if ('ariaControlsElements' in this.input) this.input.ariaControlsElements = [listbox];
    if ('ariaActiveDescendantElement' in this.input) this.input.ariaActiveDescendantElement = option ?? null;
    option?.scrollIntoView({ block: 'nearest' });
  }

  /** The listbox above the reply box (nothing while closed). */
  render() {
    if (!this.open) return nothing;
    return html`<div class="slash" part="slash-popup">
      <ul role="listbox" id="slash-listbox" aria-label=${notesStrings().slashList}>
        ${this.items.map((item, index) => html`<li role="option" id=${`slash-option-${index}`} aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(event: Event) => event.preventDefault()} @click=${() => this.choose(item)}>
            <span class="slash-title"><span class="slash-shortcut">/${item.shortcut}</span> ${item.title}</span>
            <span class="slash-detail">${item.detail}</span>
          </li>`)}
      </ul>
      <div class="visually-hidden" role="status">${notesStrings().slashCount(this.items.length)}</div>
    </div>`;
  }
}

/** Styles of the popup (the console's `main` is its positioning box). */
export const slashPopupStyles = css`
  .slash { position: absolute; inset-inline: 12px; bottom: 96px; z-index: 2; max-height: min(50%, 280px); overflow: auto;
    background: var(--_surface); color: var(--_text); border: 1px solid var(--_border); border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.18); }
  .slash ul { list-style: none; margin: 0; padding: 4px; }
  .slash li { display: flex; flex-direction: column; gap: 2px; padding: 6px 10px; border-radius: 6px; cursor: pointer; }
  .slash li[aria-selected='true'] { background: var(--_accent); color: var(--_on-accent); }
  .slash-shortcut { font-family: ui-monospace, monospace; font-weight: 600; }
  .slash-detail { font-size: 0.85em; opacity: 0.85; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
`;

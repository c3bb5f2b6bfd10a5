/**
 * The emoji picker the composer's emoji button opens (a lazy chunk, rendered into the conversation's
 * shadow root): a dialog with a search box (name or keyword), category tabs and a grid of emoji.
 * Keyboard: arrows move in the grid and between tabs (one tab stop each, roving tabindex), Enter or
 * Space inserts the emoji at the caret in the message input, Escape closes it (only it) and gives
 * focus back to the button. The data comes from our server in the page's language, once.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import { loadEmoji, type EmojiData, type EmojiEntry } from '../../messaging/emoji.js';
import { $language } from '../shared/language.js';
import { stringsWith } from '../shared/strings.js';
import { emojiStyles } from './emoji-picker.styles.js';
import { gridKeyTarget } from './grid-keys.js';

/** The picker's English strings (sites override them with `setStrings`; category names come from the server). */
export const emojiPickerDefaults = {
  emojiPicker: 'Emoji',
  emojiSearch: 'Search emoji',
  emojiCategories: 'Emoji categories',
  emojiResults: 'Search results',
  emojiCount: (count: number) => (count === 1 ? '1 emoji' : `${count} emoji`),
  emojiNone: 'No emoji found',
  emojiLoading: 'Loading emoji…',
  emojiFailed: 'The emoji could not be loaded. Please try again later.',
};
const strings = stringsWith(emojiPickerDefaults);

/** Emoji per grid row. */
export const EMOJI_COLUMNS = 8;
/** Search results shown at most. */
const MAX_RESULTS = 200;

/** What the picker needs from the conversation it opens in. */
export interface EmojiHost {
  readonly renderRoot: ParentNode;
  readonly updateComplete: Promise<boolean>;
  readonly effectiveSession: OmniSession | undefined;
  requestUpdate(): void;
}

/** An emoji with its lower-case search text. */
interface Searchable {
  entry: EmojiEntry;
  text: string;
}

/** The picker's state and view; the composer's `EmojiButton` makes one and renders it while open. */
export class EmojiPicker {
  /** Whether the picker is shown. */
  open = false;
  private data: EmojiData | undefined;
  private searchable: Searchable[] = [];
  private failed = false;
  private query = '';
  private category = 0;
  /** The grid cell that takes the focus (roving tabindex). */
  private active = 0;

  constructor(private readonly host: EmojiHost) {
    const root = host.renderRoot;
    const sheet = emojiStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Opens the picker (focus in its search box) or closes it (focus back on the button). */
  toggle(): void {
    if (this.open) return this.close(true);
    this.open = true;
    this.query = '';
    this.active = 0;
    this.load();
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.find<HTMLInputElement>('.emoji-search')?.focus());
  }

  /** Closes the picker; `refocus` gives the focus back to the emoji button. */
  close(refocus: boolean): void {
    this.open = false;
    this.host.requestUpdate();
    if (refocus) this.find<HTMLElement>('[part~="emoji"]')?.focus();
  }

  /** The dialog. */
  render(): TemplateResult {
    const text = strings();
    const searching = this.query.trim() !== '';
    const list = this.visible();
    const groups = this.data?.groups ?? [];
    const status = this.failed ? text.emojiFailed : !this.data ? text.emojiLoading : searching ? text.emojiCount(list.length) : '';
    return html`<div id="emoji-picker" class="emoji-picker" part="emoji-picker" role="dialog" aria-label=${text.emojiPicker}
      @keydown=${this.onKeyDown} @focusout=${this.onFocusOut}>
      <input type="search" class="emoji-search" part="emoji-search" aria-label=${text.emojiSearch} placeholder=${text.emojiSearch}
        autocomplete="off" spellcheck="false" .value=${this.query} @input=${this.onSearch} @keydown=${this.onSearchKey} />
      <div class="emoji-tabs" role="tablist" aria-label=${text.emojiCategories} ?hidden=${searching || !groups.length} @keydown=${this.onTabKey}>
        ${groups.map((group, index) => html`<button type="button" role="tab" part="emoji-tab" id="emoji-tab-${index}"
          aria-selected=${index === this.category ? 'true' : 'false'} aria-controls="emoji-panel" tabindex=${index === this.category ? 0 : -1}
          aria-label=${group.name} title=${group.name} @click=${() => this.showCategory(index)}>${group.emoji[0]?.[0] ?? ''}</button>`)}
      </div>
      <div id="emoji-panel" class="emoji-panel" role=${searching ? nothing : 'tabpanel'} aria-labelledby=${searching || !groups.length ? nothing : `emoji-tab-${this.category}`}>
        ${list.length ? this.grid(list, searching ? text.emojiResults : groups[this.category]!.name) : this.data ? html`<p class="emoji-none">${text.emojiNone}</p>` : nothing}
      </div>
      <div class="visually-hidden" role="status">${status}</div>
    </div>`;
  }

  /** The emoji shown: the current category's, or the search results. */
  private visible(): EmojiEntry[] {
    const words = this.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return this.data?.groups[this.category]?.emoji ?? [];
    const found: EmojiEntry[] = [];
    for (const { entry, text } of this.searchable) {
      if (words.every((word) => text.includes(word)) && found.push(entry) >= MAX_RESULTS) break;
    }
    return found;
  }

  private grid(list: EmojiEntry[], label: string): TemplateResult {
    const active = Math.min(this.active, list.length - 1);
    const rows: EmojiEntry[][] = [];
    for (let start = 0; start < list.length; start += EMOJI_COLUMNS) rows.push(list.slice(start, start + EMOJI_COLUMNS));
    return html`<div class="emoji-grid" part="emoji-grid" role="grid" aria-label=${label} @keydown=${this.onGridKey}>
      ${rows.map((row, rowIndex) => html`<div role="row">${row.map(([emoji, name], column) => {
        const index = rowIndex * EMOJI_COLUMNS + column;
        return html`<span role="gridcell" part="emoji-option" data-index=${index} tabindex=${index === active ? 0 : -1}
          aria-label=${name} title=${name} @click=${() => this.insert(emoji)}>${emoji}</span>`;
      })}</div>`)}
    </div>`;
  }

  private load(): void {
    const session = this.host.effectiveSession;
    if (this.data || !session) return;
    const language = $language.get();
    this.failed = false;
    loadEmoji(session, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(language) ? language : 'en').then(
      (data) => {
        this.data = data;
        this.searchable = data.groups.flatMap((group) => group.emoji.map((entry) => ({ entry, text: `${entry[1]} ${entry[2]}`.toLowerCase() })));
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.failed = true;
        this.host.requestUpdate();
        session.reportError(error);
      },
    );
  }

  private find<T extends Element>(selector: string): T | null {
    return this.host.renderRoot.querySelector<T>(selector);
  }

  /** Puts the emoji at the caret of the message input (replacing a selection), then closes and gives the input the focus. */
  private insert(emoji: string): void {
    const input = this.find<HTMLTextAreaElement>('textarea');
    this.close(false);
    if (!input) return;
    input.focus();
    input.setRangeText(emoji, input.selectionStart, input.selectionEnd, 'end');
    // As typing would: the composer measures the text and tells the others someone is typing.
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  private showCategory(index: number, focus = false): void {
    this.category = index;
    this.active = 0;
    this.host.requestUpdate();
    if (focus) void this.host.updateComplete.then(() => this.find<HTMLElement>(`#emoji-tab-${index}`)?.focus());
  }

  /** Moves the grid's focus to a cell. */
  private focusCell(index: number): void {
    this.active = index;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.find<HTMLElement>(`.emoji-grid [data-index="${index}"]`)?.focus());
  }

  private readonly onSearch = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.active = 0;
    this.host.requestUpdate();
  };

  private readonly onSearchKey = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' && this.visible().length) {
      event.preventDefault();
      this.focusCell(Math.min(this.active, this.visible().length - 1));
    } else if (event.key === 'Enter') {
      // Never the form's submit: Enter takes the first emoji found.
      event.preventDefault();
      const first = this.query.trim() ? this.visible()[0] : undefined;
      if (first) this.insert(first[0]);
    }
  };

  private readonly onTabKey = (event: KeyboardEvent): void => {
    const count = this.data?.groups.length ?? 0;
    const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    const target = step !== undefined ? (this.category + step + count) % count : event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : undefined;
    if (target === undefined || !count) return;
    event.preventDefault();
    this.showCategory(target, true);
  };

  private readonly onGridKey = (event: KeyboardEvent): void => {
    const list = this.visible();
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    if (!cell) return;
    const index = Number(cell.dataset.index);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const entry = list[index];
      if (entry) this.insert(entry[0]);
      return;
    }
    const rtl = getComputedStyle(cell).direction === 'rtl';
    const target = gridKeyTarget(event, index, list.length, EMOJI_COLUMNS, rtl);
    if (target === undefined) return;
    event.preventDefault();
    // Up from the first row goes back to the search box.
    if (target < 0) return void this.find<HTMLElement>('.emoji-search')?.focus();
    this.focusCell(target);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Escape closes the picker only, not the chat around it.
    event.preventDefault();
    event.stopPropagation();
    this.close(true);
  };

  /** Focus leaving the picker for another control (not the emoji button, which toggles it) closes it. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    const picker = event.currentTarget as HTMLElement;
    if (next && !picker.contains(next) && !(next instanceof Element && next.matches('[part~="emoji"]'))) this.close(false);
  };
}

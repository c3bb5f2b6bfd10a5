/**
 * The composer's emoji button. The picker it opens (search, categories, a grid of emoji) is a lazy
 * chunk (`../omni-emoji-picker/`), loaded on the first open, so a visitor who never opens it never
 * downloads it or its data.
 */
import { html, nothing } from 'lit';
import type { EmojiHost, EmojiPicker } from '../omni-emoji-picker/emoji-picker.js';
import { stringsWith } from '../shared/strings.js';

/** The button's English strings (sites override them with `setStrings`). */
export const emojiButtonDefaults = { emojiButton: 'Insert emoji' };
const strings = stringsWith(emojiButtonDefaults);

/** Renders the emoji button and, while open, the picker after it. */
export class EmojiButton {
  private picker: EmojiPicker | undefined;
  private loading: Promise<EmojiPicker> | undefined;

  constructor(private readonly host: EmojiHost) {}

  /** The button (with the open picker). */
  render(disabled: boolean) {
    const open = !!this.picker?.open;
    return html`<button type="button" class="attach" part="emoji" aria-label=${strings().emojiButton} title=${strings().emojiButton} ?disabled=${disabled}
        aria-haspopup="dialog" aria-expanded=${String(open)} aria-controls=${open ? 'emoji-picker' : nothing} @click=${this.toggle}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zM8 8h2v3H8zm6 0h2v3h-2zm-6.5 6h9a4.5 4.5 0 0 1-9 0z" /></svg>
      </button>${open ? this.picker!.render() : nothing}`;
  }

  private readonly toggle = (): void => {
    this.loading ??= import('../omni-emoji-picker/emoji-picker.js').then(({ EmojiPicker }) => (this.picker = new EmojiPicker(this.host)));
    // A chunk that failed to load (offline) is reported, and asked for again by the next click.
    this.loading.then(
      (picker) => picker.toggle(),
      (error: unknown) => {
        this.loading = undefined;
        this.host.effectiveSession?.reportError(error);
      },
    );
  };
}

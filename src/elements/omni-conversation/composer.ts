/**
 * The composer: attach button and file picker, the text area (Enter sends, Shift+Enter breaks the
 * line, pasted images are previewed, other pasted files sent), the send button, and typing notices while the text area has text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { RichBody } from '../../messaging/agent-commands.js';
import { sendRich, sendText } from '../../messaging/outbox.js';
import { notifyTyping, stopTyping } from '../../messaging/typing.js';
import { strings } from '../shared/strings.js';
import { EmojiButton } from './emoji-button.js';

/** The server's limit on a text message, in characters (UTF-16 code units, as `maxLength` counts). */
export const MESSAGE_MAX_LENGTH = 4000;
/** The counter shows from this many characters on. */
const COUNTER_FROM = MESSAGE_MAX_LENGTH - 400;

/** What the composer needs from the conversation holding it. */
export interface ComposerHost {
  readonly renderRoot: ParentNode;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  /** Offer the emoji picker. */
  readonly emoji: boolean;
  readonly effectiveSession: OmniSession | undefined;
  readonly effectiveConversationId: string | undefined;
  readonly commandParser: ((text: string) => RichBody | undefined) | undefined;
  sendFiles(files: Iterable<File>, preview?: boolean): void;
}

/** The session and conversation to write to, once both are known. */
function targetOf(host: ComposerHost): { session: OmniSession; id: string } | undefined {
  const session = host.effectiveSession;
  const id = host.effectiveConversationId;
  return session && id ? { session, id } : undefined;
}

/** Renders the composer form and sends what is written in it. */
export class Composer {
  /** Characters in the text area (kept to show the counter and whether Send can send). */
  private length = 0;
  private blank = true;
  /** The emoji button (its picker is a lazy chunk). */
  private readonly emoji: EmojiButton;

  constructor(
    private readonly host: ComposerHost,
    /** Called after a message is handed to the outbox. */
    private readonly onSent: () => void,
  ) {
    this.emoji = new EmojiButton(host);
  }

  /** The text area, once rendered. */
  get input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  /** The form. */
  render(): TemplateResult {
    const disabled = !this.host.effectiveConversationId;
    const over = this.length - MESSAGE_MAX_LENGTH;
    // Never cut a paste silently: the text stays, the counter says how much is too much, Send refuses.
    const counter = this.length >= COUNTER_FROM
      ? html`<span id="counter" class="counter ${over > 0 ? 'over' : ''}" part="counter">${over > 0 ? strings().tooLong(over) : strings().charactersLeft(-over)}</span>`
      : nothing;
    return html`<form part="composer" @submit=${this.onSubmit}>
      <button type="button" class="attach" part="attach" aria-label=${strings().attach} title=${strings().attach}
        ?disabled=${disabled} @click=${this.pick}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" /></svg>
      </button>
      <input type="file" multiple hidden @change=${this.onPicked} />
      ${this.host.emoji ? this.emoji.render(disabled) : nothing}
      <textarea part="input" rows="1" aria-label=${strings().messageInput} placeholder=${strings().placeholder} ?disabled=${disabled}
        aria-invalid=${over > 0 ? 'true' : 'false'} aria-describedby=${this.length >= COUNTER_FROM ? 'counter' : nothing}
        @keydown=${this.onKeyDown} @input=${this.onInput} @paste=${this.onPaste} @blur=${this.onBlur}></textarea>
      ${counter}
      <button class="send" part="send" type="submit" ?disabled=${disabled} aria-disabled=${this.blank || over > 0 ? 'true' : 'false'}>${strings().send}</button>
    </form>`;
  }

  private readonly pick = (event: Event): void => {
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  };

  private readonly onPicked = (event: Event): void => {
    const picker = event.currentTarget as HTMLInputElement;
    this.host.sendFiles(picker.files ?? []);
    picker.value = '';
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    // Pasted images wait in a preview (with a caption field) in the upload chunk.
    this.host.sendFiles(files, true);
  };

  private readonly onInput = (): void => {
    this.measure();
    const target = targetOf(this.host);
    if (!target) return;
    if (this.input?.value.trim()) notifyTyping(target.session, target.id);
    else stopTyping(target.session, target.id);
  };

  private readonly onBlur = (): void => {
    const target = targetOf(this.host);
    if (target) stopTyping(target.session, target.id);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.send();
    this.input?.focus();
  };

  private send(): void {
    const target = targetOf(this.host);
    const input = this.input;
    if (!target || !input || input.value.trim() === '' || input.value.length > MESSAGE_MAX_LENGTH) return;
    // Agents can send every message type with slash commands (/card, /carousel, /quick, /buttons).
    const rich = this.host.commandParser?.(input.value);
    if (rich) sendRich(target.session, target.id, rich);
    else sendText(target.session, target.id, input.value);
    stopTyping(target.session, target.id);
    input.value = '';
    this.measure();
    this.onSent();
  }

  /** Re-renders when what the counter or Send show changes. */
  private measure(): void {
    const value = this.input?.value ?? '';
    const blank = value.trim() === '';
    const length = value.length;
    const shown = (n: number) => (n >= COUNTER_FROM ? n : 0);
    if (blank === this.blank && shown(length) === shown(this.length)) return;
    this.blank = blank;
    this.length = length;
    this.host.requestUpdate();
  }
}

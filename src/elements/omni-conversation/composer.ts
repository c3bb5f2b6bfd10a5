/**
 * The composer: attach button and file picker, the text area (Enter sends, Shift+Enter breaks the
 * line, pasted files are sent), the send button, and typing notices while the text area has text.
 */
import { html, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { RichBody } from '../../messaging/agent-commands.js';
import { sendRich, sendText } from '../../messaging/outbox.js';
import { notifyTyping, stopTyping } from '../../messaging/typing.js';
import { strings } from '../shared/strings.js';

/** What the composer needs from the conversation holding it. */
export interface ComposerHost {
  readonly renderRoot: ParentNode;
  readonly effectiveSession: OmniSession | undefined;
  readonly effectiveConversationId: string | undefined;
  readonly commandParser: ((text: string) => RichBody | undefined) | undefined;
  sendFiles(files: Iterable<File>): void;
}

/** The session and conversation to write to, once both are known. */
function targetOf(host: ComposerHost): { session: OmniSession; id: string } | undefined {
  const session = host.effectiveSession;
  const id = host.effectiveConversationId;
  return session && id ? { session, id } : undefined;
}

/** Renders the composer form and sends what is written in it. */
export class Composer {
  constructor(
    private readonly host: ComposerHost,
    /** Called after a message is handed to the outbox. */
    private readonly onSent: () => void,
  ) {}

  /** The text area, once rendered. */
  get input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  /** The form. */
  render(): TemplateResult {
    const disabled = !this.host.effectiveConversationId;
    return html`<form part="composer" @submit=${this.onSubmit}>
      <button type="button" class="attach" part="attach" aria-label=${strings().attach} title=${strings().attach}
        ?disabled=${disabled} @click=${this.pick}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" /></svg>
      </button>
      <input type="file" multiple hidden @change=${this.onPicked} />
      <textarea part="input" rows="1" maxlength="4000" aria-label=${strings().messageInput} placeholder=${strings().placeholder} ?disabled=${disabled}
        @keydown=${this.onKeyDown} @input=${this.onInput} @paste=${this.onPaste} @blur=${this.onBlur}></textarea>
      <button class="send" part="send" type="submit" ?disabled=${disabled}>${strings().send}</button>
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
    this.host.sendFiles(files);
  };

  private readonly onInput = (): void => {
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
    if (!target || !input || input.value.trim() === '') return;
    // Agents can send every message type with slash commands (/card, /carousel, /quick, /buttons).
    const rich = this.host.commandParser?.(input.value);
    if (rich) sendRich(target.session, target.id, rich);
    else sendText(target.session, target.id, input.value);
    stopTyping(target.session, target.id);
    input.value = '';
    this.onSent();
  }
}

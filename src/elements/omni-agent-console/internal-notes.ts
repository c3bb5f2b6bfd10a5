/**
 * Internal notes in the console: the open conversation's notes above its messages, each marked
 * "Internal note — only agents see this", live as colleagues add them; and the note form that
 * takes the reply box's place while "Internal note" is pressed (Enter adds, Shift+Enter breaks
 * the line, Escape goes back to replying). Note text is shown as text only.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { Note } from '../../core/protocol.js';
import { addNote, loadNotes, notesOf, type NotesByConversation } from '../../messaging/agent-notes.js';
import { StoreController } from '../shared/store-controller.js';
import { notesStrings } from './notes-strings.js';

/** The longest note the server takes, in characters. */
const NOTE_MAX_LENGTH = 4000;

/** The open conversation's notes and the note form's state. */
export class InternalNotes implements ReactiveController {
  /** True while the note form replaces the reply box. */
  writing = false;
  /** True while a note is being stored. */
  private saving = false;
  private loaded: { session: OmniSession; conversationId: string } | undefined;
  private readonly store: StoreController<NotesByConversation>;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment; updateComplete: Promise<boolean> },
    private readonly target: () => { session: OmniSession | undefined; conversationId: string | undefined },
  ) {
    host.addController(this);
    this.store = new StoreController<NotesByConversation>(host, undefined, {});
  }

  hostUpdate(): void {
    const { session, conversationId } = this.target();
    if (!session || !conversationId) return;
    if (this.loaded?.session === session && this.loaded.conversationId === conversationId) return;
    if (this.loaded?.conversationId !== conversationId) this.writing = false;
    this.loaded = { session, conversationId };
    this.store.setStore(notesOf(session));
    void loadNotes(session, conversationId);
  }

  /** The open conversation's notes, oldest first. */
  get notes(): Note[] {
    const id = this.target().conversationId;
    return (id && this.store.value[id]) || [];
  }

  /** Opens the note form and focuses it. */
  async start(): Promise<void> {
    this.writing = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLTextAreaElement>('.note-form textarea')?.focus();
  }

  /** Closes the note form and gives the focus back to the reply box. */
  async stop(): Promise<void> {
    this.writing = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector('omni-conversation')?.shadowRoot?.querySelector<HTMLTextAreaElement>('[part~="input"]')?.focus();
  }

  private async submit(form: HTMLFormElement): Promise<void> {
    const { session, conversationId } = this.target();
    const input = form.querySelector('textarea')!;
    const text = input.value;
    if (!session || !conversationId || !text.trim() || text.length > NOTE_MAX_LENGTH || this.saving) return;
    this.saving = true;
    this.host.requestUpdate();
    try {
      await addNote(session, conversationId, text);
      input.value = '';
    } catch (error) {
      session.reportError(error);
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  /** The notes of the open conversation (nothing when it has none). */
  renderNotes() {
    const notes = this.notes;
    if (!notes.length) return nothing;
    return html`<section class="notes" part="notes" role="log" aria-label=${notesStrings().notes}>
      ${notes.map((note) => html`<article class="note" part="note">
        <p class="note-label">${notesStrings().noteLabel}</p>
        <p class="note-meta">${note.author.displayName ?? note.author.id} · <time datetime=${note.createdAt}>${new Date(note.createdAt).toLocaleString()}</time></p>
        <p class="note-text">${note.text}</p>
      </article>`)}
    </section>`;
  }

  /** The toggle between replying and writing a note, and the note form while writing. */
  renderComposerMode() {
    return html`<div class="note-bar">
        <button type="button" class="note-toggle" part="note-toggle" aria-pressed=${this.writing ? 'true' : 'false'}
          @click=${() => void (this.writing ? this.stop() : this.start())}>${notesStrings().noteToggle}</button>
      </div>
      ${this.writing
        ? html`<form class="note-form" part="note-form" @submit=${(event: SubmitEvent) => { event.preventDefault(); void this.submit(event.currentTarget as HTMLFormElement); }}>
            <textarea part="note-input" rows="2" maxlength=${NOTE_MAX_LENGTH} aria-label=${notesStrings().noteInput} placeholder=${notesStrings().notePlaceholder}
              @keydown=${this.onKeyDown}></textarea>
            <div class="note-actions">
              <button type="button" part="note-cancel" @click=${() => void this.stop()}>${notesStrings().cancelNote}</button>
              <button type="submit" part="note-add" class="note-add" aria-disabled=${this.saving ? 'true' : 'false'}>${notesStrings().addNote}</button>
            </div>
          </form>`
        : nothing}`;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.stop();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.submit((event.currentTarget as HTMLElement).closest('form')!);
    }
  };
}

/** Styles of the notes and the note form: a warm background and a dashed edge, unlike any message. */
export const internalNotesStyles = css`
  .notes { max-height: 30%; overflow: auto; display: flex; flex-direction: column; gap: 6px; padding: 8px 12px; border-bottom: 1px solid var(--_border); }
  .note, .note-form { background: var(--omni-note-background, #fff4c2); color: var(--omni-note-color, #3d3200); border: 1px dashed var(--omni-note-border, #a08400); border-radius: 8px; }
  .note { padding: 6px 10px; }
  .note p { margin: 0; }
  .note-label { font-size: 0.75em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
  .note-meta { font-size: 0.8em; opacity: 0.85; }
  .note-text { white-space: pre-wrap; overflow-wrap: anywhere; }
  .note-bar { display: flex; padding: 4px 12px 0; }
  .note-toggle { border: 1px dashed var(--omni-note-border, #a08400); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 2px 10px; font: inherit; font-size: 0.85em; cursor: pointer; }
  .note-toggle[aria-pressed='true'] { background: var(--omni-note-background, #fff4c2); color: var(--omni-note-color, #3d3200); font-weight: 600; }
  .note-form { display: flex; flex-direction: column; gap: 6px; margin: 8px 12px 12px; padding: 8px; }
  .note-form textarea { font: inherit; resize: vertical; border: 1px solid var(--omni-note-border, #a08400); border-radius: 6px; padding: 6px; background: #fffbe6; color: #3d3200; }
  .note-actions { display: flex; justify-content: flex-end; gap: 8px; }
  .note-actions button { border-radius: 999px; padding: 4px 12px; font: inherit; font-weight: 600; border: 1px solid var(--omni-note-border, #a08400); background: #fffbe6; color: #3d3200; cursor: pointer; }
  .note-actions .note-add { background: #5c4a00; color: #fff; }
  omni-conversation.writing-note::part(composer) { display: none; }
  button:focus-visible, .note-form textarea:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
`;

/**
 * The forms `<omni-chat>` shows in its panel instead of the conversation, as the integration's
 * settings ask: the leave-a-message form while the team is away (offline mode `leave-message`): outside
 * business hours, or, with `offlineWithoutAgents`, while no agent of the queue is Available (the server's
 * availability says which),
 * else the pre-chat form until the customer's contact is given (the conversation head from the
 * server says so, so a reload does not ask again). A lazy chunk: `<omni-chat>` loads it only when
 * the settings configure one of them; its styles come with it.
 */
import type { TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import { conversationsOf, defaultConversationId } from '../../messaging/conversations.js';
import { settingsOf } from '../../messaging/settings.js';
import { chatFormStyles } from './chat-forms.styles.js';
import type { FormHost } from './form-state.js';
import { LeaveMessageForm } from './leave-message-form.js';
import { PreChatForm } from './pre-chat-form.js';

/** What the forms need from `<omni-chat>`. */
export interface ChatFormsHost extends FormHost {
  /** Whether the panel is open. */
  readonly open: boolean;
}

type Shown = 'pre-chat' | 'leave-message' | '';

/** Decides which form is due and renders it. */
export class ChatForms {
  /** True while a form stands in for the conversation (hide the conversation then). */
  covers = false;
  private bound: OmniSession | undefined;
  private preChat: PreChatForm | undefined;
  private leaveMessage: LeaveMessageForm | undefined;
  private shown: Shown = '';

  constructor(
    private readonly host: ChatFormsHost,
    private readonly session: () => OmniSession | undefined,
  ) {
    const root = host.renderRoot as ShadowRoot;
    const sheet = chatFormStyles.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Moves focus into the form shown, if any (true when it did). */
  focus(): boolean {
    if (this.shown === 'pre-chat') return this.preChat!.focus();
    if (this.shown === 'leave-message') return this.leaveMessage!.focus();
    return false;
  }

  /** The form due now (or the leave-a-message confirmation), else undefined. */
  render(): TemplateResult | undefined {
    const session = this.session();
    const info = session && settingsOf(session).get();
    if (!session || !info) return this.show('', undefined);
    if (session !== this.bound) this.bind(session);
    const id = defaultConversationId(session).get();
    const head = id ? conversationsOf(session).get()[id] : undefined;
    const { settings, availability } = info;
    const leaveMessage = this.leaveMessage!;
    if (leaveMessage.sentTo) return this.show('', leaveMessage.render());
    // Away, unless the visitor's last word was a message left for the team (then the conversation shows it).
    const away = !availability.open && settings.offlineMode === 'leave-message' && head?.lastMessage?.message.type !== 'leave-message';
    if (away) return this.show('leave-message', leaveMessage.render());
    const preChat = this.preChat!;
    if (settings.preChatForm.enabled && settings.preChatForm.fields.length && !head?.contact && !preChat.done) return this.show('pre-chat', preChat.render());
    return this.show('', undefined);
  }

  private bind(session: OmniSession): void {
    this.bound = session;
    const id = () => defaultConversationId(session).get();
    const head = () => {
      const current = id();
      return current ? conversationsOf(session).get()[current] : undefined;
    };
    this.preChat = new PreChatForm(this.host, session, id, () => settingsOf(session).get()?.settings.preChatForm.fields ?? []);
    this.leaveMessage = new LeaveMessageForm(this.host, session, id, () => head()?.contact ?? {});
  }

  /** Notes what is shown; focus follows a form that appears or goes while the visitor is in the panel. */
  private show(shown: Shown, view: TemplateResult | undefined): TemplateResult | undefined {
    this.covers = shown !== '';
    if (shown !== this.shown) {
      const was = this.shown;
      this.shown = shown;
      const host = (this.host.renderRoot as ShadowRoot).host;
      const active = document.activeElement;
      if (this.host.open && (!active || active === document.body || active === host)) {
        void this.host.updateComplete.then(() => {
          if (shown) this.focus();
          else if (was === 'pre-chat') (this.host.renderRoot.querySelector('omni-conversation') as { focusInput?: () => void } | null)?.focusInput?.();
        });
      }
    }
    return view;
  }
}

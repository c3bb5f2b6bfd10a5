/** `<omni-call-button>`: click-to-call with in-call controls (its API is documented on the class). */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { Call } from '../../calling/call.js';
import { defaultConversationId } from '../../messaging/conversations.js';
import type { CallState } from '../../calling/call-state.js';
import type { OmniErrorInfo } from '../../core/protocol.js';
import { parseDestination } from '../../core/destination.js';
import { emit } from '../shared/events.js';
import { SessionResolver } from '../shared/session-resolver.js';
import { StoreController } from '../shared/store-controller.js';
import { callStrings } from './call-strings.js';
import { followLanguage } from '../shared/language.js';
import { themeStyles } from '../shared/theme.styles.js';
import { callButtonStyles } from './omni-call-button.styles.js';
import { attachButton, currentCallOf, detachButton, inProgress } from './current-call.js';
import { CallFocus } from './call-focus.js';

/** The calling chunk once loaded (sip.js and the in-call controls). */
let ui: typeof import('./call-ui.js') | undefined;

/** Loads the calling chunk (sip.js included, and the in-call controls) on demand. */
export const loadCalling = (): Promise<typeof import('./call-ui.js')> => import('./call-ui.js').then((module) => (ui = module));
const IDLE: CallState = { name: 'idle' };

/**
 * Click-to-call. Shows a call button; during a call, status with duration, mute, hold, a
 * dialpad and hang up. sip.js and the calling code load only when a call starts (or with
 * `preload`), so a page that only chats never downloads them. `layout` splits it in two for tight
 * places: a `button` (the chat's header) and a `bar` of the same session showing the call (below it).
 * Focus follows a call started from the button: to Hang up, and back to the call button when it
 * ends. Escape closes the dialpad.
 *
 * @tagname omni-call-button
 * @summary A call button with in-call controls.
 * @csspart call - the call button (an icon button with `layout="button"`)
 * @csspart bar - the call bar with `layout="bar"`: status and controls in one strip
 * @csspart status - the call's state, duration and messages (a polite live region)
 * @csspart level - the microphone level meter
 * @csspart mute - mute toggle (aria-pressed)
 * @csspart hold - hold toggle (aria-pressed)
 * @csspart dialpad - dialpad toggle
 * @csspart key - one key of the dialpad (0-9, *, #)
 * @csspart hangup - ends the call
 * @fires {CustomEvent<OmniCallStateDetail>} omni-call-state - every state change (`{ state, reason?, message? }`)
 * @fires {CustomEvent<OmniErrorInfo>} omni-error - the call failed, hold/resume failed, or `destination` is invalid (`{ code, message }`)
 */
export class OmniCallButton extends LitElement {
  static override styles = [themeStyles, callButtonStyles];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    destination: {},
    layout: { reflect: true },
    preload: { type: Boolean },
    dtmfInfo: { type: Boolean, attribute: 'dtmf-info' },
    session: { attribute: false },
    call: { state: true },
    dialpadOpen: { state: true },
    now: { state: true },
  };

  /** Whom to call: a queue name (`support`) or a SIP URI (`sip:sales@example.com`); default: the integration's queue. Anything else fires `omni-error` `invalid-destination` before any network work. */
  destination: string | undefined;
  /** Load the calling code ahead of the first click. */
  preload = false;
  /** Send DTMF as SIP INFO instead of RFC 4733. */
  dtmfInfo = false;
  /** `inline` (default): the call button, then the call's status and controls in its place. `button`: only the call button (hidden during a call), for a header. `bar`: only the call's status and controls in a full-width bar (the dialpad pops over what is below), shown while a call is in progress or after it failed. */
  layout: 'inline' | 'button' | 'bar' | undefined;
  /** An explicit session; else the context's, else the default one. */
  session: OmniSession | undefined;

  /** The session in use: `.session`, else the provider's, else the page default (followed, so an element placed before the chat still finds it). */
  private readonly resolved = new SessionResolver(this, () => this.session);

  private call: Call | undefined;
  private dialpadOpen = false;
  private now = Date.now();
  private readonly callState = new StoreController<CallState>(this, undefined, IDLE);
  private readonly muted = new StoreController<boolean>(this, undefined, false);
  private readonly level = new StoreController<number>(this, undefined, 0);
  private readonly activeSince = new StoreController<number | undefined>(this, undefined, undefined);
  private readonly shared = new StoreController<Call | undefined>(this, undefined, undefined);
  private clock: ReturnType<typeof setInterval> | undefined;
  private readonly followFocus = new CallFocus(this);
  private lastEmitted: CallState | undefined;
  /** Only the button that started (or was handed) a call fires its events; others just show it. */
  private announces = true;

  /** The call in progress (or the last one). */
  get currentCall(): Call | undefined {
    return this.call;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => {
      if (this.activeSince.value) this.now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    // Hang up only when no other button of the session still shows this call.
    const session = this.attachedTo;
    this.attachedTo = undefined;
    if (!session || detachButton(session, this) === 0) void this.call?.hangup();
  }

  protected override firstUpdated(): void {
    if (this.preload) void loadCalling();
  }

  private attachedTo: OmniSession | undefined;

  protected override willUpdate(): void {
    const session = this.resolved.value;
    if (session !== this.attachedTo) {
      if (this.attachedTo) detachButton(this.attachedTo, this);
      if (session) attachButton(session, this);
      this.attachedTo = session;
    }
    this.shared.setStore(session ? currentCallOf(session) : undefined);
    // Another button of the same session started (or an agent console handed over) a call: show it here too.
    const shared = this.shared.value;
    if (shared && shared !== this.call && inProgress(shared)) this.adopt(shared, false);
  }

  /** Starts a call (or shows the one already in progress on this session). */
  async start(): Promise<void> {
    const session = this.resolved.value;
    if (!session || this.busy) return;
    const current = currentCallOf(session);
    if (inProgress(current.get())) return this.adopt(current.get(), false);
    if (this.destination !== undefined && this.destination !== null && !parseDestination(this.destination)) {
      emit(this, 'omni-error', { code: 'invalid-destination', message: 'destination is neither a queue name nor a SIP URI.' });
      return;
    }
    const { Call } = await loadCalling();
    const conversationId = defaultConversationId(session).get();
    const call = await Call.place(session, {
      ...(this.destination ? { destination: this.destination } : {}),
      ...(conversationId ? { conversationId } : {}),
      dtmfViaInfo: this.dtmfInfo,
    });
    current.set(call);
    this.adopt(call);
  }

  /** Shows an existing call (the agent console hands over answered calls); `announce` makes this button fire its events. */
  adopt(call: Call | undefined, announce = true): void {
    if (call && !ui) void loadCalling().then(() => this.requestUpdate());
    this.call = call;
    this.announces = announce;
    this.callState.setStore(call?.$state);
    this.muted.setStore(call?.$muted);
    this.level.setStore(call?.$inputLevel);
    this.activeSince.setStore(call?.$activeSince);
  }

  private get busy(): boolean {
    const name = this.callState.value.name;
    return name !== 'idle' && name !== 'ended' && name !== 'dropped' && name !== 'error';
  }

  /** True while the call this element shows is not over. */
  get callInProgress(): boolean {
    return this.busy;
  }

  /** Escape closes an open dialpad (and goes no further), back on its toggle. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.dialpadOpen) return;
    event.stopPropagation();
    this.dialpadOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="dialpad"]')?.focus());
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const current = this.callState.value;
    if (this.call && this.announces && current !== this.lastEmitted) {
      this.lastEmitted = current;
      emit(this, 'omni-call-state', { state: current.name, ...(current.reason ? { reason: current.reason } : {}), ...(current.message ? { message: current.message } : {}) });
      if (current.name === 'error' && current.message) emit(this, 'omni-error', { code: 'server-error', message: current.message });
    }
  }

  protected override render() {
    const state = this.callState.value;
    const view = {
      call: this.call,
      state,
      muted: this.muted.value,
      level: this.level.value,
      activeSince: this.activeSince.value,
      now: this.now,
      dialpadOpen: this.dialpadOpen,
      toggleDialpad: () => (this.dialpadOpen = !this.dialpadOpen),
      fail: (error: OmniErrorInfo) => emit(this, 'omni-error', error),
    };
    // The status and in-call controls arrive with the calling chunk: a page that only chats never loads them.
    if (this.layout === 'bar') return ui ? html`<div @keydown=${this.onKeyDown}>${ui.callBar(view, this.busy)}</div>` : nothing;
    const call = () => {
      this.followFocus.started();
      void this.start();
    };
    if (!this.busy) {
      return this.layout === 'button'
        ? html`<button part="call" class="call" aria-label=${callStrings().call} title=${callStrings().call} @click=${call}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z" /></svg>
          </button>`
        : html`
            <button part="call" class="call" @click=${call}>${callStrings().call}</button>
            ${this.call && ui ? ui.callStatus(view) : nothing}
          `;
    }
    if (this.layout === 'button') return nothing;
    return ui ? html`<div class="inline" @keydown=${this.onKeyDown}>${ui.callStatus(view)}${ui.callControls(view)}</div>` : nothing;
  }
}

/**
 * The message list: the scrolling log of messages, with the "load earlier" button above them and
 * the empty state. Past VIRTUALIZE_AFTER loaded messages it loads the virtualizer (a lazy chunk,
 * virtual-rows.ts) and keeps only the rows near the viewport in the DOM.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OmniSession } from '../../core/session.js';
import type { Timeline, TimelineItem } from '../../messaging/timeline.js';
import { strings } from '../shared/strings.js';
import { messageView, type MessageActions, type MessageContext } from './message-view.js';
import type { VirtualRows } from './virtual-rows.js';

/** Loaded messages past which the list is virtualized; shorter conversations render every message. */
export const VIRTUALIZE_AFTER = 400;

/** What the list shows. */
export interface ListView {
  conversationId: string | undefined;
  timeline: Timeline;
  /** The other side's read horizon. */
  readUpTo: number;
  session: OmniSession | undefined;
  /** Shown as the first message when the start of the conversation is loaded. */
  greeting: Greeting | undefined;
}

/** A greeting from the team (the integration's settings). */
export interface Greeting {
  from: string;
  text: string;
}

/** What the list asks of the element holding it. */
export interface ListHandlers extends MessageActions {
  loadOlder(): void;
  scroll(): void;
}

/** The "load earlier" row: first when there is more history. */
const OLDER = { key: '\u0000older' } as const;
type ListRow = TimelineItem | typeof OLDER;

type VirtualModule = typeof import('./virtual-rows.js');
let virtualModule: Promise<VirtualModule> | undefined;
let VirtualRowsClass: VirtualModule['VirtualRows'] | undefined;

/** Renders the list and decides when it is virtualized. */
export class MessageList implements ReactiveController {
  /** Steers the rows while the list is virtualized. */
  virtual: VirtualRows | undefined;
  /** True during the update that switches to virtualized rows (the scroll keeper pins them). */
  virtualizing = false;
  private virtualFor: string | undefined;
  private renderedVirtual = false;
  private rows: ListRow[] = [];
  private rowsOf: Timeline | undefined;
  private context: MessageContext & { loadingOlder: boolean } = { isLast: false, showStatus: false, readUpTo: 0, session: undefined, loadingOlder: false };
  /** The newest own sent message: the only one that says Sent or Read. */
  private lastSentKey: string | undefined;
  private lastKey: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly view: () => ListView,
    private readonly handlers: ListHandlers,
  ) {
    host.addController(this);
  }

  /** The scrolling element (`part="messages"`), once rendered. */
  get scroller(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.messages');
  }

  /** The element of a message on screen. */
  messageElement(key: string): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`[part~="message"][data-key="${CSS.escape(key)}"]`);
  }

  /** The row index of a message in the virtualized rows (-1 when not loaded). */
  rowIndex(key: string): number {
    return this.rows.findIndex((row) => row.key === key);
  }

  hostUpdate(): void {
    const { conversationId, timeline } = this.view();
    this.virtualizing = false;
    if (conversationId !== this.virtualFor) this.virtual = undefined;
    if (this.virtual || timeline.items.length <= VIRTUALIZE_AFTER) return;
    if (VirtualRowsClass) {
      this.virtual = new VirtualRowsClass();
      this.virtualFor = conversationId;
      this.virtualizing = true;
      this.rowsFor(timeline);
    } else {
      virtualModule ??= import('./virtual-rows.js');
      void virtualModule.then((module) => {
        VirtualRowsClass = module.VirtualRows;
        this.host.requestUpdate();
      });
    }
  }

  hostUpdated(): void {
    // The virtualizer styled the scroller inline; plain rows need the stylesheet's layout back.
    if (this.renderedVirtual && !this.virtual) this.scroller?.removeAttribute('style');
    this.renderedVirtual = this.virtual !== undefined;
  }

  /** The list. */
  render(): TemplateResult {
    const { timeline, readUpTo, session, greeting } = this.view();
    const { items, hasMore, loading, loadingOlder } = timeline;
    this.lastKey = items[items.length - 1]?.key;
    this.lastSentKey = undefined;
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const item = items[i]!;
      if (item.own && item.status === 'sent') {
        this.lastSentKey = item.key;
        break;
      }
    }
    this.context = { isLast: false, showStatus: false, readUpTo, session, loadingOlder, items };
    return html`<div class="messages ${this.virtual ? 'virtual' : ''}" part="messages" role="log" aria-live="off" aria-label=${strings().messages}
      aria-busy=${loading ? 'true' : 'false'} tabindex="0" @scroll=${this.handlers.scroll}>${this.virtual
      ? this.virtual.render(this.rowsFor(timeline), this.renderRow)
      : html`${hasMore ? this.renderRow(OLDER) : nothing}${!hasMore && greeting ? greetingView(greeting) : items.length === 0 && !loading ? html`<p class="empty">${strings().empty}</p>` : nothing}${repeat(
          items,
          (item) => item.key,
          this.renderRow,
        )}`}</div>`;
  }

  private readonly renderRow = (row: ListRow): TemplateResult => {
    if (row === OLDER) {
      const { loadingOlder } = this.context;
      return html`<div class="row older-row"><button class="older" part="load-older" ?disabled=${loadingOlder} @click=${this.handlers.loadOlder}>${
        loadingOlder ? strings().loading : strings().loadOlder}</button></div>`;
    }
    const item = row as TimelineItem;
    return html`<div class="row">${messageView(item, this.handlers, { ...this.context, isLast: item.key === this.lastKey, showStatus: item.key === this.lastSentKey })}</div>`;
  };

  /** The rows for the virtualizer: the same array while the timeline is the same. */
  private rowsFor(timeline: Timeline): ListRow[] {
    if (timeline !== this.rowsOf) {
      this.rowsOf = timeline;
      this.rows = timeline.hasMore ? [OLDER, ...timeline.items] : timeline.items;
    }
    return this.rows;
  }
}

/** The greeting as the first message of the other side (text only). */
function greetingView(greeting: Greeting): TemplateResult {
  return html`<div class="row"><div part="message other greeting" class="message other greeting">
    <div class="meta"><span class="author">${greeting.from}</span></div>
    <div class="bubble" dir="auto">${greeting.text}</div>
  </div></div>`;
}

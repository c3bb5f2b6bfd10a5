/**
 * Keeps the message list where the reader wants it: at the newest message while they are there
 * (on open, as messages arrive, when the list is resized or shown), in place while they read
 * older ones (messages arriving below never move the view; a page prepended above keeps the
 * visible message where it was), loading older pages as they near the top, and offering a jump
 * back to the newest message when they are away from it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TimelineItem } from '../../messaging/timeline.js';
import type { MessageList } from './message-list.js';

/** Within this many pixels of the bottom the list counts as "at the newest message". */
const BOTTOM_SLACK_PX = 48;

/** A message on screen and its distance from the top of the list. */
interface Anchor {
  key: string;
  offset: number;
}

/** What the keeper watches. */
export interface KeptView {
  conversationId: string | undefined;
  items: TimelineItem[];
  hasMore: boolean;
}

/** The first message whose row's bottom is below the top of the list, and where that row is. */
function visibleAnchor(scroller: HTMLElement): Anchor | undefined {
  const top = scroller.getBoundingClientRect().top;
  for (const element of scroller.querySelectorAll<HTMLElement>('[part~="message"][data-key]')) {
    const box = (element.parentElement ?? element).getBoundingClientRect();
    if (box.bottom > top) return { key: element.dataset.key!, offset: box.top - top };
  }
  return undefined;
}

/** A reactive controller for the scroll position of a `MessageList`. */
export class ScrollKeeper implements ReactiveController {
  /** Whether the reader is at the newest message (arriving messages then scroll into view). */
  following = true;
  /** Whether the jump control shows: the reader is a screen or more above the newest message, or missed new ones. */
  jumpShown = false;
  private unseen = false;
  private conversationId: string | undefined;
  private firstKey: string | undefined;
  private lastKey: string | undefined;
  private anchor: Anchor | undefined;
  private observed: HTMLElement | null = null;
  private readonly resizes = new ResizeObserver(() => {
    if (this.following) this.toNewest();
  });

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly list: MessageList,
    private readonly view: () => KeptView,
    private readonly nearTop: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.resizes.disconnect();
    this.observed = null;
  }

  hostUpdate(): void {
    const { conversationId, items } = this.view();
    const scroller = this.list.scroller;
    if (conversationId !== this.conversationId) {
      this.following = true;
      this.unseen = false;
      this.jumpShown = false;
      this.firstKey = this.lastKey = undefined;
    }
    this.anchor = undefined;
    if (this.list.virtualizing && this.list.virtual) {
      // The first virtualized render: the rows start where the plain ones were.
      const anchor = scroller && !this.following ? visibleAnchor(scroller) : undefined;
      const index = anchor ? this.list.rowIndex(anchor.key) : -1;
      if (anchor && index >= 0) this.list.virtual.hold(index, anchor.offset);
      else this.list.virtual.follow();
    } else if (scroller && !this.list.virtual && this.firstKey !== undefined && items[0]?.key !== this.firstKey) {
      // Rows will be inserted above (an older page): keep the one on screen where it is.
      // (Virtualized rows keep their place in the layout itself.)
      this.anchor = visibleAnchor(scroller);
    }
  }

  hostUpdated(): void {
    const { conversationId, items, hasMore } = this.view();
    const scroller = this.list.scroller;
    if (scroller !== this.observed) {
      this.resizes.disconnect();
      if (scroller) this.resizes.observe(scroller);
      this.observed = scroller;
    }
    const newest = items[items.length - 1];
    const opened = conversationId !== this.conversationId || this.lastKey === undefined;
    if (this.anchor && scroller) {
      const row = this.list.messageElement(this.anchor.key)?.parentElement;
      if (row) scroller.scrollTop += row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - this.anchor.offset;
      this.anchor = undefined;
    }
    if (newest && newest.key !== this.lastKey) {
      if (opened || this.following || newest.own) this.toNewest();
      else {
        this.unseen = true;
        this.showJump(true);
      }
    }
    this.conversationId = conversationId;
    this.firstKey = items[0]?.key;
    this.lastKey = newest?.key;
    // Near the top (or the list is shorter than its viewport): the page before. (Virtualized rows
    // that just opened are still moving to the newest one; their scroll events tell.) Without an
    // earlier page there is nothing to measure: no forced layout (an empty first render has none).
    if (hasMore && scroller && scroller.clientHeight > 0 && scroller.scrollTop < scroller.clientHeight && !(opened && this.list.virtual)) this.nearTop();
  }

  /** Follows the newest message from now on (after the reader sends something). */
  follow(): void {
    this.following = true;
  }

  /** Scrolls to the newest message and follows it. */
  toNewest(): void {
    this.following = true;
    this.unseen = false;
    this.showJump(false);
    if (this.list.virtual) this.list.virtual.follow();
    else {
      const scroller = this.list.scroller;
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    }
  }

  /** The scroller's `scroll` listener. */
  readonly onScroll = (): void => {
    const scroller = this.list.scroller;
    if (!scroller) return;
    const below = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    const atNewest = below < BOTTOM_SLACK_PX;
    if (atNewest && !this.following) {
      // Back at the newest message by scrolling: follow it again.
      this.list.virtual?.follow();
      this.unseen = false;
    }
    this.following = atNewest;
    this.showJump(below > scroller.clientHeight);
    if (scroller.scrollTop < scroller.clientHeight) this.nearTop();
  };

  /** Shows the jump control when new messages arrived unseen, or when the reader is `farUp`. */
  private showJump(farUp: boolean): void {
    const shown = this.unseen || (farUp && !this.following);
    if (shown === this.jumpShown) return;
    this.jumpShown = shown;
    this.host.requestUpdate();
  }
}

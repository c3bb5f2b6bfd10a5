/**
 * A small synchronous copy of a customer's newest messages (localStorage), so the first paint
 * of a returning visitor waits for neither the network nor IndexedDB, whose opening costs tens
 * of milliseconds on a cold page. The full history stays in the local cache; this holds the
 * conversation heads and the newest few messages of each, bounded in size.
 */
import type { Conversation, MessageEvent, Participant } from './protocol.js';

/**
 * Messages per conversation kept for the first paint: about what the panel's list shows of short
 * messages. Each one more is rendered and laid out before the first frame (measured: 20 instead of
 * 10 cost ~15 ms of it); the local cache fills in older ones above as soon as it is open.
 */
export const FIRST_PAINT_MESSAGES = 12;
/** The copy never grows past this many characters of JSON (oldest messages go first). */
const MAX_CHARS = 64_000;
/** Writes are gathered for this long. */
const WRITE_DELAY_MS = 250;

interface Stored {
  heads: Conversation[];
  events: Record<string, MessageEvent[]>;
}

/** What the copy gives back: the heads and, per conversation, its newest messages ascending. */
export interface FirstPaint {
  heads: Conversation[];
  events: Map<string, MessageEvent[]>;
}

/**
 * Resolves once the browser had its chance to paint what is on the page now: startup work that
 * can wait (opening IndexedDB, the token, the socket, settings) goes after the first frame. A
 * hidden page paints no frames, so there it resolves at once.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.hidden) resolve();
    requestAnimationFrame(() => setTimeout(resolve));
    // Frames may stop (the page is hidden meanwhile): never wait long for one.
    setTimeout(resolve, 99);
  });
}

/** The copy of one server + customer (agents have many conversations and keep only the cache). */
export class FirstPaintCopy {
  private copy: Stored | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly key: string) {}

  /** The copy for `participant` on `serverUrl`; undefined for agents. */
  static of(serverUrl: string, participant: Pick<Participant, 'id' | 'role'>): FirstPaintCopy | undefined {
    return participant.role === 'customer' ? new FirstPaintCopy(`omni:first-paint:${serverUrl}|${participant.id}`) : undefined;
  }

  /** Reads the copy synchronously (undefined when there is none or it is unreadable). */
  read(): FirstPaint | undefined {
    const stored = this.load();
    // Whatever else is in the storage (another version, a damaged copy) is ignored, not trusted.
    const heads = stored.heads.filter((head) => typeof head?.id === 'string' && typeof head.lastSeq === 'number');
    if (!heads.length) return undefined;
    const events = Object.entries(stored.events).filter((entry): entry is [string, MessageEvent[]] =>
      Array.isArray(entry[1]) && entry[1].every((event) => typeof event?.seq === 'number' && event.type === 'message'));
    // A copy written by an older version may hold more than this version paints.
    return { heads, events: new Map(events.map(([id, list]) => [id, list.slice(-FIRST_PAINT_MESSAGES)])) };
  }

  /** Takes conversation heads (newer versions replace older ones). */
  putHeads(heads: Conversation[]): void {
    const stored = this.load();
    for (const head of heads) {
      const index = stored.heads.findIndex((known) => known.id === head.id);
      if (index < 0) stored.heads.push(head);
      else if (head.lastSeq >= stored.heads[index]!.lastSeq) stored.heads[index] = head;
    }
    this.schedule();
  }

  /** Takes message events; each conversation keeps its newest few. */
  putEvents(events: MessageEvent[]): void {
    const stored = this.load();
    for (const event of events) {
      const list = (stored.events[event.conversationId] ??= []);
      if (list.some((known) => known.seq === event.seq)) continue;
      list.push(event);
      list.sort((a, b) => a.seq - b.seq);
      if (list.length > FIRST_PAINT_MESSAGES) list.splice(0, list.length - FIRST_PAINT_MESSAGES);
    }
    this.schedule();
  }

  /** Forgets a conversation's messages (its cached copy was dropped). */
  dropConversation(conversationId: string): void {
    delete this.load().events[conversationId];
    this.schedule();
  }

  /** Deletes the copy (sign-out). */
  clear(): void {
    clearTimeout(this.timer);
    this.copy = { heads: [], events: {} };
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage blocked: nothing was written.
    }
  }

  private load(): Stored {
    if (this.copy) return this.copy;
    try {
      const value = JSON.parse(localStorage.getItem(this.key) ?? 'null') as Stored | null;
      this.copy = value && Array.isArray(value.heads) && value.events && typeof value.events === 'object' ? value : { heads: [], events: {} };
    } catch {
      this.copy = { heads: [], events: {} };
    }
    return this.copy;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(), WRITE_DELAY_MS);
  }

  private write(): void {
    const stored = this.load();
    let json = JSON.stringify(stored);
    // Over the bound: drop the oldest messages until it fits.
    for (const list of Object.values(stored.events)) {
      while (json.length > MAX_CHARS && list.length > 1) {
        list.shift();
        json = JSON.stringify(stored);
      }
    }
    try {
      localStorage.setItem(this.key, json);
    } catch {
      // Full or blocked: the first paint waits for the cache instead.
    }
  }
}

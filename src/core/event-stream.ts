/**
 * Per-conversation sequence tracking: applies events strictly in seq order, drops duplicates,
 * and fills gaps (after a reconnect, or a pushed event that skips ahead) from
 * `GET /v1/conversations/:id/events` in portions, never all at once.
 */
import type { HttpClient } from './http-client.js';
import type { ConversationEvent, ConversationHead, EventPage } from './protocol.js';

/** Events fetched per gap-recovery request. */
export const GAP_PORTION = 50;

interface Track {
  lastSeq: number;
  /** Highest seq known to exist (from a head or a push). */
  target: number;
  recovering: Promise<void> | undefined;
}

/** How a stream treats a conversation seeded from the cache that is far behind. */
export interface GapPolicy {
  /** More missing events than this and the gap is not replayed (default 500). */
  gapLimit: number;
  /** Told when a seeded conversation is too far behind: its owner loads the newest page instead. */
  onGapTooLarge(conversationId: string): void;
}

/** Orders a session's events and recovers what it missed. */
export class EventStream {
  private readonly tracks = new Map<string, Track>();

  /** Sizes of the recovery requests made so far (for diagnostics and tests). */
  readonly portions: number[] = [];

  /** `apply` receives each event once, in seq order per conversation. */
  constructor(
    private readonly http: HttpClient,
    private readonly apply: (event: ConversationEvent) => void,
    private readonly onError: (error: unknown) => void,
    private readonly policy: GapPolicy = { gapLimit: Infinity, onGapTooLarge: () => undefined },
  ) {}

  private readonly seeded = new Set<string>();

  /** Starts a conversation from what the local cache holds (before the server's first head). */
  seed(conversationId: string, lastSeq: number): void {
    if (this.tracks.has(conversationId)) return;
    this.tracks.set(conversationId, { lastSeq, target: lastSeq, recovering: undefined });
    this.seeded.add(conversationId);
  }

  /** The last applied seq of a conversation (undefined before it was first seen). */
  lastSeq(conversationId: string): number | undefined {
    return this.tracks.get(conversationId)?.lastSeq;
  }

  /** A head from the server: the first sighting sets the baseline, later ones trigger gap recovery. */
  head(head: ConversationHead): void {
    const track = this.tracks.get(head.id);
    if (!track) {
      this.tracks.set(head.id, { lastSeq: head.lastSeq, target: head.lastSeq, recovering: undefined });
      return;
    }
    if (this.seeded.delete(head.id) && head.lastSeq - track.lastSeq > this.policy.gapLimit && !track.recovering) {
      // Far behind: never replay thousands of events; the newest page starts over.
      track.lastSeq = head.lastSeq;
      track.target = head.lastSeq;
      this.policy.onGapTooLarge(head.id);
      return;
    }
    track.target = Math.max(track.target, head.lastSeq);
    if (track.target > track.lastSeq) void this.recover(head.id, track);
  }

  /** A pushed event. */
  push(event: ConversationEvent): void {
    let track = this.tracks.get(event.conversationId);
    if (!track) {
      track = { lastSeq: event.seq - 1, target: event.seq - 1, recovering: undefined };
      this.tracks.set(event.conversationId, track);
    }
    if (event.seq <= track.lastSeq) return;
    if (event.seq === track.lastSeq + 1 && !track.recovering) {
      track.lastSeq = event.seq;
      track.target = Math.max(track.target, event.seq);
      this.apply(event);
      return;
    }
    track.target = Math.max(track.target, event.seq);
    void this.recover(event.conversationId, track);
  }

  /** Waits until every known gap of a conversation is filled. */
  async settled(conversationId: string): Promise<void> {
    await this.tracks.get(conversationId)?.recovering;
  }

  private recover(conversationId: string, track: Track): Promise<void> {
    track.recovering ??= (async () => {
      try {
        while (track.lastSeq < track.target) {
          const page = await this.http.request<EventPage>(
            'GET',
            `/v1/conversations/${encodeURIComponent(conversationId)}/events?after=${track.lastSeq}&limit=${GAP_PORTION}`,
          );
          this.portions.push(page.events.length);
          for (const event of page.events) {
            if (event.seq !== track.lastSeq + 1) continue;
            track.lastSeq = event.seq;
            this.apply(event);
          }
          track.target = Math.max(track.target, page.lastSeq);
          if (!page.hasMore && track.lastSeq >= page.lastSeq) {
            track.target = track.lastSeq;
            break;
          }
          if (page.events.length === 0) break;
        }
      } catch (error) {
        // Left as is: the next head (reconnect) or push triggers recovery again.
        this.onError(error);
      } finally {
        track.recovering = undefined;
      }
    })();
    return track.recovering;
  }
}

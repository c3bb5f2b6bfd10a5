/**
 * Web Push of agent replies to customers who have left: when a message from the support side lands
 * in a conversation whose customer has no events socket open, each of that customer's browser
 * subscriptions gets a notification, signed with the server's VAPID keys and encrypted for the
 * browser (aes128gcm) by the `web-push` library. Subscriptions the push service reports gone
 * (404/410) are deleted.
 */
import type { FastifyBaseLogger } from 'fastify';
import webPush from 'web-push';
import type { Message, MessageEvent } from '../../src/core/protocol.js';
import type { ConversationRecord, PushSubscriptionRecord, Store } from '../store/store.js';
import type { LiveSocketRegistry } from '../cluster/live-sockets.js';

/** Longest message preview in a notification, in characters. */
export const PUSH_PREVIEW_CHARS = 120;
/** Browsers one participant may have subscribed at once (older subscriptions are dropped). */
export const SUBSCRIPTIONS_PER_PARTICIPANT = 10;
/** How long a push service keeps an undelivered notification. */
const PUSH_TTL_SECONDS = 24 * 3600;
/** How long one push request may take. */
const PUSH_TIMEOUT_MS = 10_000;

/** What a notification carries, as the service worker reads it (`event.data.json()`). */
export interface PushPayload {
  type: 'omni-message';
  conversationId: string;
  seq: number;
  /** Who wrote the message (the agent's display name). */
  author: string;
  /** The message as plain text, truncated to `PUSH_PREVIEW_CHARS`. */
  preview: string;
  /** The page the visitor subscribed from; the notification opens it with the chat open. */
  url?: string;
}

/** The server's VAPID identity. */
export interface VapidIdentity {
  /** `mailto:` or `https:` contact of the operator. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** A message as one line of plain text (markdown markers dropped), at most `PUSH_PREVIEW_CHARS` long. */
export function messagePreview(message: Message): string {
  const text = (() => {
    switch (message.type) {
      case 'text':
      case 'quick-replies':
      case 'buttons':
        return message.text;
      case 'card':
        return [message.title, message.text].filter(Boolean).join(': ');
      case 'carousel':
        return message.cards.map((card) => card.title).join(', ');
      case 'attachment':
        return message.caption || message.attachment.name;
      default:
        return '';
    }
  })();
  const plain = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(plain);
  return characters.length <= PUSH_PREVIEW_CHARS ? plain : `${characters.slice(0, PUSH_PREVIEW_CHARS - 1).join('').trimEnd()}…`;
}

/** Sends the notifications; `messagePosted` is wired to the conversation service. */
export class PushNotifier {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: { store: Store; liveSockets: LiveSocketRegistry; vapid: VapidIdentity; log: FastifyBaseLogger },
  ) {}

  /** The VAPID public key browsers subscribe with (`applicationServerKey`). */
  get publicKey(): string {
    return this.options.vapid.publicKey;
  }

  /** A message was stored: push it to its customer if it came from the support side and the customer is not connected. */
  messagePosted(conversation: ConversationRecord, event: MessageEvent): void {
    if (event.author.role === 'customer') return;
    const delivery = (async () => {
      // With several processes the customer's socket may be on another one: the registry may ask Redis.
      if (await this.options.liveSockets.has(conversation.customer.id)) return;
      await this.deliver(conversation.customer.id, event);
    })().catch((error) => {
      this.options.log.warn({ err: error }, 'web push delivery failed');
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves when every push in flight has finished (before the store closes). */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async deliver(customerId: string, event: MessageEvent): Promise<void> {
    const subscriptions = await this.options.store.listPushSubscriptions(customerId);
    if (subscriptions.length === 0) return;
    const payload: Omit<PushPayload, 'url'> = {
      type: 'omni-message',
      conversationId: event.conversationId,
      seq: event.seq,
      author: event.author.displayName ?? '',
      preview: messagePreview(event.message),
    };
    await Promise.all(subscriptions.map((subscription) => this.send(subscription, payload)));
  }

  private async send(subscription: PushSubscriptionRecord, payload: Omit<PushPayload, 'url'>): Promise<void> {
    const body: PushPayload = { ...payload, ...(subscription.pageUrl ? { url: subscription.pageUrl } : {}) };
    const { subject, publicKey, privateKey } = this.options.vapid;
    try {
      await webPush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(body), {
        vapidDetails: { subject, publicKey, privateKey },
        TTL: PUSH_TTL_SECONDS,
        urgency: 'high',
        timeout: PUSH_TIMEOUT_MS,
      });
    } catch (error) {
      const status = error instanceof webPush.WebPushError ? error.statusCode : undefined;
      if (status === 404 || status === 410) {
        // The browser unsubscribed or the subscription expired: it will never accept a push again.
        await this.options.store.deletePushSubscription(subscription.endpoint);
        return;
      }
      const where = new URL(subscription.endpoint).origin;
      this.options.log.warn({ status, pushService: where }, `web push to ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

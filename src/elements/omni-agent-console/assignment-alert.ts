/**
 * A desktop notification and a short beep when a conversation is assigned to this agent: once per
 * assignment in the browser (only the tab that holds the shared socket, the leader, alerts; the
 * others see the same event relayed), only for assignments that just happened (not ones replayed
 * by a gap fetch), and a notification only with the permission the agent granted from a click.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AssignedEvent } from '../../core/protocol.js';
import type { OmniSession } from '../../core/session.js';
import { consoleStrings } from './console-strings.js';

/** An assignment older than this when it arrives was replayed (a reload, a gap fetch), not new. */
const FRESH_MS = 2 * 60 * 1000;

/** What the alert says: the customer's name (by conversation id) and what happens on a click. */
export interface AssignmentAlertOptions {
  session: () => OmniSession | undefined;
  customerName: (conversationId: string) => string;
  onClick: (conversationId: string) => void;
}

/** Listens to the session for `assigned` events naming this agent and alerts once per assignment. */
export class AssignmentAlert implements ReactiveController {
  private stop: (() => void) | undefined;
  private session: OmniSession | undefined;
  private readonly seen = new Set<string>();
  private audio: AudioContext | undefined;
  /** Alerts so far (for tests and diagnostics). */
  count = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AssignmentAlertOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow(this.options.session());
  }

  hostUpdated(): void {
    this.follow(this.options.session());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.session = undefined;
  }

  private follow(session: OmniSession | undefined): void {
    if (session === this.session) return;
    this.stop?.();
    this.session = session;
    this.stop = session?.onSignal((signal) => {
      if (signal.type === 'event' && signal.event.type === 'assigned') this.assigned(session, signal.event);
    });
  }

  private assigned(session: OmniSession, event: AssignedEvent): void {
    const key = `${event.conversationId}:${event.seq}`;
    if (event.assignee.id !== session.$participant.get()?.id || this.seen.has(key)) return;
    this.seen.add(key);
    if (!session.connection.$leader.get() || Date.now() - Date.parse(event.createdAt) > FRESH_MS) return;
    this.count += 1;
    this.beep();
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // The tag also lets the system fold a repeat of the same assignment into one notification.
    const notification = new Notification(consoleStrings().newAssignment, { body: this.options.customerName(event.conversationId), tag: `omni-assigned:${key}` });
    notification.onclick = () => {
      window.focus();
      this.options.onClick(event.conversationId);
      notification.close();
    };
  }

  /** Two short tones (Web Audio; no audio file). */
  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const start = this.audio.currentTime;
      for (const [offset, frequency] of [[0, 660], [0.15, 880]] as const) {
        const oscillator = this.audio.createOscillator();
        const gain = this.audio.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.08, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.12);
        oscillator.connect(gain).connect(this.audio.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.12);
      }
    } catch {
      // No audio (autoplay policy or no Web Audio): the notification and the list still tell.
    }
  }
}

/** Whether the console can ask for notifications now (`default`), may not (`denied`), or has them (`granted`/`unsupported`: no button). */
export function notificationState(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

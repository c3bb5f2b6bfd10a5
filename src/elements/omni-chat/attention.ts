/**
 * Getting the visitor's attention while the page is hidden: the document title flashes with the
 * count of new messages, an optional short chime plays, and — if the site enabled it and the
 * user granted permission — a browser notification appears. All stop when the page is seen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { strings } from '../shared/strings.js';

/** What the host enables. */
export interface AttentionOptions {
  sound: boolean;
  notify: boolean;
  /** Called when the visitor clicks a notification. */
  onNotificationClick: () => void;
}

const FLASH_MS = 1200;

/** Asks the visitor for notification permission (from a user gesture); true when granted. */
export async function requestPermission(): Promise<boolean> {
  return typeof Notification !== 'undefined' && (await Notification.requestPermission()) === 'granted';
}

/** Flashes the title (and chimes/notifies) for messages that arrive while the page is hidden. */
export class AttentionController implements ReactiveController {
  private unseen = 0;
  private flashTimer: ReturnType<typeof setInterval> | undefined;
  private originalTitle = '';
  private audio: AudioContext | undefined;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') this.reset();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: () => AttentionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.reset();
  }

  /** A message from the other side arrived live; `alert` (one tab of the browser: the leader) chimes and notifies. */
  messageArrived(from: string, text: string, alert = true): void {
    if (document.visibilityState !== 'hidden') return;
    this.unseen += 1;
    this.flash();
    const options = this.options();
    if (!alert) return;
    if (options.sound) this.chime();
    if (options.notify && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const notification = new Notification(strings().liveFrom(from, '').replace(/:\s*$/, ''), { body: text.slice(0, 200), tag: 'omni-chat' });
      notification.onclick = () => {
        window.focus();
        options.onNotificationClick();
        notification.close();
      };
    }
  }

  private flash(): void {
    if (this.flashTimer) return;
    this.originalTitle = document.title;
    let showCount = true;
    const tick = () => {
      document.title = showCount ? `(${this.unseen}) ${strings().newMessageTitle}` : this.originalTitle;
      showCount = !showCount;
    };
    tick();
    this.flashTimer = setInterval(tick, FLASH_MS);
  }

  private chime(): void {
    try {
      this.audio ??= new AudioContext();
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, this.audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, this.audio.currentTime + 0.25);
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start();
      oscillator.stop(this.audio.currentTime + 0.25);
    } catch {
      // No audio (autoplay policy or no Web Audio): the title and badge still tell.
    }
  }

  private reset(): void {
    this.unseen = 0;
    if (this.flashTimer) {
      clearInterval(this.flashTimer);
      this.flashTimer = undefined;
      document.title = this.originalTitle;
    }
  }
}

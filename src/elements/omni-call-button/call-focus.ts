/**
 * Keyboard focus that follows a call the visitor started: to Hang up when the call starts (in the
 * same element, or in the call bar beside a header call button) and back to the call button when
 * it ends, so focus never falls to `<body>` (where Escape and Tab lose their place).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs from its `<omni-call-button>`. */
export interface FocusHost extends ReactiveControllerHost, HTMLElement {
  readonly layout: string | undefined;
  readonly callInProgress: boolean;
}

const partOf = (element: Element | null | undefined, name: string) => element?.shadowRoot?.querySelector<HTMLElement>(`[part="${name}"]`) ?? null;

/** Moves focus with the call's start and end, for calls started from this element's call button. */
export class CallFocus implements ReactiveController {
  /** Set when the visitor started the call here; cleared once focus is back on the call button. */
  private following = false;
  private busy = false;

  constructor(private readonly host: FocusHost) {
    host.addController(this);
  }

  /** The visitor pressed this element's call button. */
  started(): void {
    this.following = true;
  }

  /** Where the call's controls are: a call bar of the same root for a header button, else the element itself. */
  private controls(): FocusHost | null {
    if (this.host.layout !== 'button') return this.host;
    return (this.host.getRootNode() as ParentNode).querySelector<FocusHost>('omni-call-button[layout="bar"]');
  }

  hostUpdated(): void {
    const busy = this.host.callInProgress;
    if (busy === this.busy) return;
    this.busy = busy;
    if (this.following) void this.move(busy);
  }

  private async move(busy: boolean): Promise<void> {
    const controls = this.controls();
    if (busy) {
      await controls?.updateComplete;
      partOf(controls, 'hangup')?.focus();
      return;
    }
    this.following = false;
    // Back to the call button, unless the visitor has moved on: focus still in the controls, or lost with them.
    const active = document.activeElement;
    if (!active || active === document.body || controls?.matches(':focus-within')) {
      await this.host.updateComplete;
      partOf(this.host, 'call')?.focus();
    }
  }
}

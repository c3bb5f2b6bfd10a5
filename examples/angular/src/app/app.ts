// The site's page with the omni widget in it. `omni-widget/define` registers <omni-chat>,
// <omni-conversation> and <omni-call-button>; CUSTOM_ELEMENTS_SCHEMA lets Angular's template
// compiler accept those tags, and `[prop]` bindings set them as element properties.
import 'omni-widget/define';
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { OmniMessageDetail } from 'omni-widget/define';
import type { JwtProvider, Message, OmniErrorInfo, TokenResponse } from 'omni-widget/core';

/** What the site backend's `GET /omni-config.json` answers: where the widget connects. */
interface OmniConfig {
  serverUrl: string;
  integrationId: string;
}

/** A message from support, as this page lists it. */
interface ReceivedMessage {
  key: string;
  from: string;
  text: string;
}

/** The page: the site's own content, a feed of what the widget reported, and the widget. */
@Component({
  selector: 'app-root',
  templateUrl: './app.html',
  styleUrl: './app.css',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  /** Undefined until the site backend says where the omni server is; the widget renders after. */
  protected readonly config = signal<OmniConfig | undefined>(undefined);
  protected readonly messages = signal<ReceivedMessage[]>([]);
  protected readonly errors = signal<OmniErrorInfo[]>([]);

  /**
   * Visitor tokens come from the site backend (it holds the API key). A new function here later
   * would be fine too: the widget keeps its session and asks the newest one at the next refresh.
   */
  protected readonly jwtProvider: JwtProvider = async () => {
    const response = await fetch('/omni-token', { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`/omni-token answered ${response.status}`);
    return (await response.json()) as TokenResponse;
  };

  constructor() {
    void this.loadConfig();
  }

  private async loadConfig(): Promise<void> {
    try {
      const response = await fetch('/omni-config.json');
      if (!response.ok) throw new Error(`/omni-config.json answered ${response.status}`);
      this.config.set((await response.json()) as OmniConfig);
    } catch (error) {
      this.errors.update((list) => [...list, { code: 'network', message: String(error) }]);
    }
  }

  /** `omni-message`: a message from support arrived live. */
  protected onMessage(event: CustomEvent<OmniMessageDetail>): void {
    const { item } = event.detail;
    const from = item.author.displayName ?? item.author.role;
    this.messages.update((list) => [...list, { key: item.key, from, text: summary(item.message) }]);
  }

  /** `omni-error`: something in the widget failed ({ code, message }). */
  protected onError(event: CustomEvent<OmniErrorInfo>): void {
    this.errors.update((list) => [...list, event.detail]);
  }
}

/** One line for any message type (the server may send types newer than this page knows). */
function summary(message: Message): string {
  switch (message.type) {
    case 'text':
    case 'quick-replies':
    case 'buttons':
      return message.text;
    case 'card':
      return message.title;
    case 'carousel':
      return message.cards.map((card) => card.title).join(', ');
    case 'attachment':
      return message.caption ?? message.attachment.name;
    default:
      return `[${(message as { type: string }).type}]`;
  }
}

/**
 * The app: asks its backend where the omni server is, then renders the chat and a call button,
 * and shows in its own React UI what the widget reports through its events.
 */
import { useEffect, useState } from 'react';
import { OmniCallButton, OmniChat, type OmniMessageDetail } from 'omni-widget/react';
import { Site, type ReceivedMessage } from './Site.tsx';

/** `GET /omni-config.json` of the site backend. */
interface OmniConfig {
  serverUrl: string;
  integrationId: string;
}

/** The text a site would show for a message (text, or what the message is about). */
function summary({ item }: OmniMessageDetail): ReceivedMessage {
  const message = item.message;
  let text: string;
  switch (message.type) {
    case 'attachment':
      text = message.caption ?? message.attachment.name;
      break;
    case 'card':
      text = message.title;
      break;
    case 'carousel':
      text = message.cards.map((card) => card.title).join(', ');
      break;
    default:
      text = message.text;
  }
  return { key: item.key, author: item.author.displayName ?? item.author.role, text };
}

export function App() {
  const [config, setConfig] = useState<OmniConfig>();
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [open, setOpen] = useState(true);
  const [received, setReceived] = useState<ReceivedMessage[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [callState, setCallState] = useState('idle');

  useEffect(() => {
    let current = true;
    fetch('/omni-config.json')
      .then((response) => response.json() as Promise<OmniConfig>)
      .then((loaded) => current && setConfig(loaded))
      .catch((error: unknown) => current && setErrors((list) => [...list, `config: ${String(error)}`]));
    return () => {
      current = false;
    };
  }, []);

  return (
    <Site theme={theme} onToggleTheme={() => setTheme(theme === 'light' ? 'dark' : 'light')} received={received} errors={errors} callState={callState}>
      {config && (
        <OmniChat
          serverUrl={config.serverUrl}
          integrationId={config.integrationId}
          // Written inline on purpose, as most apps do: a new function on every render.
          jwtProvider={async () => {
            const response = await fetch('/omni-token', { method: 'POST' });
            if (!response.ok) throw new Error(`token route answered ${response.status}`);
            return (await response.json()) as { jwt: string; expiresAt: string };
          }}
          open={open}
          theme={theme}
          onOmniOpenChange={(event) => setOpen(event.detail.open)}
          onOmniMessage={(event) => setReceived((list) => [...list, summary(event.detail)])}
          onOmniError={(event) => setErrors((list) => [...list, `${event.detail.code}: ${event.detail.message}`])}
        />
      )}
      {config && <OmniCallButton onOmniCallState={(event) => setCallState(event.detail.state)} onOmniError={(event) => setErrors((list) => [...list, `call ${event.detail.code}: ${event.detail.message}`])} />}
    </Site>
  );
}

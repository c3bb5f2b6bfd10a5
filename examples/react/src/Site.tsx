/** The site's own UI around the widget: a header with a theme switch, its content, and a log of what the widget reported. */
import type { ReactNode } from 'react';

/** One `omni-message` as the site shows it. */
export interface ReceivedMessage {
  key: string;
  author: string;
  text: string;
}

/** What the layout shows; the widget (if any) comes in as `children`. */
export interface SiteProps {
  theme: 'light' | 'dark';
  onToggleTheme: () => void;
  received: ReceivedMessage[];
  errors: string[];
  callState: string;
  children?: ReactNode;
}

/** The page layout: everything that is React, not the widget. */
export function Site({ theme, onToggleTheme, received, errors, callState, children }: SiteProps) {
  return (
    <div className={theme}>
      <header>
        <h1>Bikes &amp; Co.</h1>
        <button type="button" data-testid="theme-toggle" onClick={onToggleTheme}>
          {theme === 'light' ? 'Dark theme' : 'Light theme'}
        </button>
      </header>
      <p>Questions about your order? Chat with us, or call us from the chat.</p>
      <section aria-labelledby="activity">
        <h2 id="activity">Support activity</h2>
        <p>
          Call: <output data-testid="call-state">{callState}</output>
        </p>
        <ol data-testid="received-messages">
          {received.map((message) => (
            <li key={message.key}>
              <strong>{message.author}</strong>: {message.text}
            </li>
          ))}
        </ol>
        <ul data-testid="widget-errors">
          {errors.map((error, index) => (
            <li key={index}>{error}</li>
          ))}
        </ul>
      </section>
      {children}
    </div>
  );
}

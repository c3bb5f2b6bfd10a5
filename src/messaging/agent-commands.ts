/**
 * Rich messages from a text box: the agent console's slash commands, so every message type can
 * be sent from the keyboard without a form.
 *
 *   /card Title | optional text | https://image.url | Button=payload | Link=https://url
 *   /carousel Title one | text ; Title two | text ; Title three
 *   /quick Which size? | Small | Medium=size:m | Large
 *   /buttons What next? | Book a service=book | FAQ=https://example.com/faq
 *
 * A part `Title=value` is a button: a URL value opens it, anything else is a postback payload.
 */
import type { CardContent, MessageButton, SendMessageRequest } from '../core/protocol.js';

/** The body of a rich message, without its clientMessageId. */
export type RichBody = Exclude<SendMessageRequest, { type: 'text' | 'attachment' }> extends infer T
  ? T extends unknown ? Omit<T, 'clientMessageId'> : never
  : never;

/** The rich-message commands with the syntax each takes (the console's `/` popup lists them beside canned responses). */
export const AGENT_COMMANDS: ReadonlyArray<{ name: 'card' | 'carousel' | 'quick' | 'buttons'; syntax: string }> = [
  { name: 'card', syntax: 'Title | text | https://image | Button=payload' },
  { name: 'carousel', syntax: 'Title | text ; Title | text' },
  { name: 'quick', syntax: 'Question? | Reply | Reply=payload' },
  { name: 'buttons', syntax: 'Text | Button=payload | Link=https://url' },
];

const COMMAND = new RegExp(`^/(${AGENT_COMMANDS.map((command) => command.name).join('|')})\\s+([\\s\\S]+)$`);

const isUrl = (value: string) => /^https?:\/\/\S+$/i.test(value);

function button(part: string): MessageButton | undefined {
  const split = part.indexOf('=');
  if (split <= 0) return undefined;
  const title = part.slice(0, split).trim();
  const value = part.slice(split + 1).trim();
  if (!title || !value) return undefined;
  return isUrl(value) ? { type: 'url', title, url: value } : { type: 'postback', title, payload: value };
}

function card(parts: string[]): CardContent {
  const [title = '', ...rest] = parts;
  const content: CardContent = { title };
  const buttons: MessageButton[] = [];
  for (const part of rest) {
    const asButton = button(part);
    if (asButton) buttons.push(asButton);
    else if (isUrl(part) && !content.imageUrl) content.imageUrl = part;
    else if (!content.text) content.text = part;
  }
  if (buttons.length) content.buttons = buttons.slice(0, 5);
  return content;
}

const split = (text: string, separator: string) => text.split(separator).map((part) => part.trim()).filter(Boolean);

/** Parses a slash command; undefined when the text is not one (send it as text). */
export function parseAgentCommand(input: string): RichBody | undefined {
  const match = COMMAND.exec(input.trim());
  if (!match) return undefined;
  const [, command, rest] = match as unknown as [string, string, string];
  switch (command) {
    case 'card':
      return { type: 'card', ...card(split(rest, '|')) };
    case 'carousel':
      return { type: 'carousel', cards: split(rest, ';').slice(0, 10).map((slide) => card(split(slide, '|'))) };
    case 'quick': {
      const [text = '', ...replies] = split(rest, '|');
      return {
        type: 'quick-replies',
        text,
        replies: replies.slice(0, 10).map((reply) => {
          const asButton = button(reply);
          return asButton?.type === 'postback' ? { title: asButton.title, payload: asButton.payload } : { title: reply };
        }),
      };
    }
    default: {
      const [text = '', ...parts] = split(rest, '|');
      return { type: 'buttons', text, buttons: parts.map(button).filter((b): b is MessageButton => Boolean(b)).slice(0, 5) };
    }
  }
}

/**
 * For the agent: a customer's answer to a postback button or a quick reply says what it answered,
 * "answered: Medium (to: Which size?)", above the bare word. Agent-bundle code: the agent console
 * sets it as the conversation's message note (`setMessageNote`); a guest never downloads it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TimelineItem } from '../../messaging/timeline.js';
import { stringsWith } from '../shared/strings.js';
import { messageText, type MessageContext } from './message-view.js';

/** The reply note's English strings (sites override them with `setStrings`). */
export const replyNoteDefaults = {
  answered: (title: string) => `answered: ${title}`,
  answeredTo: (title: string, question: string) => `answered: ${title} (to: ${question})`,
};
const strings = stringsWith(replyNoteDefaults);

/** The question a reply answers: the card holding the button it pressed, else the message's own text. */
function questionOf(question: TimelineItem, payload: string | undefined): string {
  const message = question.message;
  if (message.type === 'carousel') {
    const card = message.cards.find((candidate) => candidate.buttons?.some((button) => button.type === 'postback' && button.payload === payload));
    if (card) return card.title;
  }
  return messageText(question);
}

/** The line above a customer's reply naming the button or quick reply and the question (nothing for other messages). */
export function replyNote(item: TimelineItem, context: MessageContext): TemplateResult | typeof nothing {
  const message = item.message;
  if (message.type !== 'text' || !message.replyTo || item.own) return nothing;
  const question = context.items?.find((candidate) => candidate.message.id === message.replyTo);
  const title = message.text;
  return html`<div class="meta answered" part="answered">${question ? strings().answeredTo(title, questionOf(question, message.payload)) : strings().answered(title)}</div>`;
}

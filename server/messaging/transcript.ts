/**
 * A conversation's transcript as a download: plain UTF-8 text, or a small self-contained HTML
 * document (no script, every piece of user content escaped). Messages, attachments by name,
 * joins, resolves, ratings and contact details, with author names and UTC times; read receipts
 * (and typing, which is never stored) are left out.
 */
import type { ContactDetails, ConversationEvent, Message } from '../../src/core/protocol.js';
import type { ConversationRecord } from '../store/store.js';

/** Most events a transcript reads (a longer conversation says so at its end). */
export const MAX_TRANSCRIPT_EVENTS = 20_000;

/** What a transcript is made from. */
export interface TranscriptInput {
  conversation: ConversationRecord;
  /** The team's name (the integration's settings). */
  teamName: string;
  /** The conversation's events, ascending by seq. */
  events: ConversationEvent[];
  /** True when the conversation has more events than `events`. */
  truncated: boolean;
  generatedAt: Date;
}

/** One entry of a transcript. */
interface Entry {
  at: string;
  author: string;
  role: string;
  /** A message (said by the author) or a note about the conversation. */
  kind: 'message' | 'note';
  text: string;
}

/** `2026-11-25 14:03 UTC` from an ISO time. */
const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const size = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function messageText(message: Message): string {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'card':
      return [message.title, message.text, ...(message.buttons ?? []).map((button) => `[${button.title}]`)].filter(Boolean).join('\n');
    case 'carousel':
      return message.cards.map((card) => [card.title, card.text].filter(Boolean).join(': ')).join('\n');
    case 'quick-replies':
      return `${message.text}\n${message.replies.map((reply) => `[${reply.title}]`).join(' ')}`;
    case 'buttons':
      return `${message.text}\n${message.buttons.map((button) => `[${button.title}]`).join(' ')}`;
    case 'attachment':
      return [`Attachment: ${message.attachment.name} (${size(message.attachment.size)})`, message.caption].filter(Boolean).join('\n');
    case 'leave-message':
      return `${message.text}\n(Left while the team was away; reply to ${message.email})`;
    default:
      return '(a message this server version cannot show)';
  }
}

function contactText(contact: ContactDetails): string {
  const parts = [
    contact.name ? `name: ${contact.name}` : '',
    contact.email ? `email: ${contact.email}` : '',
    contact.phone ? `phone: ${contact.phone}` : '',
    ...Object.entries(contact.answers ?? {}).map(([key, value]) => `${key}: ${value === true ? 'yes' : value === false ? 'no' : value}`),
  ];
  return `Contact details: ${parts.filter(Boolean).join(', ')}`;
}

function entries(input: TranscriptInput): Entry[] {
  const { conversation } = input;
  return input.events.flatMap((event): Entry[] => {
    const author = event.author.displayName ??
      (event.author.role === 'customer' ? conversation.customer.displayName ?? 'Customer' : event.author.role === 'agent' ? 'Agent' : 'System');
    const base = { at: event.createdAt, author, role: event.author.role };
    switch (event.type) {
      case 'message':
        return [{ ...base, kind: 'message', text: messageText(event.message) }];
      case 'participant.joined':
        return [{ ...base, kind: 'note', text: `${author} joined the conversation` }];
      case 'resolved':
        return [{ ...base, kind: 'note', text: `${author} resolved the conversation` }];
      case 'csat':
        return [{ ...base, kind: 'note', text: `${author} rated the conversation ${event.rating}/5${event.comment ? `: ${event.comment}` : ''}` }];
      case 'contact':
        return [{ ...base, kind: 'note', text: contactText(event.contact) }];
      default:
        return [];
    }
  });
}

function header(input: TranscriptInput): { title: string; lines: string[] } {
  return {
    title: `Conversation with ${input.teamName}`,
    lines: [
      `Conversation ${input.conversation.id}, started ${utc(input.conversation.createdAt)}`,
      `Exported ${utc(input.generatedAt.toISOString())}`,
    ],
  };
}

const TRUNCATED = `The transcript ends here: it shows the first ${MAX_TRANSCRIPT_EVENTS} events of the conversation.`;

/** The transcript as plain text (UTF-8, LF line ends). */
export function transcriptText(input: TranscriptInput): string {
  const { title, lines } = header(input);
  const body = entries(input).map((entry) => {
    const [first = '', ...rest] = entry.text.split(/\r\n|\r|\n/);
    const head = entry.kind === 'message' ? `[${utc(entry.at)}] ${entry.author}: ${first}` : `[${utc(entry.at)}] -- ${first}`;
    return [head, ...rest.map((line) => `    ${line}`)].join('\n');
  });
  return [title, ...lines, '', ...(body.length ? body : ['(no messages)']), ...(input.truncated ? ['', TRUNCATED] : []), ''].join('\n');
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** The policy stated inside the HTML transcript, for when it is opened from disk. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Content-Security-Policy header of the HTML transcript download. */
export const TRANSCRIPT_CSP = `${DOCUMENT_CSP}; frame-ancestors 'none'`;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.3rem;margin:0 0 .25rem}.meta{color:#5b6470;margin:0}ol{list-style:none;padding:0;margin:1.5rem 0}
li{margin:.75rem 0}.who{font-weight:600}time{color:#5b6470;font-size:.85em;margin-left:.5rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere}.note{color:#5b6470;font-style:italic}.agent .who{color:#1f5bd8}`;

/** The transcript as a complete HTML document. */
export function transcriptHtml(input: TranscriptInput): string {
  const { title, lines } = header(input);
  const items = entries(input).map((entry) => {
    const time = `<time datetime="${escapeHtml(entry.at)}">${escapeHtml(utc(entry.at))}</time>`;
    return entry.kind === 'message'
      ? `<li class="${escapeHtml(entry.role)}"><span class="who">${escapeHtml(entry.author)}</span>${time}<div class="text">${escapeHtml(entry.text)}</div></li>`
      : `<li class="note">${escapeHtml(entry.text)}${time}</li>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${lines.map((line) => `<p class="meta">${escapeHtml(line)}</p>`).join('\n')}
<ol>
${items.length ? items.join('\n') : '<li class="note">(no messages)</li>'}
</ol>
${input.truncated ? `<p class="meta">${escapeHtml(TRUNCATED)}</p>\n` : ''}</body>
</html>
`;
}

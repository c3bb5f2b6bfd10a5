/**
 * The small markdown subset of text messages — paragraphs, line breaks, `- ` / `1. ` lists,
 * fenced code blocks, **bold**, *italic* / _italic_, `inline code`, [links](https://…) and bare
 * http(s) links — parsed into a tree and rendered with Lit templates. No HTML string is ever
 * produced, so nothing in a message can become markup; links are only http(s), mailto and tel.
 * (Hand-written on purpose: the common markdown libraries emit HTML strings, which would need
 * Lit's unsafe-HTML directive, and weigh more than this whole file.)
 */
import { html, nothing, type TemplateResult } from 'lit';

/** Inline pieces of a line. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

/** Blocks of a message. */
export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string };

/** Returns the URL when it is http(s), mailto or tel; otherwise undefined. */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:|tel:)/i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\n]+\*|_[^_\n]+_)|(\[[^\]\n]+\]\([^)\s]+\))|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/;

/** Parses one line's inline markup. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const match = depth < 4 ? INLINE.exec(rest) : null;
    if (!match) {
      out.push({ kind: 'text', text: rest });
      break;
    }
    if (match.index > 0) out.push({ kind: 'text', text: rest.slice(0, match.index) });
    const [token] = match;
    if (match[1]) out.push({ kind: 'code', text: token.slice(1, -1) });
    else if (match[2]) out.push({ kind: 'bold', children: parseInline(token.slice(2, -2), depth + 1) });
    else if (match[3]) out.push({ kind: 'italic', children: parseInline(token.slice(1, -1), depth + 1) });
    else if (match[4]) {
      const close = token.indexOf('](');
      const label = token.slice(1, close);
      const href = safeUrl(token.slice(close + 2, -1));
      if (href) out.push({ kind: 'link', href, children: parseInline(label, depth + 1) });
      else out.push({ kind: 'text', text: token });
    } else {
      const href = safeUrl(token);
      out.push(href ? { kind: 'link', href, children: [{ kind: 'text', text: token }] } : { kind: 'text', text: token });
    }
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

/** Parses a message into blocks. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: Inline[][] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i += 1; i < lines.length && !/^```/.test(lines[i]!); i += 1) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const item = /^\s*(?:([-*])|(\d{1,3})[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const ordered = Boolean(item[2]);
      const previous = blocks[blocks.length - 1];
      const list = previous?.kind === 'list' && previous.ordered === ordered && i > 0 && /^\s*(?:[-*]|\d{1,3}[.)])\s+/.test(lines[i - 1]!)
        ? previous
        : undefined;
      if (list) list.items.push(parseInline(item[3]!));
      else blocks.push({ kind: 'list', ordered, items: [parseInline(item[3]!)] });
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(parseInline(line));
  }
  flush();
  return blocks;
}

function renderInline(nodes: Inline[]): unknown[] {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return html`<code>${node.text}</code>`;
      case 'bold':
        return html`<strong>${renderInline(node.children)}</strong>`;
      case 'italic':
        return html`<em>${renderInline(node.children)}</em>`;
      case 'link':
        return html`<a href=${node.href} target="_blank" rel="noopener noreferrer">${renderInline(node.children)}</a>`;
    }
  });
}

/** Renders a text message's markdown as Lit templates (text only, never HTML). */
export function renderMarkdown(source: string): TemplateResult {
  return html`${parseMarkdown(source).map((block) => {
    if (block.kind === 'code') return html`<pre><code>${block.text}</code></pre>`;
    if (block.kind === 'list') {
      const items = block.items.map((item) => html`<li>${renderInline(item)}</li>`);
      return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    return html`<p>${block.lines.map((line, index) => html`${index ? html`<br />` : nothing}${renderInline(line)}`)}</p>`;
  })}`;
}

function plainInline(nodes: Inline[]): string {
  return nodes.map((node) => (node.kind === 'text' || node.kind === 'code' ? node.text : plainInline(node.children))).join('');
}

/** A text message's markdown as one line of plain text (previews, notifications, announcements). */
export function markdownToPlain(source: string): string {
  return parseMarkdown(source)
    .map((block) => (block.kind === 'code' ? block.text : block.kind === 'list' ? block.items.map(plainInline).join(', ') : block.lines.map(plainInline).join(' ')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

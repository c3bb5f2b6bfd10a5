/// <reference types="mocha" />
// The markdown subset as a tree (no HTML strings): inline marks, nesting depth, safe links only.
import { expect } from '@open-wc/testing';
import { parseInline, parseMarkdown, safeUrl } from './markdown.js';

describe('markdown (unit)', () => {
  it('parses bold, italic, code and links into a tree', () => {
    expect(parseInline('a **b** *c* `d` [e](https://x.test/)')).to.deep.equal([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://x.test/', children: [{ kind: 'text', text: 'e' }] },
    ]);
  });

  it('keeps unsafe links as plain text and allows only http(s), mailto and tel', () => {
    const unsafe = parseInline('[x](javascript:alert(1))');
    expect(unsafe.every((node) => node.kind === 'text')).to.equal(true);
    expect(unsafe.map((node) => (node as { text: string }).text).join('')).to.equal('[x](javascript:alert(1))');
    expect(safeUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeUrl('data:text/html,hi')).to.equal(undefined);
    expect(safeUrl('mailto:a@b.test')).to.equal('mailto:a@b.test');
    expect(safeUrl('https://a.test/p?q=1')).to.equal('https://a.test/p?q=1');
  });

  it('treats markup as text: no tag ever becomes anything but text', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> **<b>bold</b>**');
    expect(JSON.stringify(blocks)).to.contain('<img src=x onerror=alert(1)>');
    expect(JSON.stringify(blocks)).to.not.contain('"kind":"html"');
  });

  it('builds paragraphs, lists and fenced code blocks', () => {
    const kinds = parseMarkdown('intro\n\n- one\n- two\n\n1. first\n\n```\ncode **not bold**\n```').map((block) => block.kind);
    expect(kinds).to.include('paragraph');
    expect(kinds.some((kind) => /list/.test(kind))).to.equal(true);
    expect(kinds.some((kind) => /code/.test(kind))).to.equal(true);
  });

  it('stops nesting at a bounded depth (no runaway recursion on hostile input)', () => {
    const deep = '**'.repeat(50) + 'x' + '**'.repeat(50);
    expect(() => parseInline(deep)).to.not.throw();
  });
});

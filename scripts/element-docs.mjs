#!/usr/bin/env node
/**
 * The README's element tables, generated from `custom-elements.json` (run `npm run manifest` first).
 *
 *   node scripts/element-docs.mjs --write   rewrites every block between
 *                                           `<!-- elements:start TAG… -->` and `<!-- elements:end -->`
 *   node scripts/element-docs.mjs --check   exits 1 with a diff when the README is out of date
 *   node scripts/element-docs.mjs           prints the generated blocks
 *
 * A start marker lists the elements its block documents (`omni-chat omni-conversation …`), and
 * `theme-tokens` for the table of the CSS custom properties every element reads. Every element of
 * the manifest must be in exactly one block.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = join(root, 'custom-elements.json');
const README = join(root, 'README.md');
const BLOCK = /(<!-- elements:start ([^>]*?)\s*-->\n)([\s\S]*?)(<!-- elements:end -->)/g;
const THEME_TOKENS = 'theme-tokens';

/** Every custom element declaration of a manifest, by tag name. */
export function elementsOf(manifest) {
  const elements = new Map();
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) elements.set(declaration.tagName, { ...declaration, modulePath: module.path });
    }
  }
  return elements;
}

/** A table cell: one line, pipes escaped. */
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
/** A description cell, as a sentence (JSDoc tag descriptions are written lower-case). */
const sentence = (text) => cell(text).replace(/^[a-z]/, (letter) => letter.toUpperCase());
/** Inline code (empty stays empty). */
const code = (text) => (text === undefined || text === '' ? '' : `\`${cell(text)}\``);
/** A type without the trailing `| undefined` of an optional property (the empty default says that already). */
const typeText = (type) => type?.text?.replace(/\s*\|\s*undefined$/, '') ?? '';
/** The detail type of `CustomEvent<Detail>`. */
const detailOf = (type) => type?.text?.match(/^CustomEvent<(.+)>$/)?.[1] ?? type?.text ?? '';

function table(head, rows) {
  if (rows.length === 0) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`.replace(/ {2,}\|/g, ' |')), ''];
}

/** The CSS custom properties every element reads (the theme tokens), in the first element's order. */
function sharedTokens(elements) {
  const all = [...elements.values()];
  const first = all[0]?.cssProperties ?? [];
  return first.filter((property) => all.every((element) => element.cssProperties?.some((own) => own.name === property.name)));
}

function renderTokens(tokens) {
  return [
    '**Theme tokens**, read by every element (set them on the element or any ancestor; the dark defaults apply with `theme="dark"` or `prefers-color-scheme: dark`):',
    '',
    ...table(['CSS property', 'default', 'description'], tokens.map((token) => [code(token.name), code(token.default), sentence(token.description)])),
  ];
}

function renderElement(element, shared) {
  const lines = [`**\`<${element.tagName}>\`** — ${sentence(element.description ?? element.summary)}`, ''];
  const members = element.members ?? [];
  const fields = members.filter((member) => member.kind === 'field');
  const attributeRows = fields.map((field) => {
    const name = field.readonly ? `${code(field.name)} (read-only)` : code(field.name);
    return [code(field.attribute), name, code(typeText(field.type)), code(field.default), sentence(field.description)];
  });
  for (const attribute of element.attributes ?? []) {
    if (!attribute.fieldName) attributeRows.push([code(attribute.name), '', code(typeText(attribute.type)), code(attribute.default), sentence(attribute.description)]);
  }
  lines.push(...table(['attribute', 'property', 'type', 'default', 'description'], attributeRows));

  const methodRows = members
    .filter((member) => member.kind === 'method')
    .map((method) => {
      const parameters = (method.parameters ?? []).map((parameter) => (parameter.default ? `${parameter.name} = ${parameter.default}` : parameter.name)).join(', ');
      return [code(`${method.name}(${parameters})`), code(method.return?.type?.text), sentence(method.description)];
    });
  lines.push(...table(['method', 'returns', 'description'], methodRows));
  lines.push(...table(['part', 'description'], (element.cssParts ?? []).map((part) => [code(part.name), sentence(part.description)])));
  lines.push(...table(['slot', 'description'], (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', sentence(slot.description)])));
  lines.push(...table(['event', 'detail', 'description'], (element.events ?? []).map((event) => [code(event.name), code(detailOf(event.type)), sentence(event.description)])));

  const sharedNames = new Set(shared.map((token) => token.name));
  const own = (element.cssProperties ?? []).filter((property) => !sharedNames.has(property.name));
  const readsTheme = shared.length > 0 && shared.every((token) => element.cssProperties?.some((property) => property.name === token.name));
  lines.push(...table(['CSS property', 'default', 'description'], own.map((property) => [code(property.name), code(property.default), sentence(property.description)])));
  if (readsTheme) lines.push(own.length ? 'Plus the theme tokens.' : 'CSS properties: the theme tokens.', '');
  return lines;
}

/** The markdown of one block, for the items its start marker lists. */
export function renderBlock(items, elements) {
  const shared = sharedTokens(elements);
  const tags = items.filter((item) => item !== THEME_TOKENS);
  const lines = ['<!-- Generated from custom-elements.json by `node scripts/element-docs.mjs --write`: edit the JSDoc in src/elements/, not this block. -->', ''];
  if (tags.length > 1) {
    lines.push(...table(['element', 'what it is'], tags.map((tag) => [`\`<${tag}>\``, cell(elements.get(tag)?.summary ?? '')])));
  }
  if (items.includes(THEME_TOKENS)) lines.push(...renderTokens(shared));
  for (const tag of tags) lines.push(...renderElement(elements.get(tag), shared));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** The README with every element block regenerated; throws when a block names an unknown element or an element has no block. */
export function renderReadme(readme, manifest) {
  const elements = elementsOf(manifest);
  const placed = [];
  const next = readme.replace(BLOCK, (_match, start, list, _body, end) => {
    const items = list.split(/\s+/).filter(Boolean);
    for (const item of items) {
      if (item !== THEME_TOKENS && !elements.has(item)) throw new Error(`README block lists <${item}>, which custom-elements.json does not have`);
    }
    placed.push(...items.filter((item) => item !== THEME_TOKENS));
    return `${start}\n${renderBlock(items, elements)}\n${end}`;
  });
  if (placed.length === 0) throw new Error('README.md has no `<!-- elements:start … -->` … `<!-- elements:end -->` block');
  for (const tag of elements.keys()) {
    const count = placed.filter((item) => item === tag).length;
    if (count !== 1) throw new Error(`<${tag}> is in ${count} README element blocks; list it in exactly one \`<!-- elements:start … -->\` marker`);
  }
  return next;
}

/** A line diff (longest common subsequence), with a little context around each change. */
export function lineDiff(before, after, context = 2) {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ sign: ' ', line: a[i], at: i + 1 });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ sign: '-', line: a[i++], at: i });
    else ops.push({ sign: '+', line: b[j++], at: i + 1 });
  }
  const show = ops.map((op, index) => op.sign !== ' ' || ops.slice(Math.max(0, index - context), index + context + 1).some((near) => near.sign !== ' '));
  const out = [];
  ops.forEach((op, index) => {
    if (!show[index]) return;
    if (index > 0 && !show[index - 1]) out.push(`@@ README.md line ${op.at} @@`);
    out.push(`${op.sign} ${op.line}`);
  });
  if (show[0]) out.unshift(`@@ README.md line 1 @@`);
  return out.join('\n');
}

function main(argv) {
  const mode = argv.includes('--write') ? 'write' : argv.includes('--check') ? 'check' : 'print';
  if (!existsSync(MANIFEST)) {
    console.error('custom-elements.json is missing: run `npm run manifest` (or `npm run build:widget`) first.');
    return 2;
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const readme = readFileSync(README, 'utf8');
  let next;
  try {
    next = renderReadme(readme, manifest);
  } catch (error) {
    console.error(`element-docs: ${error.message}`);
    return 2;
  }
  if (mode === 'print') {
    for (const [, , list] of readme.matchAll(BLOCK)) process.stdout.write(`${renderBlock(list.split(/\s+/).filter(Boolean), elementsOf(manifest))}\n`);
    return 0;
  }
  if (mode === 'write') {
    if (next !== readme) writeFileSync(README, next);
    console.log(next === readme ? 'README.md element tables are up to date.' : 'README.md element tables rewritten from custom-elements.json.');
    return 0;
  }
  if (next === readme) {
    console.log('README.md element tables agree with custom-elements.json.');
    return 0;
  }
  console.error('README.md element tables are out of date with custom-elements.json (- README, + generated):\n');
  const diff = lineDiff(readme, next).split('\n');
  console.error(diff.slice(0, 120).join('\n') + (diff.length > 120 ? `\n… ${diff.length - 120} more lines` : ''));
  console.error('\nRun `node scripts/element-docs.mjs --write` (after `npm run manifest`) and commit README.md.');
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));

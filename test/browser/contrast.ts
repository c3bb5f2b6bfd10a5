/**
 * WCAG contrast of what is really rendered: every visible text, placeholder and icon under an element,
 * through every shadow root, measured from getComputedStyle against the background it is painted
 * on (the flat tree's backgrounds composited, opacity included). New colour pairs are caught
 * without a hand-kept list; backgrounds under images and gradients are reported as unknown.
 */

type Rgba = [number, number, number, number];

/** One text whose contrast is below what WCAG 2.1 AA asks (4.5:1, or 3:1 for large text). */
export interface ContrastFailure {
  where: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
  required: number;
}

function parse(value: string): Rgba {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  if (!match) throw new Error(`contrast: unsupported colour ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
}

/** `top` painted over the opaque `bottom`. */
const over = (top: Rgba, bottom: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])).concat(1) as Rgba;

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The parent in the flat tree: a slotted node's slot, a shadow root's host. */
function flatParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  const parent = element.parentNode;
  if (parent instanceof ShadowRoot) return parent.host;
  return parent instanceof Element ? parent : null;
}

/** The opaque colour `element` is painted on, or undefined under an image or gradient. */
function backgroundOf(element: Element): Rgba | undefined {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node; node = flatParent(node)) {
    const style = getComputedStyle(node);
    if (style.backgroundImage !== 'none' && node !== element) return undefined;
    const colour = parse(style.backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] === 1) break;
  }
  let result: Rgba = [255, 255, 255, 1];
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}

/** The product of the opacities from `element` up. */
function opacityOf(element: Element): number {
  let opacity = 1;
  for (let node: Element | null = element; node; node = flatParent(node)) opacity *= Number(getComputedStyle(node).opacity);
  return opacity;
}

/** Whether the element shows on screen (not hidden, not clipped to a pixel like visually hidden text). */
function visible(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width <= 1 || rect.height <= 1) return false;
  const style = getComputedStyle(element);
  return style.visibility === 'visible' && element.checkVisibility({ opacityProperty: true });
}

/** Every element under `root`, shadow roots included. */
function* elementsUnder(root: Element): Generator<Element> {
  yield root;
  if (root.shadowRoot) for (const child of root.shadowRoot.children) yield* elementsUnder(child);
  for (const child of root.children) yield* elementsUnder(child);
}

const describeElement = (element: Element) => {
  const part = element.getAttribute('part');
  const cls = element.getAttribute('class');
  const host = (element.getRootNode() as ShadowRoot).host?.localName ?? 'document';
  return `${host} ${element.localName}${part ? `[part="${part}"]` : ''}${cls ? `.${cls.split(' ').join('.')}` : ''}`;
};

/** Measured pairs (for a report) and the failures among them. */
export interface ContrastReport {
  checked: number;
  failures: ContrastFailure[];
  unknown: string[];
}

/** Measures every visible text under `root` (and its shadow roots): text nodes, input values and placeholders. */
export function textContrast(root: Element): ContrastReport {
  const report: ContrastReport = { checked: 0, failures: [], unknown: [] };
  for (const element of elementsUnder(root)) {
    // Inactive controls are exempt (WCAG 1.4.3): disabled, or aria-disabled (Send with nothing to send).
    if ((element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true') continue;
    const field = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element : undefined;
    const texts: Array<[string, string]> = [];
    // Icons are graphics that must reach 3:1 (WCAG 1.4.11): measured by their fill.
    if (element instanceof SVGSVGElement && getComputedStyle(element).fill.startsWith('rgb')) texts.push([`icon in ${describeElement(flatParent(element)!)}`, getComputedStyle(element).fill]);
    const own = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent!.trim()).join(' ').trim();
    if (own) texts.push([own, getComputedStyle(element).color]);
    if (field && field.type !== 'checkbox' && field.type !== 'radio' && field.type !== 'file' && field.type !== 'range') {
      if (field.value) texts.push([field.value.slice(0, 40), getComputedStyle(field).color]);
      else if (field.placeholder) texts.push([`placeholder: ${field.placeholder}`, getComputedStyle(field, '::placeholder').color]);
    }
    if (!texts.length || !visible(element)) continue;
    const background = backgroundOf(element);
    if (!background) {
      report.unknown.push(`${describeElement(element)} "${texts[0]![0].slice(0, 40)}"`);
      continue;
    }
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) || element instanceof SVGSVGElement;
    const opacity = opacityOf(element);
    for (const [text, colour] of texts) {
      const foreground = parse(colour);
      const ratio = contrastRatio(over([foreground[0], foreground[1], foreground[2], foreground[3] * opacity], background), background);
      report.checked += 1;
      const required = large ? 3 : 4.5;
      if (ratio < required) {
        report.failures.push({ where: describeElement(element), text: text.slice(0, 40), color: colour, background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`, ratio: Math.round(ratio * 100) / 100, required });
      }
    }
  }
  return report;
}

/** The failures as one line each, for an assertion message. */
export const contrastLines = (report: ContrastReport): string[] =>
  report.failures.map((failure) => `${failure.where} "${failure.text}": ${failure.color} on ${failure.background} = ${failure.ratio}:1 (needs ${failure.required})`);

/**
 * The rows of a long conversation, virtualized: only the rows near the viewport are in the DOM.
 * A lazy chunk (message-list.ts loads it past VIRTUALIZE_AFTER messages) around
 * @lit-labs/virtualizer, whose flow layout keys its measurements by index. `ChatLayout` keys them
 * by row instead, so prepending an older page keeps the reader's place, and it can hold a row
 * where it was or keep the newest row at the bottom until the reader scrolls.
 */
import type { TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** A row with a stable key: a message, or an edge row like "load earlier" (its key starts with NUL). */
export interface Row {
  readonly key: string;
}

/** Where the layout holds the view until the reader scrolls: a row's end at the bottom, or its top `offset` px below the top. */
interface Pin {
  index: number;
  block: 'start' | 'end';
  offset?: number;
}

type Measurements = Parameters<FlowLayout['updateItemSizes']>[0];
/** A measured row: the virtualizer measures size and margins. */
type Box = Parameters<FlowLayout['_metricsCache']['update']>[0][number];
type Bounds = { pos: number; size: number };

/** Pin index meaning "the last row, whatever the count". */
const NEWEST = Number.MAX_SAFE_INTEGER;

/** A flow layout whose measurements and on-screen rows follow their keys when rows are inserted above. */
class ChatLayout extends FlowLayout {
  private readonly measured = new Map<string, Box>();
  /** Scroll added by an insertion above, applied to the next viewport reading. */
  private insertedAbove = 0;

  /** Set through the layout config: the handle that steers this layout. */
  set owner(owner: VirtualRows) {
    owner.attach(this);
  }

  override updateItemSizes(sizes: Measurements): void {
    for (const index in sizes) {
      const row = this._items[Number(index)] as Row | undefined;
      if (row) this.measured.set(row.key, sizes[index] as Box);
    }
    super.updateItemSizes(sizes);
  }

  override get pin(): Pin | null {
    const pin = this._pin as Pin | null;
    return pin && { ...pin, index: Math.max(0, Math.min(pin.index, this.items.length - 1)) };
  }

  override set pin(pin: Pin | null) {
    super.pin = pin;
  }

  override get viewportScroll(): FlowLayout['viewportScroll'] {
    return super.viewportScroll;
  }

  override set viewportScroll(coords: FlowLayout['viewportScroll']) {
    super.viewportScroll = this.insertedAbove ? { ...coords, top: coords.top + this.insertedAbove } : coords;
    this.insertedAbove = 0;
  }

  protected override _setPositionFromPin(): void {
    const pin = this.pin;
    if (!pin) return;
    const last = this._scrollPosition;
    const target = this._calculateScrollIntoViewPosition({ index: pin.index, block: pin.block });
    this._scrollPosition = this._clampScrollPosition(target - (pin.offset ?? 0));
    // Accumulated, not assigned: an insertion above may have left a correction pending.
    this._scrollError += last - this._scrollPosition;
  }

  protected override _setItems(items: unknown[]): void {
    const before = this._items as Row[];
    const after = items as Row[];
    if (after !== before && before.length > 0 && this._first >= 0) this.rekey(before, after);
    super._setItems(items);
  }

  /** Moves the index-keyed state to the rows' new indices; the rows on screen stay where they are. */
  private rekey(before: Row[], after: Row[]): void {
    let anchor = this._firstVisible >= this._first && this._firstVisible <= this._last ? this._firstVisible : this._first;
    // An edge row (the "load earlier" row, keyed with a leading NUL) stays at the edge: anchor on the row after it.
    while (anchor < this._last && before[anchor]?.key.startsWith('\u0000')) anchor += 1;
    const key = before[anchor]?.key;
    const guess = anchor + after.length - before.length;
    const to = after[anchor]?.key === key ? anchor : after[guess]?.key === key ? guess : after.findIndex((row) => row.key === key);
    if (to === anchor && before[0]?.key === after[0]?.key) return; // appended below: nothing moves
    if (to < 0) {
      this.forget();
      return;
    }
    const shift = to - anchor;
    const delta = this.heightAbove(after, to) - this.heightAbove(before, anchor);
    const moved = new Map<number, Bounds>();
    for (const [index, bounds] of this._physicalItems) {
      if (after[index + shift]?.key === before[index]?.key) moved.set(index + shift, { pos: bounds.pos + delta, size: bounds.size });
    }
    let first = to;
    let last = to;
    while (moved.has(first - 1)) first -= 1;
    while (moved.has(last + 1)) last += 1;
    for (const index of moved.keys()) if (index < first || index > last) moved.delete(index);
    this._physicalItems = moved;
    this._newPhysicalItems = new Map();
    this._first = first;
    this._last = last;
    this._firstVisible = Math.min(last, Math.max(first, this._firstVisible + shift));
    this._lastVisible = Math.min(last, Math.max(first, this._lastVisible + shift));
    this._physicalMin += delta;
    this._physicalMax += delta;
    this._anchorIdx = null;
    this._anchorPos = null;
    const pin = this._pin as Pin | null;
    if (pin && pin.index !== NEWEST) this._pin = { ...pin, index: pin.index + shift };
    this.remeasure(after);
    this.insertedAbove += delta;
    this._scrollError -= delta;
  }

  /** Height of the first `count` rows: measured ones by key, the average for the others. */
  private heightAbove(rows: Row[], count: number): number {
    const average = this._getAverageSize() + this._metricsCache.averageMarginSize;
    let height = 0;
    for (let index = 0; index < count; index++) {
      const box = this.measured.get(rows[index]!.key);
      height += box ? box.height + box.marginTop + box.marginBottom : average;
    }
    return height;
  }

  /** Re-indexes the measurements by the rows' keys. */
  private remeasure(rows: Row[]): void {
    const sizes: Record<number, Box> = {};
    rows.forEach((row, index) => {
      const box = this.measured.get(row.key);
      if (box) sizes[index] = box;
    });
    this._metricsCache.clear();
    this._metricsCache.update(sizes, this.direction);
  }

  /** Starts over (the rows on screen are gone). */
  private forget(): void {
    this._physicalItems = new Map();
    this._newPhysicalItems = new Map();
    this._first = this._last = -1;
    this._anchorIdx = null;
    this._anchorPos = null;
  }
}

/** Steers one virtualized list: keeps the newest row at the bottom, or holds a row where it was. */
export class VirtualRows {
  private layout: ChatLayout | undefined;
  private pending: Pin | undefined;
  private readonly config = { type: ChatLayout, owner: this };

  /** Keeps the newest row at the bottom, as rows arrive, until the reader scrolls away. */
  follow(): void {
    this.setPin({ index: NEWEST, block: 'end' });
  }

  /** Holds row `index` with its top `offset` px below the top of the list until the reader scrolls. */
  hold(index: number, offset: number): void {
    this.setPin({ index, block: 'start', offset });
  }

  /** Called by the layout this handle configures. */
  attach(layout: ChatLayout): void {
    if (layout === this.layout) return;
    this.layout = layout;
    if (this.pending) layout.pin = this.pending;
    this.pending = undefined;
  }

  /** The rows, rendered into the element holding this directive (which becomes the scroller). */
  render<T extends Row>(rows: T[], renderRow: (row: T) => TemplateResult): DirectiveResult {
    return virtualize<T>({ scroller: true, items: rows, keyFunction: (row) => row.key, renderItem: renderRow, layout: this.config });
  }

  private setPin(pin: Pin): void {
    if (this.layout) this.layout.pin = pin;
    else this.pending = pin;
  }
}

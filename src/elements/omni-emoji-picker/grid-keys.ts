/** Keyboard movement in a grid of cells laid out in rows (the emoji grid's arrow, Home/End and Page keys). */

/** Rows a Page key moves. */
const PAGE_ROWS = 4;

/**
 * The cell a key moves to from `index` in a grid of `count` cells, `columns` a row (`rtl`: the
 * horizontal arrows follow the reading direction): -1 above the first row, undefined for other keys.
 */
export function gridKeyTarget(event: Pick<KeyboardEvent, 'key' | 'ctrlKey'>, index: number, count: number, columns: number, rtl = false): number | undefined {
  const last = count - 1;
  const rowStart = index - (index % columns);
  const clamp = (value: number) => Math.max(0, Math.min(last, value));
  switch (event.key) {
    case 'ArrowRight':
      return clamp(index + (rtl ? -1 : 1));
    case 'ArrowLeft':
      return clamp(index + (rtl ? 1 : -1));
    case 'ArrowDown':
      // From the row above a shorter last row: its last cell.
      return index + columns <= last ? index + columns : rowStart + columns <= last ? last : index;
    case 'ArrowUp':
      return index - columns;
    case 'Home':
      return event.ctrlKey ? 0 : rowStart;
    case 'End':
      return event.ctrlKey ? last : Math.min(rowStart + columns - 1, last);
    case 'PageDown':
      return clamp(index + columns * PAGE_ROWS);
    case 'PageUp':
      return clamp(index - columns * PAGE_ROWS);
    default:
      return undefined;
  }
}

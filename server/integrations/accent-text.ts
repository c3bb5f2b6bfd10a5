/** The text colour on a brand (accent) colour, computed once on the server for every widget. */

/** White or black text, whichever contrasts more (WCAG) with a `#rrggbb` colour: always at least 4.58:1. */
export function accentText(hex: string): '#fff' | '#000' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  // White gives 1.05 / (L + 0.05), black (L + 0.05) / 0.05: they are equal at L = 0.179.
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5) < 0.179 ? '#fff' : '#000';
}

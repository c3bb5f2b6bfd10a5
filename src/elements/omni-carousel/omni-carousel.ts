/** `<omni-carousel>`: a row of cards with previous/next buttons (its API is documented on the class). */
import { LitElement, css, html } from 'lit';
import { followLanguage } from '../shared/language.js';
import { carouselStrings } from './carousel-strings.js';

export { carouselDefaults } from './carousel-strings.js';

/**
 * A scrolling row of the cards it holds (its children), one card per snap point, with previous and
 * next buttons at its sides that page by one card and say so when there is nothing more that way
 * (`aria-disabled`, so focus stays on them). Arrow keys scroll the row when it has focus. Right to
 * left (`dir="rtl"` on an ancestor) the row starts on the right and the buttons swap sides.
 * `<omni-conversation>` renders one for a carousel message, loaded with the first one.
 *
 * @tagname omni-carousel
 * @summary A row of cards with previous/next buttons.
 * @slot - the cards
 * @csspart track - the scrolling row
 * @csspart previous - the button that shows the previous card
 * @csspart next - the button that shows the next card
 */
export class OmniCarousel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      max-width: 100%;
    }
    .track {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      scroll-snap-type: x mandatory;
      scroll-behavior: smooth;
      padding-bottom: 4px;
      scrollbar-width: thin;
    }
    .track:focus-visible,
    button:focus-visible {
      outline: 2px solid var(--_accent, #1f5bd8);
      outline-offset: 2px;
    }
    ::slotted(*) {
      scroll-snap-align: start;
      flex: 0 0 auto;
    }
    button {
      position: absolute;
      top: 50%;
      transform: translateY(-50%);
      width: 32px;
      height: 32px;
      border-radius: 50%;
      border: 1px solid var(--_border, #767676);
      background: var(--_surface, #fff);
      color: var(--_text, #1a1a1a);
      font: inherit;
      font-size: 1.3em;
      line-height: 1;
      box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
      cursor: pointer;
    }
    .previous {
      inset-inline-start: 4px;
    }
    .next {
      inset-inline-end: 4px;
    }
    button[aria-disabled='true'] {
      opacity: 0.45;
      cursor: default;
    }
    [hidden] {
      display: none;
    }
  `;
  // Strings and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    atStart: { state: true },
    atEnd: { state: true },
  };

  private atStart = true;
  private atEnd = true;
  private readonly resize = new ResizeObserver(() => this.measure());

  override connectedCallback(): void {
    super.connectedCallback();
    void this.updateComplete.then(() => {
      if (this.isConnected) this.resize.observe(this.track);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  private get track(): HTMLElement {
    return this.renderRoot.querySelector('.track')!;
  }

  /** Notes whether the row is at its start and at its end (either way round: scrollLeft is negative right to left). */
  private measure(): void {
    const track = this.track;
    const position = Math.abs(track.scrollLeft);
    this.atStart = position < 2;
    this.atEnd = position >= track.scrollWidth - track.clientWidth - 2;
  }

  /** Pages by one card (its width and the gap) towards the end (1) or the start (-1). */
  private page(towardsEnd: 1 | -1): void {
    if (towardsEnd === 1 ? this.atEnd : this.atStart) return;
    const track = this.track;
    const card = this.querySelector<HTMLElement>(':scope > *');
    const step = (card?.offsetWidth ?? track.clientWidth) + 8;
    const rtl = getComputedStyle(track).direction === 'rtl';
    track.scrollBy({ left: towardsEnd * (rtl ? -step : step) });
  }

  /** Arrow keys scroll the row the way they point. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' || event.target !== this.track) return;
    event.preventDefault();
    const rtl = getComputedStyle(this.track).direction === 'rtl';
    this.page((event.key === 'ArrowRight') !== rtl ? 1 : -1);
  };

  protected override render() {
    const text = carouselStrings();
    const fits = this.atStart && this.atEnd;
    return html`
      <button class="previous" part="previous" type="button" aria-label=${text.carouselPrevious} aria-disabled=${this.atStart ? 'true' : 'false'}
        ?hidden=${fits} @click=${() => this.page(-1)}>‹</button>
      <div class="track" part="track" tabindex="0" @scroll=${() => this.measure()} @keydown=${this.onKeyDown}>
        <slot @slotchange=${() => this.measure()}></slot>
      </div>
      <button class="next" part="next" type="button" aria-label=${text.carouselNext} aria-disabled=${this.atEnd ? 'true' : 'false'}
        ?hidden=${fits} @click=${() => this.page(1)}>›</button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-carousel': OmniCarousel;
  }
}

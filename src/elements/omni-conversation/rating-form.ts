/**
 * The satisfaction survey a visitor gets when an agent resolves the conversation: a 1-5 rating
 * (native radio buttons: arrow keys move, Space picks), an optional comment, and a thank-you
 * once it is stored. A lazy chunk: only a resolved conversation downloads it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { CsatRequest } from '../../core/protocol.js';
import { toErrorInfo } from '../../core/errors.js';
import { errorText, stringsWith } from '../shared/strings.js';

/** The survey's styles, adopted by the conversation's shadow root with the chunk (not paid for up front). */
export const ratingStyles = css`
  .rating {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-top: 1px solid var(--_border);
  }
  .rating fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .rating legend {
    font-weight: 600;
    padding: 0;
  }
  .stars {
    display: flex;
    gap: 4px;
  }
  .stars label {
    font-size: 1.6em;
    line-height: 1;
    color: var(--_muted);
    cursor: pointer;
    border-radius: 4px;
  }
  .stars label.on {
    color: var(--_accent);
  }
  .stars label:focus-within {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .rating textarea {
    font: inherit;
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
    resize: vertical;
  }
  .rating .send {
    justify-self: start;
  }
  .rating .error {
    margin: 0;
    color: var(--_danger);
  }
`;

/** The survey's English strings (sites override them with `setStrings`). */
export const ratingDefaults = {
  ratingQuestion: 'How did we do?',
  ratingOf: (value: number) => `${value} of 5`,
  ratingComment: 'Anything to add? (optional)',
  ratingSend: 'Send rating',
  ratingThanks: 'Thank you for your rating!',
};
const strings = stringsWith(ratingDefaults);

/** The longest comment the server takes. */
const COMMENT_MAX = 1000;

/** What the form needs from the conversation holding it. */
export interface RatingHost {
  requestUpdate(): void;
}

/** The survey's state and template for one conversation. */
export class RatingForm {
  private rating = 0;
  private busy = false;
  private done = false;
  private error = '';

  /** True once the rating is stored (the thank-you stays after the conversation stops asking). */
  get finished(): boolean {
    return this.done;
  }

  constructor(
    private readonly host: RatingHost,
    private readonly session: OmniSession,
    /** The conversation it rates. */
    readonly conversationId: string,
  ) {}

  /** The form, or the thank-you once sent. */
  render(): TemplateResult {
    if (this.done) return html`<p class="rating thanks" part="rating" role="status">${strings().ratingThanks}</p>`;
    return html`<form class="rating" part="rating" @submit=${this.onSubmit}>
      <fieldset>
        <legend>${strings().ratingQuestion}</legend>
        <div class="stars">${[1, 2, 3, 4, 5].map((value) => html`<label class=${value <= this.rating ? 'on' : ''}>
          <input class="visually-hidden" type="radio" name="rating" .value=${String(value)} .checked=${value === this.rating} @change=${() => this.pick(value)} />
          <span aria-hidden="true">★</span><span class="visually-hidden">${strings().ratingOf(value)}</span>
        </label>`)}</div>
      </fieldset>
      <textarea part="rating-comment" rows="2" maxlength=${COMMENT_MAX} aria-label=${strings().ratingComment} placeholder=${strings().ratingComment}></textarea>
      <button type="submit" class="send" part="rating-send" aria-disabled=${this.rating === 0 || this.busy ? 'true' : 'false'}>${strings().ratingSend}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }

  private pick(value: number): void {
    this.rating = value;
    this.host.requestUpdate();
  }

  private readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.rating === 0 || this.busy) return;
    const comment = (event.currentTarget as HTMLFormElement).querySelector('textarea')!.value.trim();
    const body: CsatRequest = { rating: this.rating, ...(comment ? { comment } : {}) };
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await this.session.http.request('POST', `/v1/conversations/${encodeURIComponent(this.conversationId)}/csat`, body);
      this.done = true;
    } catch (error) {
      this.error = errorText(toErrorInfo(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  };
}

/** Styles of `<omni-conversation>`. */
import { css } from 'lit';

/**
 * Message list and composer. The list has `overflow-anchor: none`: the scroll keeper holds the
 * reader's place itself, the same in every browser; `.virtual` is the list while virtualized
 * (the virtualizer positions its rows).
 */
export const conversationStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--_surface);
    position: relative;
  }
  .messages {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: var(--_space) 0;
    display: flex;
    flex-direction: column;
    overscroll-behavior: contain;
    overflow-anchor: none;
  }
  .virtual {
    padding: 0;
  }
  .row {
    display: flex;
    flex-direction: column;
    padding: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
  }
  .virtual > .row {
    width: 100%;
  }
  .message {
    max-width: 85%;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .message.own {
    align-self: flex-end;
    align-items: flex-end;
  }
  .meta {
    font-size: 0.78em;
    color: var(--_muted);
    display: flex;
    gap: 6px;
  }
  .bubble {
    white-space: normal;
    overflow-wrap: anywhere;
    max-width: 100%;
    box-sizing: border-box;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    line-height: 1.4;
  }
  .bubble p,
  .bubble ul,
  .bubble ol,
  .bubble pre {
    margin: 0;
  }
  .bubble p + *,
  .bubble ul + *,
  .bubble ol + *,
  .bubble pre + * {
    margin-top: 6px;
  }
  .bubble ul,
  .bubble ol {
    padding-inline-start: 1.3em;
  }
  .bubble code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.92em;
    background: rgb(127 127 127 / 0.15);
    border-radius: 4px;
    padding: 0 3px;
  }
  .bubble pre {
    white-space: pre;
    overflow-x: auto;
    max-width: 100%;
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
    max-width: 260px;
    min-width: 200px;
    flex: 0 0 auto;
    overflow-wrap: anywhere;
  }
  .card img {
    display: block;
    width: 100%;
    max-height: 160px;
    object-fit: cover;
  }
  .card-body {
    padding: 8px 12px;
  }
  .card-text {
    margin: 4px 0 0;
    color: var(--_muted);
  }
  .actions,
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 6px 0;
  }
  .card .actions {
    padding: 0 12px 10px;
  }
  .action,
  .chip {
    border: 1px solid var(--_accent);
    color: var(--_accent);
    background: var(--_surface);
    border-radius: 999px;
    padding: 4px 12px;
    text-decoration: none;
    font: inherit;
    font-size: 0.92em;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .action.disabled {
    border-color: var(--_border);
    color: var(--_muted);
  }
  /* Until its chunk is in: the cards in a row, clipped (not a scroll region without keyboard access). */
  omni-carousel:not(:defined) {
    display: flex;
    gap: 8px;
    overflow: hidden;
  }
  .message.other {
    min-width: 0;
    /* As wide as its content (up to the cap), not the cap: one word makes a small bubble. */
    align-self: flex-start;
  }
  .typing {
    font-size: 0.8em;
    color: var(--_muted);
    padding: 0 calc(var(--_space) * 1.5);
    min-height: 1.2em;
  }
  .own .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  /* Pending is marked without fading the text, which would break contrast. */
  .pending .bubble {
    outline: 2px dashed var(--_border);
    outline-offset: 2px;
  }
  .failed .bubble {
    outline: 2px solid var(--_danger);
  }
  .status {
    font-size: 0.75em;
    color: var(--_muted);
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .status .error {
    color: var(--_danger);
  }
  .retry,
  .older,
  .jump {
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: 999px;
    padding: 2px 10px;
  }
  .older-row {
    align-items: center;
  }
  .jump {
    position: absolute;
    left: 50%;
    transform: translateX(-50%);
    bottom: 76px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  .empty {
    margin: auto;
    color: var(--_muted);
    text-align: center;
  }
  form {
    display: flex;
    gap: var(--_space);
    padding: var(--_space);
    border-top: 1px solid var(--_border);
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    resize: none;
    field-sizing: content;
    min-height: 2.6em;
    max-height: 8em;
    /* 16px at least, or phones zoom in on focus. */
    font: inherit;
    font-size: max(16px, 1em);
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
    color: var(--_text);
  }
  .attach {
    border: 0;
    background: transparent;
    color: var(--_muted);
    padding: 8px 6px;
    border-radius: 8px;
    display: grid;
    place-items: center;
  }
  .attach .icon {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }
  .send[aria-disabled='true'] {
    opacity: 0.55;
    cursor: default;
  }
  .counter {
    align-self: center;
    font-size: 0.8em;
    color: var(--_muted);
    white-space: nowrap;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .send {
    border: 0;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_accent);
    color: var(--_on-accent);
    padding: 10px 16px;
    font-weight: 600;
  }
`;

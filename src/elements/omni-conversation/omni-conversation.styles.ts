/** Styles of `<omni-conversation>`. */
import { css } from 'lit';

/** Message list and composer. */
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
    padding: calc(var(--_space) * 1.5);
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    overscroll-behavior: contain;
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
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    line-height: 1.4;
  }
  .own .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .pending .bubble {
    opacity: 0.7;
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
  .older {
    align-self: center;
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
  .send {
    border: 0;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_accent);
    color: var(--_on-accent);
    padding: 10px 16px;
    font-weight: 600;
  }
`;

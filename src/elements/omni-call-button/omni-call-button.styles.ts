/** Styles of `<omni-call-button>`. */
import { css } from 'lit';

/** Call button, status and controls. */
export const callButtonStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    gap: var(--_space);
  }
  button {
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: 999px;
    padding: 6px 14px;
  }
  button[aria-pressed='true'] {
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .call {
    background: var(--_accent);
    color: var(--_on-accent);
    border: 0;
    font-weight: 600;
  }
  .hangup {
    background: var(--_danger);
    color: #fff;
    border: 0;
    font-weight: 600;
  }
  .status {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
    flex-wrap: wrap;
    font-size: 0.9em;
  }
  .message {
    color: var(--_muted);
  }
  .controls {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    align-items: center;
  }
  meter {
    width: 48px;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, 48px);
    gap: 6px;
  }
  .keypad button {
    border-radius: 8px;
    padding: 8px 0;
  }
`;

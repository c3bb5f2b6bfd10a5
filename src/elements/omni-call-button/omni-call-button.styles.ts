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
    color: var(--_on-danger);
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
  .inline {
    display: contents;
  }
  /* layout="button": a round icon button in the colours of what holds it (the chat's header). */
  :host([layout='button']) {
    color: inherit;
  }
  :host([layout='button']) .call {
    width: 36px;
    height: 36px;
    padding: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    display: grid;
    place-items: center;
  }
  .call svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  /* layout="bar": a full-width strip; the dialpad pops over what is below instead of pushing it. */
  :host([layout='bar']) {
    display: block;
  }
  .bar {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 6px var(--_space);
    padding: var(--_space) calc(var(--_space) * 2);
    background: var(--_surface-alt);
    border-bottom: 1px solid var(--_border);
  }
  .bar .controls {
    flex: 1 1 100%;
  }
  .bar button {
    padding: 4px 10px;
    font-size: 0.9em;
  }
  .bar meter {
    width: 40px;
  }
  .bar .hangup {
    margin-inline-start: auto;
  }
  .bar[data-state='error'] .state,
  .bar[data-state='dropped'] .state {
    color: var(--_danger);
    font-weight: 600;
  }
  .bar .keypad {
    position: absolute;
    z-index: 1;
    top: 100%;
    inset-inline-end: calc(var(--_space) * 2);
    margin-top: 4px;
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
  }
`;

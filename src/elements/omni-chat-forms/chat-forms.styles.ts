/** Styles of the chat's forms, adopted by `<omni-chat>`'s shadow root with their chunk (not paid for up front). */
import { css } from 'lit';

/** Form layout, fields, errors, the submit button and the confirmation. */
export const chatFormStyles = css`
  .chat-form {
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    color: var(--_text);
  }
  .chat-form h3 {
    margin: 0;
    font-size: 1.05em;
  }
  .chat-form .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field label {
    font-weight: 600;
    font-size: 0.9em;
  }
  .field input:not([type='checkbox']),
  .field select,
  .field textarea {
    font: inherit;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
    min-width: 0;
  }
  .field textarea {
    resize: vertical;
  }
  .field [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .field.consent {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: var(--_space);
  }
  .field.consent input {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_accent);
  }
  .field.consent label {
    font-weight: 400;
  }
  .field.consent .consent-link,
  .field.consent .field-error {
    grid-column: 2;
  }
  .consent-link {
    color: inherit;
    font-size: 0.9em;
  }
  .required,
  .field-error,
  .form-failure {
    color: var(--_danger);
  }
  .field-error,
  .form-failure {
    margin: 0;
    font-size: 0.9em;
  }
  .chat-form .submit {
    align-self: flex-start;
    border: 0;
    border-radius: 8px;
    padding: 10px 16px;
    font-weight: 600;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .chat-form .submit[aria-disabled='true'] {
    cursor: progress;
  }
  .chat-thanks {
    margin: 0;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    background: var(--_surface-alt);
    color: var(--_text);
    border-bottom: 1px solid var(--_border);
  }
`;

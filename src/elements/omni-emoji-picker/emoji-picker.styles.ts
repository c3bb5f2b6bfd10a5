/** The emoji picker's styles, adopted by the conversation's shadow root with the picker's chunk (not paid for up front). */
import { css } from 'lit';

/** The picker: a panel above the composer, in the conversation's colours (light or dark). */
export const emojiStyles = css`
  form[part~='composer'] {
    position: relative;
  }
  .emoji-picker {
    position: absolute;
    inset-inline: var(--_space);
    bottom: calc(100% + 4px);
    z-index: 2;
    display: flex;
    flex-direction: column;
    gap: 6px;
    max-height: min(340px, 60vh);
    padding: var(--_space);
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }
  .emoji-search,
  .emoji-tabs {
    flex: none;
  }
  .emoji-search {
    font: inherit;
    font-size: max(16px, 1em);
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
  }
  .emoji-search::placeholder {
    color: var(--_muted);
  }
  .emoji-tabs {
    display: flex;
    gap: 2px;
    overflow-x: auto;
    border-bottom: 1px solid var(--_border);
    padding-bottom: 4px;
  }
  .emoji-tabs [role='tab'] {
    flex: 1 0 auto;
    min-width: 32px;
    padding: 4px;
    font-size: 1.2em;
    line-height: 1.2;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .emoji-tabs [aria-selected='true'] {
    background: var(--_surface-alt);
    box-shadow: inset 0 -2px 0 var(--_accent);
  }
  .emoji-panel {
    overflow-y: auto;
    min-height: 0;
  }
  .emoji-grid [role='row'] {
    display: grid;
    grid-template-columns: repeat(8, minmax(0, 1fr));
  }
  .emoji-grid [role='gridcell'] {
    display: grid;
    place-items: center;
    aspect-ratio: 1;
    font-size: 1.45em;
    line-height: 1;
    border-radius: 6px;
    cursor: pointer;
    user-select: none;
    overflow: hidden;
    white-space: nowrap;
  }
  .emoji-grid [role='gridcell']:hover,
  .emoji-grid [role='gridcell']:focus-visible {
    background: var(--_surface-alt);
  }
  .emoji-grid [role='gridcell']:focus-visible,
  .emoji-tabs [role='tab']:focus-visible {
    outline-offset: -3px;
  }
  .emoji-none {
    margin: 0;
    padding: var(--_space);
    color: var(--_muted);
  }
`;

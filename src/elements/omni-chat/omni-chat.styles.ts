/** Styles of `<omni-chat>`. */
import { css } from 'lit';

/** Launcher, badge and the floating panel; logical properties, so right-to-left languages mirror the corner. */
export const chatStyles = css`
  :host {
    position: fixed;
    z-index: var(--omni-z-index, 2147483000);
    bottom: calc(var(--_space) * 2.5);
    inset-inline-end: calc(var(--_space) * 2.5);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: calc(var(--_space) * 1.5);
  }
  :host([position='bottom-left']) {
    inset-inline-end: auto;
    inset-inline-start: calc(var(--_space) * 2.5);
    align-items: flex-start;
  }
  .launcher {
    position: relative;
    width: 60px;
    height: 60px;
    border-radius: 50%;
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    display: grid;
    place-items: center;
    order: 2;
  }
  .launcher svg {
    width: 28px;
    height: 28px;
    fill: currentColor;
  }
  :host(:dir(rtl)) .launcher svg {
    transform: scaleX(-1);
  }
  .badge {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    box-sizing: border-box;
    border-radius: 11px;
    background: var(--_danger);
    color: var(--_on-danger);
    font-size: 12px;
    font-weight: 700;
    display: grid;
    place-items: center;
  }
  .panel {
    order: 1;
    width: min(380px, calc(100vw - 32px));
    height: min(600px, calc(100vh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  header slot[name='header'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
    flex: 1;
    min-width: 0;
  }
  .avatar {
    width: 36px;
    height: 36px;
    border-radius: 50%;
    object-fit: cover;
    flex: none;
  }
  .availability {
    margin: 2px 0 0;
    font-size: 0.8em;
  }
  .close .icon {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  .close {
    border: 0;
    background: transparent;
    color: inherit;
    font-size: 22px;
    line-height: 1;
    width: 36px;
    height: 36px;
    border-radius: 50%;
  }
  .connection {
    padding: 6px 12px;
    font-size: 0.85em;
    background: var(--_surface-alt);
    color: var(--_muted);
  }
  omni-conversation {
    flex: 1;
  }
  /* Phones: the open panel fills the screen (the launcher hides; the header's close button closes),
     stays above the on-screen keyboard (--_viewport-height, from visualViewport) and clear of notches. */
  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
      gap: 0;
    }
    :host([open]) .launcher {
      display: none;
    }
    :host([open]) .panel {
      width: 100vw;
      height: var(--_viewport-height, 100dvh);
      border: 0;
      border-radius: 0;
      box-sizing: border-box;
      padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
    }
  }
`;

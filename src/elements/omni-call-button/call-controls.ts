/**
 * The call status and in-call controls of `<omni-call-button>` (state and duration, level meter,
 * mute, hold, dialpad, hang up, keypad). Only needed once a call exists, so they load with the
 * calling chunk, not with the chat.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Call } from '../../calling/call.js';
import type { CallState } from '../../calling/call-state.js';
import type { OmniErrorInfo } from '../../core/protocol.js';
import { callStrings } from './call-strings.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** What the controls show and how they report back to their button. */
export interface CallControlsView {
  call: Call | undefined;
  state: CallState;
  muted: boolean;
  level: number;
  /** When the call became active (epoch ms), for the duration. */
  activeSince: number | undefined;
  /** The button's clock (ticks every second during a call). */
  now: number;
  dialpadOpen: boolean;
  toggleDialpad(): void;
  fail(error: OmniErrorInfo): void;
}

/** `m:ss` since the call became active. */
function duration(view: CallControlsView): string {
  if (!view.activeSince) return '';
  const seconds = Math.max(0, Math.floor((view.now - view.activeSince) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The call's state, duration and message (a polite live region). */
export function callStatus(view: CallControlsView): TemplateResult {
  const { state } = view;
  return html`<div part="status" class="status" role="status" aria-live="polite">
    <span class="state" data-state=${state.name}>${callStrings().callStates[state.name]}</span>
    ${state.name === 'active' || state.name === 'held' ? html`<time>${duration(view)}</time>` : nothing}
    ${state.message && state.name !== 'ended' ? html`<span class="message">${(state.reason && callStrings().callReasons[state.reason]) || state.message}</span>` : nothing}
  </div>`;
}

/** The controls and keypad for a call in progress. */
export function callControls(view: CallControlsView): TemplateResult {
  const { call, state, muted } = view;
  const held = state.name === 'held';
  const live = state.name === 'active' || held;
  return html`
    <div class="controls">
      <meter part="level" min="0" max="1" .value=${view.level} aria-label=${callStrings().micLevel}></meter>
      <button part="mute" aria-pressed=${muted ? 'true' : 'false'} ?disabled=${!live}
        @click=${() => call?.setMuted(!muted)}>${muted ? callStrings().unmute : callStrings().mute}</button>
      <button part="hold" aria-pressed=${held ? 'true' : 'false'} ?disabled=${!live}
        @click=${() => void call?.setHeld(!held).catch((error: Error) => view.fail({ code: 'server-error', message: error.message }))}>${held ? callStrings().resume : callStrings().hold}</button>
      <button part="dialpad" aria-expanded=${view.dialpadOpen ? 'true' : 'false'} aria-controls="keypad" ?disabled=${state.name !== 'active'}
        @click=${view.toggleDialpad}>${callStrings().dialpad}</button>
      <button part="hangup" class="hangup" @click=${() => void call?.hangup()}>${callStrings().hangup}</button>
    </div>
    <div id="keypad" class="keypad" role="group" aria-label=${callStrings().dialpad} ?hidden=${!view.dialpadOpen || state.name !== 'active'}>
      ${KEYS.map((key) => html`<button part="key" @click=${() => void call?.sendDtmf(key)}>${key}</button>`)}
    </div>
  `;
}

/**
 * The call bar of `<omni-call-button layout="bar">`: the call's status and, while it lasts, its
 * controls, in one full-width strip (the chat shows it below its header). Loads with the calling
 * chunk, like the inline controls.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { callControls, callStatus, type CallControlsView } from './call-controls.js';

/** States in which the bar shows: a call in progress, or one that failed or dropped (its reason stays readable). */
const SHOWN = new Set(['connecting', 'ringing', 'active', 'held', 'reconnecting', 'dropped', 'error']);

/** The bar for a call, or nothing when there is no call to show. */
export function callBar(view: CallControlsView, busy: boolean): TemplateResult | typeof nothing {
  if (!view.call || !SHOWN.has(view.state.name)) return nothing;
  return html`<div class="bar" part="bar" data-state=${view.state.name}>${callStatus(view)}${busy ? callControls(view) : nothing}</div>`;
}

/** The lazy chunk behind `loadCalling()`: the calling module (sip.js included), the in-call controls and the call bar. */
export * from '../../calling/index.js';
export { callControls, callStatus, type CallControlsView } from './call-controls.js';
export { callBar } from './call-bar.js';

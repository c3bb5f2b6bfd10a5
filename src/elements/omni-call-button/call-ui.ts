/** The lazy chunk behind `loadCalling()`: the calling module (sip.js included) and the in-call controls. */
export * from '../../calling/index.js';
export { callControls, callStatus, type CallControlsView } from './call-controls.js';

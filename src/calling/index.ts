/** `omni-widget/calling` (the lazy chunk): calls, the agent phone, quality and preflight. */
export { Call, RECOVERY_BOUND_MS, type PlaceCallOptions } from './call.js';
export { AgentPhone, type IncomingCall, type PhoneState } from './agent-phone.js';
export { SipLine, fetchSipCredentials, type SipCredentials } from './sip-line.js';
export { QualitySampler, estimateMos, QUALITY_THRESHOLDS, type CallQuality } from './quality.js';
export { preflight, type PreflightResult, type PreflightCheck } from './preflight.js';
export { canTransition, isFinal, reasonMessages, type CallState, type CallStateName, type CallReason } from './call-state.js';

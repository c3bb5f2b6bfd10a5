/** `omni-widget/elements`: the element classes (no tag registration; see `omni-widget/define`). */
export { OmniChat } from './omni-chat/omni-chat.js';
export { OmniConversation } from './omni-conversation/omni-conversation.js';
export { OmniConversationList } from './omni-conversation-list/omni-conversation-list.js';
export { OmniCallButton, loadCalling } from './omni-call-button/omni-call-button.js';
export { OmniAttachment } from './omni-attachment/omni-attachment.js';
export { OmniAgentConsole } from './omni-agent-console/omni-agent-console.js';
export { OmniSupervisorDashboard } from './omni-supervisor-dashboard/omni-supervisor-dashboard.js';
export { StoreController } from './shared/store-controller.js';
export { sessionContext } from './shared/session-context.js';
export { setStrings, strings, type OmniStrings } from './shared/strings.js';
export type { OmniEventMap, OmniMessageDetail, OmniCallStateDetail, OmniOpenChangeDetail, OmniConversationSelectDetail } from './shared/events.js';
export type { OmniErrorInfo } from '../core/protocol.js';
export { define } from './shared/define-element.js';

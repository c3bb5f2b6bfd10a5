/** Registers the agent elements too: `<omni-conversation-list>` and `<omni-agent-console>`. */
import { define } from './define.js';
import { OmniAgentConsole } from './elements/omni-agent-console/omni-agent-console.js';
import { OmniConversationList } from './elements/omni-conversation-list/omni-conversation-list.js';

define('omni-conversation-list', OmniConversationList);
define('omni-agent-console', OmniAgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'omni-conversation-list': OmniConversationList;
    'omni-agent-console': OmniAgentConsole;
  }
}

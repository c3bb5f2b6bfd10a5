/** Registers the agent elements too: `<omni-conversation-list>`, `<omni-agent-console>` and `<omni-supervisor-dashboard>`. */
import { define } from './define.js';
import { OmniAgentConsole } from './elements/omni-agent-console/omni-agent-console.js';
import { OmniConversationList } from './elements/omni-conversation-list/omni-conversation-list.js';
import { OmniSupervisorDashboard } from './elements/omni-supervisor-dashboard/omni-supervisor-dashboard.js';

define('omni-conversation-list', OmniConversationList);
define('omni-agent-console', OmniAgentConsole);
define('omni-supervisor-dashboard', OmniSupervisorDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'omni-conversation-list': OmniConversationList;
    'omni-agent-console': OmniAgentConsole;
    'omni-supervisor-dashboard': OmniSupervisorDashboard;
  }
}

/**
 * Script-tag entry for the agent side (dist-cdn/omni-agent.js): everything the guest bundle has,
 * plus the agent console elements and the agent's slash-command parser.
 */
import './cdn.js';
import './define-agent.js';
import { parseAgentCommand } from './messaging/agent-commands.js';

window.OmniWidget = { ...window.OmniWidget, parseAgentCommand };

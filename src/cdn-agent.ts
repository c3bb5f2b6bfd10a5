/**
 * Script-tag entry for the agent side (dist-cdn/omni-agent.js): everything the guest bundle has,
 * plus the agent console elements.
 */
import './cdn.js';
import './define-agent.js';

/** The `@lit/context` key through which nested elements find their session. */
import { createContext } from '@lit/context';
import type { OmniSession } from '../../core/session.js';

/** Provided by `<omni-chat>` and `<omni-agent-console>`; without a provider elements use the default session. */
export const sessionContext = createContext<OmniSession | undefined>(Symbol('omni-session'));

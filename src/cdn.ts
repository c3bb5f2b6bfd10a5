/**
 * Script-tag entry (dist-cdn/omni-widget.js): registers the guest elements and exposes the
 * public API as `window.OmniWidget` (calling through `OmniWidget.loadCalling()`, a lazy chunk),
 * for pages that embed the widget without a bundler.
 */
import './define.js';
import * as core from './core/index.js';
import * as messaging from './messaging/index.js';
import { loadCalling } from './elements/omni-call-button/omni-call-button.js';
import { setStrings } from './elements/shared/strings.js';

/** What `window.OmniWidget` holds. */
export const OmniWidget = { ...core, ...messaging, loadCalling, setStrings, version: '0.1.0' } as const;

declare global {
  interface Window {
    /** The omni-widget API, when loaded from the script-tag bundle. */
    OmniWidget: typeof OmniWidget;
  }
}

window.OmniWidget = OmniWidget;

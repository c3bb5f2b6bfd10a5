/**
 * Shared steps of the chat forms' browser tests: an integration configured through the API key,
 * a guest's `<omni-chat>` on it, business hours that are closed now, and axe-core.
 */
import { fixture, html } from '@open-wc/testing';
import { api, customerToken, testServer, uniqueId } from './server.js';
import type { BusinessHours, IntegrationSettingsRequest } from '../../src/core/protocol.js';
import '../../src/define.js';
import type { OmniChat } from '../../src/elements/omni-chat/omni-chat.js';

/** A new integration (queue `support`) with these settings; returns its id. */
export async function integrationWith(settings: IntegrationSettingsRequest): Promise<string> {
  const id = uniqueId('forms').replace(/[^A-Za-z0-9_-]/g, '_');
  const { apiKey } = testServer();
  await api(apiKey, 'POST', '/v1/integrations', { id, name: 'Pedal & Co.', queue: 'support' });
  await api(apiKey, 'PUT', `/v1/integrations/${id}/settings`, settings);
  return id;
}

/** Hours that are closed now: open one minute a week, on a day that is not today. */
export function closedHours(): BusinessHours {
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  return { timeZone: 'UTC', weekly: { [days[(new Date().getUTCDay() + 3) % 7]!]: [{ open: '10:00', close: '10:01' }] }, holidays: [] };
}

/** A guest's chat on the integration (open unless told), as a page would embed it. */
export function guestChat(integrationId: string, customerId: string, open = true): Promise<OmniChat> {
  return fixture<OmniChat>(html`<omni-chat ?open=${open} server-url=${testServer().serverUrl} integration-id=${integrationId}
    .jwtProvider=${() => customerToken(customerId, { integrationId, displayName: 'Guest 7' })}></omni-chat>`);
}

/** The chat's shadow root. */
export const panelOf = (chat: OmniChat): ShadowRoot => chat.shadowRoot!;

/** The conversation element inside the chat. */
export const conversationOf = (chat: OmniChat) => chat.shadowRoot!.querySelector('omni-conversation')!;

/** The element focused inside the chat's shadow root. */
export const focusedIn = (chat: OmniChat): Element | null => chat.shadowRoot!.activeElement;

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }
declare global {
  interface Window {
    axe?: { run(context: Element, options: unknown): Promise<AxeResult> };
  }
}

/** Loads axe-core into the test page (once). */
export async function loadAxe(): Promise<void> {
  if (window.axe) return;
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
}

/** WCAG 2.1 A/AA violations under `element`, one line each. */
export async function violations(element: Element): Promise<string[]> {
  const result = await window.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

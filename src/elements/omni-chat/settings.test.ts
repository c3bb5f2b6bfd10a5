/// <reference types="mocha" />
// <omni-chat> set from the server: an integration created and configured with the API key shows
// its team name, avatar, availability line, greeting (as the first message) and brand colour
// (with readable text on it); a change shows on the next page load; the site's own
// --omni-color-accent still wins.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { api, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import type { IntegrationSettingsRequest } from '../../core/protocol.js';
import '../../define.js';
import type { OmniChat } from './omni-chat.js';

const shadow = (chat: OmniChat) => chat.shadowRoot!;
const inner = (chat: OmniChat) => shadow(chat).querySelector('omni-conversation')!.shadowRoot!;

async function integration(settings: IntegrationSettingsRequest): Promise<string> {
  const id = uniqueId('shop').replace(/[^A-Za-z0-9_-]/g, '_');
  const { apiKey } = testServer();
  await api(apiKey, 'POST', '/v1/integrations', { id, name: 'Shop', queue: 'support' });
  await api(apiKey, 'PUT', `/v1/integrations/${id}/settings`, settings);
  return id;
}

async function mount(integrationId: string, style = ''): Promise<OmniChat> {
  const customerId = uniqueId('guest');
  return fixture<OmniChat>(html`<omni-chat open style=${style} server-url=${testServer().serverUrl} integration-id=${integrationId}
    .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
}

describe('<omni-chat> settings from the server', () => {
  it('shows the team name, avatar, availability, greeting and brand colour', async () => {
    const id = await integration({ teamName: 'Pedal & Co. <support>', greeting: 'Hi! Ask us about <b>bikes</b>.', accentColor: '#ffd400', avatarUrl: '/avatar.png' });
    const chat = await mount(id);
    await waitUntil(() => shadow(chat).querySelector('h2')!.textContent === 'Pedal & Co. <support>', 'team name as text', { timeout: 10000 });
    expect(shadow(chat).querySelector('[part="availability"]')!.textContent).to.contain('We usually reply');
    expect(shadow(chat).querySelector<HTMLImageElement>('[part="avatar"]')!.getAttribute('src')).to.equal('/avatar.png');
    await waitUntil(() => inner(chat).querySelector('[part~="greeting"]'), 'greeting', { timeout: 10000 });
    const greeting = inner(chat).querySelector('[part~="greeting"]')!;
    expect(greeting.querySelector('.bubble')!.textContent).to.equal('Hi! Ask us about <b>bikes</b>.');
    expect(greeting.querySelector('b')).to.equal(null, 'rendered as text');
    expect(greeting.querySelector('.author')!.textContent).to.equal('Pedal & Co. <support>');
    const header = getComputedStyle(shadow(chat).querySelector('header')!);
    expect(header.backgroundColor).to.equal('rgb(255, 212, 0)');
    expect(header.color).to.equal('rgb(0, 0, 0)', 'black text on a light brand colour');
  });

  it('says when the team is back outside business hours', async () => {
    // Open one minute a week, on a day that is not today: closed now, back on that day.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const other = days[(new Date().getUTCDay() + 3) % 7]!;
    const id = await integration({ businessHours: { timeZone: 'UTC', weekly: { [other]: [{ open: '10:00', close: '10:01' }] }, holidays: [] } });
    const chat = await mount(id);
    await waitUntil(() => shadow(chat).querySelector('[part="availability"]')?.textContent?.includes("We're back"), 'back at', { timeout: 10000 });
  });

  it('shows a change on the next load, and the site accent still wins', async () => {
    const id = await integration({ teamName: 'Before', accentColor: '#0b6e4f' });
    const first = await mount(id);
    await waitUntil(() => shadow(first).querySelector('h2')!.textContent === 'Before', 'first', { timeout: 10000 });
    first.remove();
    await api(testServer().apiKey, 'PUT', `/v1/integrations/${id}/settings`, { teamName: 'After', accentColor: '#0b6e4f' });
    const second = await mount(id, '--omni-color-accent: rgb(1, 2, 3)');
    await waitUntil(() => shadow(second).querySelector('h2')!.textContent === 'After', 'changed', { timeout: 10000 });
    expect(getComputedStyle(shadow(second).querySelector('header')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

describe('<omni-chat> on a phone, and its transcript', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('fills a phone screen while open, with the launcher hidden; closes with the header button', async () => {
    await setViewport({ width: 375, height: 667 });
    const chat = await mount('demo');
    const panel = shadow(chat).querySelector<HTMLElement>('[part="panel"]')!;
    await waitUntil(() => panel.getBoundingClientRect().width === 375, 'full width', { timeout: 10000 });
    expect(Math.round(panel.getBoundingClientRect().height)).to.equal(667);
    expect(getComputedStyle(shadow(chat).querySelector('[part="launcher"]')!).display).to.equal('none');
    shadow(chat).querySelector<HTMLButtonElement>('[part="close"]')!.click();
    await chat.updateComplete;
    expect(chat.open).to.equal(false);
    expect(getComputedStyle(shadow(chat).querySelector('[part="launcher"]')!).display).not.to.equal('none');
  });

  it('downloads the conversation as a file, with the token in a header, not the URL', async () => {
    const chat = await mount('demo');
    const input = () => inner(chat).querySelector<HTMLTextAreaElement>('textarea')!;
    await waitUntil(() => !input().disabled, 'ready', { timeout: 10000 });
    input().value = 'Keep a copy of this <b>please</b>';
    input().dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    inner(chat).querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await waitUntil(() => inner(chat).querySelector('[part~="own"].sent'), 'sent', { timeout: 10000 });
    const downloads: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this);
    };
    try {
      shadow(chat).querySelector<HTMLButtonElement>('[part="transcript"]')!.click();
      await waitUntil(() => downloads.length === 1, 'download started', { timeout: 10000 });
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const [link] = downloads;
    expect(link!.download).to.match(/\.html$/);
    const text = await (await fetch(link!.href)).text();
    expect(text).to.contain('Keep a copy of this &lt;b&gt;please&lt;/b&gt;');
  });
});

/// <reference types="mocha" />
// <omni-conversation-list> in real Chromium with a session whose conversations are set by the test
// (no routing decides anything here): the filters by state and assignee with their counts, search by
// name, email or phone, names instead of ids, typing per row, and axe in light and dark.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { testServer } from '../../../test/browser/server.js';
import type { Conversation, Participant } from '../../core/protocol.js';
import { createSession, type OmniSession } from '../../core/session.js';
import { conversationsOf } from '../../messaging/conversations.js';
import '../../define-agent.js';
import { guestCode } from './customer-name.js';
import type { OmniConversationList } from './omni-conversation-list.js';

const me: Participant = { id: 'agent:me', role: 'agent', displayName: 'Me' };
const alex: Participant = { id: 'agent:alex', role: 'agent', displayName: 'Alex Doe' };

let n = 0;
/** A conversation as the server lists it; newer ones get later times. */
function conversation(customer: Partial<Participant> & { id: string }, extra: Partial<Conversation> = {}): Conversation {
  n += 1;
  return {
    id: `conv_00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    integrationId: 'demo',
    queue: 'support',
    customer: { role: 'customer', ...customer },
    createdAt: new Date(Date.UTC(2026, 10, 25, 9, n)).toISOString(),
    lastSeq: 1,
    readSeq: 0,
    otherReadSeq: 0,
    unreadCount: 0,
    ...extra,
  };
}

async function listWith(conversations: Conversation[]): Promise<{ list: OmniConversationList; session: OmniSession }> {
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: async () => 'unused', cache: false, shareConnection: false });
  conversationsOf(session).set(Object.fromEntries(conversations.map((c) => [c.id, c])));
  session.$participant.set(me);
  const list = await fixture<OmniConversationList>(html`<omni-conversation-list style="height: 400px" .session=${session}></omni-conversation-list>`);
  return { list, session };
}

const names = (list: OmniConversationList) => [...list.shadowRoot!.querySelectorAll('[role="option"] .name')].map((el) => el.textContent);
const filterButton = (list: OmniConversationList, filter: string) => list.shadowRoot!.querySelector<HTMLButtonElement>(`[data-filter="${filter}"]`)!;

describe('<omni-conversation-list> filters, search and names', () => {
  const dana = conversation({ id: 'customer:demo:dana', displayName: 'Dana Scully' }, { state: 'assigned', assignee: me, unreadCount: 2 });
  const fox = conversation({ id: 'customer:demo:fox', displayName: 'Guest' }, { state: 'assigned', assignee: alex, contact: { name: 'Fox Mulder', email: 'fox@fbi.example' } });
  const guest = conversation({ id: 'customer:demo:g-7f3a9c' }, { state: 'open' });
  const mailOnly = conversation({ id: 'customer:demo:m1', displayName: 'Guest' }, { state: 'open', contact: { email: 'walter@skinner.example', phone: '+1 555 0100' } });
  const done = conversation({ id: 'customer:demo:done', displayName: 'Monica' }, { state: 'resolved', assignee: me });
  const old = conversation({ id: 'customer:demo:old', displayName: 'Old Server' }); // no state: an older server, read as open

  it('shows names, never ids: the pre-chat name, the display name, the email, else "Guest" and a short code', async () => {
    const { list } = await listWith([dana, fox, guest, mailOnly, done, old]);
    expect(names(list)).to.deep.equal(['Old Server', 'walter@skinner.example', `Guest ${guestCode(guest.customer.id)}`, 'Fox Mulder', 'Dana Scully']);
    expect(list.shadowRoot!.textContent).not.to.contain('customer:demo');
    expect(guestCode(guest.customer.id)).to.match(/^[0-9A-Z]{4}$/);
    expect(guestCode('customer:demo:other')).not.to.equal(guestCode(guest.customer.id));
    // Another agent's conversation says whose it is, by name.
    const foxRow = list.shadowRoot!.querySelector(`[data-id="${fox.id}"]`)!;
    expect(foxRow.textContent).to.contain('Assigned to Alex Doe');
  });

  it('filters mine, unassigned, all (not resolved) and resolved, with counts, from the keyboard', async () => {
    const { list } = await listWith([dana, fox, guest, mailOnly, done, old]);
    const counts = () => ['mine', 'unassigned', 'all', 'resolved'].map((f) => filterButton(list, f).querySelector('.count')!.textContent);
    expect(counts()).to.deep.equal(['1', '3', '5', '1']);
    expect(filterButton(list, 'all').getAttribute('aria-pressed')).to.equal('true');
    filterButton(list, 'mine').click();
    await list.updateComplete;
    expect(names(list)).to.deep.equal(['Dana Scully']);
    expect(filterButton(list, 'mine').getAttribute('aria-pressed')).to.equal('true');
    filterButton(list, 'unassigned').click();
    await list.updateComplete;
    expect(names(list)).to.deep.equal(['Old Server', 'walter@skinner.example', `Guest ${guestCode(guest.customer.id)}`]);
    filterButton(list, 'resolved').click();
    await list.updateComplete;
    expect(names(list)).to.deep.equal(['Monica']);
    expect(list.getAttribute('filter')).to.equal('resolved');
  });

  it('searches by name, email or phone in any case, and says when nothing matches', async () => {
    const { list } = await listWith([dana, fox, guest, mailOnly, done, old]);
    const search = list.shadowRoot!.querySelector<HTMLInputElement>('[part="search"]')!;
    const type = async (text: string) => {
      search.value = text;
      search.dispatchEvent(new Event('input'));
      await list.updateComplete;
    };
    await type('MULDER');
    expect(names(list)).to.deep.equal(['Fox Mulder']);
    await type('fbi.example');
    expect(names(list)).to.deep.equal(['Fox Mulder']);
    await type('555 0100');
    expect(names(list)).to.deep.equal(['walter@skinner.example']);
    await type('nobody');
    expect(names(list)).to.deep.equal([]);
    expect(list.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('No conversations match.');
    await type('');
    expect(names(list)).to.have.length(5);
  });

  it('shows "typing…" instead of the preview while the customer types', async () => {
    const { list, session } = await listWith([dana, guest]);
    const row = () => list.shadowRoot!.querySelector(`[data-id="${guest.id}"]`)!;
    expect(row().querySelector('[part="typing"]')).to.equal(null);
    const receive = (frame: unknown) => (session as unknown as { receive(frame: unknown): void }).receive(frame);
    receive({ type: 'typing', conversationId: guest.id, participant: guest.customer, active: true });
    await waitUntil(() => row().querySelector('[part="typing"]'), 'typing shown');
    expect(list.shadowRoot!.querySelector(`[data-id="${dana.id}"] [part="typing"]`)).to.equal(null);
    receive({ type: 'typing', conversationId: guest.id, participant: guest.customer, active: false });
    await waitUntil(() => !row().querySelector('[part="typing"]'), 'typing gone');
  });

  it('moves a conversation between filters live on queued, assigned and pending events', async () => {
    const waiting = conversation({ id: 'customer:demo:wait', displayName: 'Wanda Waiting' }, { state: 'open' });
    const { list, session } = await listWith([waiting]);
    const signal = (event: Record<string, unknown>) =>
      (session as unknown as { signal(signal: unknown): void }).signal({ type: 'event', event: { conversationId: waiting.id, createdAt: new Date().toISOString(), ...event } });
    const shownIn = async (filter: 'mine' | 'unassigned' | 'all' | 'resolved') => {
      list.filter = filter;
      await list.updateComplete;
      return list.visible.some((c) => c.id === waiting.id);
    };
    expect(await shownIn('unassigned')).to.equal(true);
    signal({ seq: 2, type: 'assigned', author: { id: 'system', role: 'system' }, assignee: me, queue: 'support' });
    expect(await shownIn('mine')).to.equal(true);
    expect(await shownIn('unassigned')).to.equal(false);
    signal({ seq: 3, type: 'pending', author: me });
    expect(await shownIn('mine')).to.equal(true);
    signal({ seq: 4, type: 'assigned', author: me, assignee: alex, queue: 'support', transferredFrom: me });
    expect(await shownIn('mine')).to.equal(false);
    expect(await shownIn('all')).to.equal(true);
    expect(list.shadowRoot!.querySelector(`[data-id="${waiting.id}"]`)!.textContent).to.contain('Assigned to Alex Doe');
    signal({ seq: 5, type: 'queued', author: { id: 'system', role: 'system' }, queue: 'support', reason: 'requeued' });
    expect(await shownIn('unassigned')).to.equal(true);
    // An older event replayed later changes nothing.
    signal({ seq: 4, type: 'assigned', author: me, assignee: alex, queue: 'support' });
    expect(await shownIn('unassigned')).to.equal(true);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations with filters, search and rows (${theme})`, async () => {
      await loadAxe();
      const { list } = await listWith([dana, fox, guest]);
      list.setAttribute('theme', theme);
      await list.updateComplete;
      expect(await violations(list)).to.deep.equal([]);
    });
  }
});

/// <reference types="mocha" />
// The one call state machine: legal transitions only, final states, SIP status to reason.
import { expect } from '@open-wc/testing';
import { parseDestination, destinationUri } from '../core/destination.js';
import { canTransition, isFinal, reasonMessages, reasonOfStatus } from './call-state.js';

describe('call state (unit)', () => {
  it('allows the happy path and hold, and nothing out of a final state', () => {
    expect(['connecting', 'ringing', 'active', 'held', 'active', 'ended'].every((to, i, path) => i === 0 || canTransition(path[i - 1] as never, to as never))).to.equal(true);
    expect(canTransition('idle', 'connecting')).to.equal(true);
    expect(canTransition('ended', 'active')).to.equal(false);
    expect(canTransition('idle', 'held')).to.equal(false);
    expect(isFinal('ended') && isFinal('dropped') && isFinal('error')).to.equal(true);
    expect(isFinal('reconnecting')).to.equal(false);
  });

  it('maps SIP statuses to stable reasons with messages', () => {
    expect(reasonOfStatus(480)).to.equal('no-agent-available');
    expect(reasonOfStatus(486)).to.equal('busy');
    expect(reasonOfStatus(403)).to.equal('forbidden');
    for (const status of [400, 404, 480, 486, 487, 500, 503, 603]) expect(reasonMessages[reasonOfStatus(status)]).to.be.a('string');
  });

  it('reads destinations: queue names and SIP URIs, nothing else', () => {
    expect(parseDestination('support')).to.deep.equal({ kind: 'queue', queue: 'support' });
    expect(destinationUri(parseDestination('support')!, 'omni.test')).to.equal('sip:support@omni.test');
    expect(parseDestination('sip:sales@pbx.example.com')).to.deep.equal({ kind: 'uri', uri: 'sip:sales@pbx.example.com' });
    expect(parseDestination('sips:[::1]:5061;transport=ws')?.kind).to.equal('uri');
    for (const bad of ['', 'support desk', 'javascript:alert(1)', 'sip:', '<sip:a@b>', 'a'.repeat(65)]) expect(parseDestination(bad), bad).to.equal(undefined);
  });
});

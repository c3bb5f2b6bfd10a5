// One conformance suite for every storage engine (SQLite and PostgreSQL, on a throwaway cluster):
// every Store method, and races between two stores on one database. An engine passes only by
// behaving exactly like the others.
import { after, afterEach, before, describe } from 'node:test';
import { agentCases } from './store-conformance-agents.js';
import { storeEnginesUnderTest } from './store-conformance-engines.js';
import { lifecycleCases } from './store-conformance-lifecycle.js';
import { messageCases } from './store-conformance-messages.js';
import { routingCases } from './store-conformance-routing.js';
import { noteCases } from './store-conformance-notes.js';
import { visitorCases } from './store-conformance-visitors.js';

for (const engine of storeEnginesUnderTest()) {
  describe(`store conformance: ${engine.name}`, () => {
    before(() => engine.start());
    afterEach(() => engine.closeStores());
    after(() => engine.stop());
    messageCases(engine);
    lifecycleCases(engine);
    agentCases(engine);
    routingCases(engine);
    noteCases(engine);
    visitorCases(engine);
  });
}

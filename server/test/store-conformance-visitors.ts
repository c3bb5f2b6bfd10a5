/** Conformance cases of the `Store` contract: the customer panel's visitor reports (one per customer, replaced on each report). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';

/** Registers the visitor cases for `engine`. */
export function visitorCases(engine: StoreEngineUnderTest): void {
  it('keeps one visitor report per customer, the newest, with or without a time zone', async () => {
    const { store } = await freshStore(engine);
    assert.equal(await store.getVisitor('customer:demo:ann'), undefined);
    const first = { customerId: 'customer:demo:ann', verified: false, url: 'https://shop.example/a', title: 'Bikes – Shop ✓', timeZone: 'Europe/Berlin', updatedAt: '2026-11-25T10:00:00.000Z' };
    await store.saveVisitor(first);
    assert.deepEqual(await store.getVisitor(first.customerId), first);
    const second = { customerId: first.customerId, verified: true, url: 'https://shop.example/b#top', title: '', updatedAt: '2026-11-25T10:01:00.000Z' };
    await store.saveVisitor(second);
    assert.deepEqual(await store.getVisitor(first.customerId), second, 'replaced, and the time zone is gone with the report that lacked it');
    await store.saveVisitor({ ...first, customerId: 'customer:demo:bo' });
    assert.deepEqual(await store.getVisitor(first.customerId), second, 'another customer does not touch it');
  });
}

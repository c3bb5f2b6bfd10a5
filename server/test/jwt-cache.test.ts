// The token issuer's cache of verified tokens: a remembered token still expires on time, a token
// differing from a remembered one in a single signature byte is refused, and an agent's record is
// consulted on every call, cached or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenIssuer, type AgentRecordView } from '../auth/jwt.js';
import { CredentialError } from '../domain-error.js';
import { statusOf } from '../http/errors.js';

const SECRET = 'a-test-secret-of-reasonable-length-0123456789';
const customer = { integrationId: 'demo', customerId: 'c1', verifiedCustomer: false };

/** Asserts that verifying `jwt` fails with this HTTP status and code. */
async function refused(issuer: TokenIssuer, jwt: string, status: number, code: string): Promise<void> {
  await assert.rejects(issuer.verify(jwt), (error: unknown) => {
    assert.ok(error instanceof CredentialError, 'a CredentialError');
    assert.equal(statusOf(error), status);
    assert.equal(error.code, code);
    return true;
  });
}

/** The number of tokens the issuer remembers (a private field, read only to prove the cache is in play). */
const cached = (issuer: TokenIssuer): number => (issuer as unknown as { verified: Map<string, unknown> }).verified.size;

/** The token with one byte of its signature flipped (re-encoded, so the text is a well-formed JWT). */
function flipSignatureByte(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const bytes = Buffer.from(signature!, 'base64url');
  bytes[5] ^= 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

test('a cached token is verified from the cache and still expires on time', async () => {
  const issuer = new TokenIssuer(SECRET);
  const { jwt, expiresAt } = await issuer.issueCustomer(customer, 2); // 2 s: exp is whole seconds, 1 s could leave only ms
  const first = await issuer.verify(jwt);
  assert.equal(first.participant.id, 'customer:demo:c1');
  assert.equal(cached(issuer), 1);
  // A caller changing what it was given does not change what the next request gets.
  first.participant.id = 'customer:demo:someone-else';
  first.queues.push('support');
  const second = await issuer.verify(jwt);
  assert.equal(second.participant.id, 'customer:demo:c1');
  assert.deepEqual(second.queues, []);
  assert.equal(second.expiresAt.getTime(), expiresAt.getTime());
  // Past its exp, the remembered entry is not used: the token is refused as expired.
  await sleep(expiresAt.getTime() - Date.now() + 50);
  await refused(issuer, jwt, 401, 'token-expired');
  assert.equal(cached(issuer), 0);
  await refused(issuer, jwt, 401, 'token-expired');
});

test('a token with a flipped signature byte is refused even after the valid one was cached', async () => {
  const issuer = new TokenIssuer(SECRET);
  const { jwt } = await issuer.issueCustomer(customer, 900);
  await issuer.verify(jwt);
  await issuer.verify(jwt);
  assert.equal(cached(issuer), 1);
  const forged = flipSignatureByte(jwt);
  assert.notEqual(forged, jwt);
  await refused(issuer, forged, 401, 'unauthorized');
  await refused(issuer, forged, 401, 'unauthorized');
  // Same claims signed with another key: refused too; the valid token still holds.
  const { jwt: foreign } = await new TokenIssuer(`${SECRET}-other`).issueCustomer(customer, 900);
  await refused(issuer, foreign, 401, 'unauthorized');
  assert.equal(cached(issuer), 1);
  assert.equal((await issuer.verify(jwt)).participant.id, 'customer:demo:c1');
});

test('an agent token consults the agent record on every call, cached or not', async () => {
  const record: AgentRecordView = { name: 'Ada', queues: ['support', 'sales'], role: 'agent', enabled: true };
  let lookups = 0;
  const issuer = new TokenIssuer(SECRET, async (agentId) => {
    lookups += 1;
    return agentId === 'a1' ? { ...record, queues: [...record.queues] } : undefined;
  });
  const { jwt } = await issuer.issueAgent({ agentId: 'a1', queues: ['support', 'sales'] }, 900);
  assert.deepEqual((await issuer.verify(jwt)).queues, ['support', 'sales']);
  assert.equal(cached(issuer), 1);
  // The record narrows the queues at once.
  record.queues = ['support'];
  const narrowed = await issuer.verify(jwt);
  assert.deepEqual(narrowed.queues, ['support']);
  assert.equal(narrowed.supervisor, false);
  record.role = 'supervisor';
  assert.equal((await issuer.verify(jwt)).supervisor, true);
  // A disabled agent is refused on its next request, though its token is remembered.
  record.enabled = false;
  await refused(issuer, jwt, 403, 'agent-disabled');
  record.enabled = true;
  assert.equal((await issuer.verify(jwt)).participant.displayName, 'Ada');
  assert.equal(lookups, 5);
  // An agent token for an agent the server doesn't know.
  const { jwt: stranger } = await issuer.issueAgent({ agentId: 'nobody', queues: ['support'] }, 900);
  await refused(issuer, stranger, 401, 'unauthorized');
});

test('the cache stays bounded', async () => {
  const issuer = new TokenIssuer(SECRET);
  const tokens = await Promise.all(
    Array.from({ length: 10_050 }, (_, index) => issuer.issueCustomer({ ...customer, customerId: `c${index}` }, 900)),
  );
  for (const { jwt } of tokens) await issuer.verify(jwt);
  assert.ok(cached(issuer) <= 10_000, `at most 10,000 remembered, got ${cached(issuer)}`);
  // The oldest went first, and still verifies (in full).
  assert.equal((await issuer.verify(tokens[0]!.jwt)).customerId, 'c0');
});

// Authentication is one hook driven by the contract's route table: every route the server
// registers gets exactly the credential its table entry names, before its body is read, and
// domain errors come back with the status of their code from the one mapping in http/errors.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Routes, type RouteKey } from '../../src/core/contract/index.js';
import { CredentialError, DomainError } from '../domain-error.js';
import { HttpError, STATUS_OF_CODE, statusOf } from '../http/errors.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

/** The table's routes this server registers, with their path parameters filled in. */
function registered(): Array<{ key: RouteKey; method: string; path: string }> {
  return (Object.keys(Routes) as RouteKey[]).flatMap((key) => {
    const [method, url] = key.split(' ') as [string, string];
    if (!t.server.app.hasRoute({ method: method as 'GET', url })) return [];
    return [{ key, method, path: url.replace(/:[a-z]+/gi, 'x1') }];
  });
}

test('every token route refuses a request without a bearer token with 401, before reading its body', async () => {
  const routes = registered().filter(({ key }) => Routes[key].auth === 'token');
  assert.ok(routes.length >= 15, `token routes found: ${routes.length}`);
  for (const { key, method, path } of routes) {
    // A body that is not even JSON: refused for want of a token, not for the body.
    const response = await t.request(method, path, { raw: method === 'GET' ? undefined : '{not json' });
    assert.equal(response.status, 401, key);
    assert.equal(response.body.error.code, 'unauthorized', key);
  }
});

test("every API-key route refuses a customer's token with 401", async () => {
  const jwt = await t.customer();
  const routes = registered().filter(({ key }) => Routes[key].auth === 'api-key');
  assert.ok(routes.length >= 12, `API-key routes found: ${routes.length}`);
  for (const { key, method, path } of routes) {
    const response = await t.request(method, path, { jwt, ...(method === 'GET' ? {} : { body: {} }) });
    assert.equal(response.status, 401, key);
    assert.match(response.body.error.message, /API key/, key);
  }
});

test('public routes answer without any credential', async () => {
  const routes = registered().filter(({ key }) => Routes[key].auth === 'public');
  assert.ok(routes.length >= 3, `public routes found: ${routes.length}`);
  for (const { key, method, path } of routes) {
    const response = await t.request(method, path.replace('/integrations/x1/', '/integrations/demo/'));
    assert.notEqual(response.status, 401, key);
    assert.ok(response.status < 500, key);
  }
});

test('a token route validates with the table (no schema of its own needed) once the caller is known', async () => {
  const jwt = await t.customer();
  const response = await t.request('POST', '/v1/conversations/not-an-id/read', { jwt, body: { seq: -1 } });
  assert.equal(response.status, 400);
  assert.equal(response.body.error.code, 'invalid-request');
});

test('domain errors map to HTTP statuses in one place', () => {
  assert.equal(statusOf(new DomainError('not-found', 'x')), 404);
  assert.equal(statusOf(new DomainError('conflict', 'x')), 409);
  assert.equal(statusOf(new DomainError('agent-disabled', 'x')), 409, 'a token asked for a disabled agent');
  assert.equal(statusOf(new CredentialError('agent-disabled', 'x')), 403, 'a disabled agent presenting its token');
  assert.equal(statusOf(new CredentialError('token-expired', 'x')), 401);
  assert.equal(statusOf(new HttpError(503, 'server-error', 'x')), 503);
  assert.equal(STATUS_OF_CODE['payload-too-large'], 413);
});

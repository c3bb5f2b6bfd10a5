/** Checks the `Authorization: Bearer <api key>` of backend-only routes in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { CredentialError } from '../domain-error.js';
import { BEARER } from './caller.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Returns a test that is true when the header carries the API key. */
export function apiKeyMatcher(apiKey: string): (authorization: string | undefined) => boolean {
  const expected = digest(apiKey);
  return (authorization) => {
    const presented = BEARER.exec(authorization ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(digest(presented), expected);
  };
}

/** Returns a checker that throws 401 unless the header carries the API key. */
export function apiKeyGuard(apiKey: string): (authorization: string | undefined) => void {
  const matches = apiKeyMatcher(apiKey);
  return (authorization) => {
    if (!matches(authorization)) {
      throw new CredentialError('unauthorized', 'A valid API key is required (Authorization: Bearer <api key>).');
    }
  };
}

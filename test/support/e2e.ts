/**
 * What every end-to-end file shares: requests to the real reference server as the element would
 * send them, unique account names, and hooks that give each test a fresh virtual authenticator, a
 * signed-out browser, a check that nothing rejected unhandled and one that no event detail holds
 * what the test typed or set up its accounts with.
 */
import { expect } from '@open-wc/testing';
import { authenticator } from './authenticator.js';
import { keepSecret, noSecretsInEvents } from './privacy.js';

/** Request fields that name a person or prove who they are. */
const PERSONAL = ['identifier', 'email', 'phone', 'password', 'code'];

/** An account made or a code checked behind the element's back is as secret as one typed into it. */
function keepSecretsOf(body: RequestInit['body']): void {
  if (typeof body !== 'string') return;
  try {
    const fields: unknown = JSON.parse(body);
    if (fields && typeof fields === 'object') for (const key of PERSONAL) keepSecret((fields as Record<string, unknown>)[key]);
  } catch {
    // not JSON: nothing personal to note
  }
}

let counter = 0;

/** A name no other test (or earlier run against the same server) has used. */
export const uniqueName = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

/** A request to the reference server, with the headers its CSRF checks ask for. */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  keepSecretsOf(init.body);
  return fetch(`/api/auth${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'passkey-login', ...init.headers },
  });
}

/** Registers the hooks; `fresh` runs before each test too (e.g. to clear storage). */
export function endToEnd(fresh: () => void = () => {}): void {
  noSecretsInEvents();
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  before(() => window.addEventListener('unhandledrejection', onUnhandled));
  after(() => window.removeEventListener('unhandledrejection', onUnhandled));
  beforeEach(async () => {
    fresh();
    await authenticator.add();
    // Each test starts signed out, whatever the previous one left.
    await api('/sign-out', { method: 'POST', body: '{}' });
  });
  afterEach(async () => {
    await authenticator.remove();
    expect(unhandled.splice(0), 'unhandled rejections').to.deep.equal([]);
  });
}

/**
 * A mock of the backend contract (README, "Backend contract") for element tests and Storybook.
 * Each operation answers from a scenario, so a test or story says what the server does, never
 * what state the element should be in.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { Operation } from '../../src/backend/config.js';
import { DEFAULT_ROUTES } from '../../src/backend/fallback-routes.js';

export type Reply =
  | { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** A body that is not JSON, e.g. an HTML error page from a proxy. */
  | { status?: number; raw: string; contentType: string; delayMs?: number }
  | { network: 'error' }
  | { hang: true };

export type Scenario = Partial<Record<Operation, Reply | Reply[]>>;

export const fixtures = {
  requestOptions: {
    challenge: 'dGVzdC1jaGFsbGVuZ2UtMTIzNDU2Nzg5MA',
    timeout: 300_000,
    rpId: location.hostname,
    userVerification: 'required',
    allowCredentials: [],
  },
  creationOptions: {
    challenge: 'Y3JlYXRlLWNoYWxsZW5nZS0xMjM0NTY3OA',
    timeout: 300_000,
    rp: { name: 'Example', id: location.hostname },
    user: { id: 'dXNlci1oYW5kbGUtMQ', name: 'ada@example.com', displayName: 'ada@example.com' },
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    attestation: 'none',
    excludeCredentials: [],
  },
  signIn: { user: { id: 'user-1', name: 'ada@example.com', displayName: 'Ada Lovelace' } },
  methods: { methods: ['passkey', 'email-code', 'sms-code', 'password'] },
  emailSent: { channel: 'email', destination: 'a•••@example.com', expiresIn: 600, resendAfter: 30, length: 6 },
  smsSent: { channel: 'sms', destination: '+49 ••• 12', expiresIn: 600, resendAfter: 30, length: 6 },
};

export const problem = (status: number, code: string, extra: { triesLeft?: number; retryAfter?: number } = {}): Reply => ({
  status,
  body: { type: 'about:blank', title: 'Problem', status, code, ...(extra.triesLeft === undefined ? {} : { triesLeft: extra.triesLeft }) },
  headers: {
    'Content-Type': 'application/problem+json',
    ...(extra.retryAfter === undefined ? {} : { 'Retry-After': String(extra.retryAfter) }),
  },
});

/** Everything succeeds; no session on load. */
export const happy: Required<Scenario> = {
  authenticationOptions: { body: fixtures.requestOptions },
  authenticationVerify: { body: fixtures.signIn },
  registrationOptions: { body: fixtures.creationOptions },
  registrationVerify: { body: fixtures.signIn },
  session: { body: { user: null } },
  signOut: { status: 204 },
  methods: { body: fixtures.methods },
  codeSend: { body: fixtures.emailSent },
  codeVerify: { body: fixtures.signIn },
  passwordSignIn: { body: fixtures.signIn },
  passwordSet: { status: 204 },
  recoveryRedeem: { body: { ...fixtures.signIn, recovery: true } },
  deviceRequest: { status: 201, body: { id: 'AAAAAAAAAAAAAAAAAAAAAA', code: '7KQ2-M9XD', expiresIn: 600, pollAfter: 2 } },
  deviceRequestStatus: { body: { status: 'pending', pollAfter: 2 } },
  passkeys: { body: { passkeys: [] } },
  deviceLookup: {
    body: { account: { name: 'ada@example.com' }, browser: 'Chrome', os: 'macOS', requestedAt: '2026-11-25T10:00:00.000Z', place: null, expiresIn: 540 },
  },
  deviceDecide: { body: { status: 'approved' } },
};

export interface Recorded {
  operation: Operation;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** msw handlers for `scenario` (falling back to `happy`), recording every request in `log`. */
export function backend(scenario: Scenario = {}, log: Recorded[] = [], base = '/api/auth'): HttpHandler[] {
  const calls = new Map<Operation, number>();
  return (Object.keys(DEFAULT_ROUTES) as Operation[]).map((operation) => {
    const { path, method } = DEFAULT_ROUTES[operation];
    const route = method === 'GET' ? http.get : http.post;
    // The contract's `{id}` path segments are msw's `:id`.
    return route(`${base}${path.replace(/\{(\w+)\}/g, ':$1')}`, async ({ request }) => {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // recorded as text
      }
      log.push({ operation, method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
      const configured = scenario[operation] ?? happy[operation];
      // A list answers one entry per call, repeating the last.
      const count = calls.get(operation) ?? 0;
      calls.set(operation, count + 1);
      const reply = Array.isArray(configured) ? configured[Math.min(count, configured.length - 1)]! : configured;
      return respond(reply);
    });
  });
}

async function respond(reply: Reply): Promise<Response> {
  if ('hang' in reply) {
    await delay('infinite');
    return HttpResponse.error();
  }
  if ('network' in reply) return HttpResponse.error();
  if (reply.delayMs) await delay(reply.delayMs);
  if ('raw' in reply) {
    return new HttpResponse(reply.raw, { status: reply.status ?? 200, headers: { 'Content-Type': reply.contentType } });
  }
  const status = reply.status ?? 200;
  if (status === 204 || reply.body === undefined) return new HttpResponse(null, { status, headers: reply.headers });
  return HttpResponse.json(reply.body as object, { status, headers: reply.headers });
}

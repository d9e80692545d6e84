/**
 * The backend client on its own: what goes over the wire, and what an adapter can say. A fetch
 * hook stands in for the network, so each test sees exactly the request made.
 */
import { expect } from '@open-wc/testing';
import { BackendClient, type Parse, type Result } from '../../src/backend/client.js';
import {
  BackendFailure,
  type BackendAdapter,
  type BackendConfig,
  type EndpointMap,
  type Operation,
  type RequestContext,
  type Route,
} from '../../src/backend/config.js';
import { DEFAULT_ROUTES } from '../../src/backend/fallback-routes.js';
import { failureFromResponse } from '../../src/backend/problem.js';
import { asRequestOptions, asSignInResult } from '../../src/backend/validate.js';
import type { Diagnostic } from '../../src/machine/types.js';
import { fixtures } from '../mocks/backend.js';

interface Sent {
  url: string;
  method: string;
  body: unknown;
}

function client(
  answer: (sent: Sent) => Response,
  { adapter, endpoints = {} }: { adapter?: BackendAdapter; endpoints?: EndpointMap } = {},
) {
  const sent: Sent[] = [];
  const notes: Array<{ code: Diagnostic; detail: string }> = [];
  const config: BackendConfig = {
    endpoint: '/api/auth',
    endpoints,
    headers: {},
    credentials: 'same-origin',
    timeoutMs: 2000,
    fetch: async (input, init) => {
      const request = { url: String(input), method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
      sent.push(request);
      return answer(request);
    },
    ...(adapter ? { adapter } : {}),
  };
  const notify = (code: Diagnostic, detail: string) => notes.push({ code, detail });
  const inner = new BackendClient(() => config, async (status, body, retryAfter) => failureFromResponse(status, body, retryAfter, notify), notify);
  // Each operation at its default route, as the element asks for it.
  const backend = {
    offers: (operation: Operation) => inner.offers(operation),
    request: <T>(operation: Operation, body: unknown, parse: Parse<T>, signal?: AbortSignal, route: Route = DEFAULT_ROUTES[operation]) =>
      inner.request(operation, body, parse, signal, route),
  };
  return { backend, sent, notes };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

describe('backend client: what goes over the wire', () => {
  it('a GET leaves fields without a value out of the query instead of sending "undefined"', async () => {
    const { backend, sent } = client(() => json({ methods: [] }), { endpoints: { methods: { method: 'GET' } } });
    await backend.request('methods', { identifier: 'ada', hint: undefined, locale: null, page: 2 }, (v) => v, undefined, { path: '/methods', method: 'POST' });
    expect(sent[0]!.url).to.equal('/api/auth/methods?identifier=ada&page=2');
  });

  it('a URL template leaves nothing undefined in the path either', async () => {
    const { backend, sent } = client(() => json({ status: 'pending' }));
    const result = await backend.request('deviceRequestStatus', {}, (v) => v, undefined, { path: '/device/request/{id}', method: 'GET' });
    expect(sent).to.deep.equal([]);
    expect(result).to.deep.include({ ok: false });
  });

  it('`path` hangs from `endpoint`; `url` is relative to the page', async () => {
    const { backend, sent } = client(() => json(fixtures.requestOptions), {
      endpoints: { authenticationOptions: { path: '/webauthn/options' }, session: { url: 'session.json' } },
    });
    await backend.request('authenticationOptions', {}, asRequestOptions);
    await backend.request('session', undefined, (v) => v);
    expect(sent.map((request) => request.url)).to.deep.equal(['/api/auth/webauthn/options', 'session.json']);
  });

  it('an operation turned off sends nothing and answers that it is off', async () => {
    const { backend, sent } = client(() => json({}), { endpoints: { signOut: false } });
    expect(backend.offers('signOut')).to.equal(false);
    expect(backend.offers('session')).to.equal(true);
    const result = await backend.request('signOut', {}, (v) => v);
    expect(sent).to.deep.equal([]);
    expect(result.ok).to.equal(false);
  });
});

describe('backend client: an adapter can say anything the contract can', () => {
  it('a response mapper turns a 2xx answer into a contract failure with BackendFailure', async () => {
    const adapter: BackendAdapter = {
      response(operation, body) {
        if (operation === 'authenticationVerify' && (body as { verified?: boolean }).verified === false) throw new BackendFailure('verification-failed');
        return body;
      },
    };
    const { backend, notes } = client(() => json({ verified: false }), { adapter });
    const result = await backend.request('authenticationVerify', {}, asSignInResult);
    expect(result).to.deep.equal({ ok: false, failure: { code: 'verification-failed' } });
    expect(notes, 'nothing blames the backend').to.deep.equal([]);
  });

  it('BackendFailure carries when to try again and tries left, and an HTTP status when given', async () => {
    const adapter: BackendAdapter = { response: () => { throw new BackendFailure('code-invalid', { triesLeft: 3, status: 422 }); } };
    const { backend } = client(() => json({ ok: false }), { adapter });
    expect(await backend.request('codeVerify', {}, (v) => v)).to.deep.equal({ ok: false, failure: { code: 'code-invalid', status: 422, triesLeft: 3 } });
  });

  it("a mapper that throws anything else is the adapter's fault, and the diagnostic says so", async () => {
    const adapter: BackendAdapter = { response: () => { throw new TypeError('x is undefined'); } };
    const { backend, notes } = client(() => json(fixtures.signIn), { adapter });
    const result = await backend.request('authenticationVerify', {}, asSignInResult);
    expect(result).to.deep.include({ ok: false });
    expect(notes.map((note) => note.code)).to.deep.equal(['adapter-threw']);
    expect(notes[0]!.detail).to.include('adapter.response').and.include('authenticationVerify');
  });

  it('mappers see the request that led to the answer: the contract body and what was sent', async () => {
    const seen: RequestContext[] = [];
    const adapter: BackendAdapter = {
      request: (operation, body) => (operation === 'codeVerify' ? { otp: (body as { code: string }).code } : body),
      response(_operation, body, _status, context) {
        seen.push(context);
        return body;
      },
      error(_operation, _body, _status, context) {
        seen.push(context);
        return { code: 'code-invalid' };
      },
    };
    const { backend } = client((request) => (request.body && (request.body as { otp: string }).otp === '1' ? json(fixtures.signIn) : json({ error: 'nope' }, 422)), { adapter });
    await backend.request('codeVerify', { code: '1' }, asSignInResult);
    await backend.request('codeVerify', { code: '2' }, asSignInResult);
    expect(seen.map(({ operation, body, sent, status }) => ({ operation, body, sent, status }))).to.deep.equal([
      { operation: 'codeVerify', body: { code: '1' }, sent: { otp: '1' }, status: 200 },
      { operation: 'codeVerify', body: { code: '2' }, sent: { otp: '2' }, status: 422 },
    ]);
    expect(seen[0]!.headers?.get('content-type')).to.include('application/json');
  });

  it('call can make the operation\'s own HTTP request after its own, through the configured hook', async () => {
    const adapter: BackendAdapter = {
      async call(operation, body, _signal, { http, fetch, url }) {
        if (operation !== 'codeSend') return http(body);
        const token = await (await fetch(url('/csrf'))).json();
        return http({ ...(body as object), token: token.csrf });
      },
    };
    const { backend, sent } = client((request) => (request.url.endsWith('/csrf') ? json({ csrf: 't' }) : json(fixtures.emailSent)), { adapter });
    const result = await backend.request('codeSend', { identifier: 'ada' }, (v) => v, undefined, { path: '/code/send', method: 'POST' });
    expect(result.ok).to.equal(true);
    expect(sent.map((request) => `${request.method} ${request.url}`)).to.deep.equal(['GET /api/auth/csrf', 'POST /api/auth/code/send']);
    expect(sent[1]!.body).to.deep.equal({ identifier: 'ada', token: 't' });
  });

  it('call\'s own HTTP request turns an error answer into a contract failure', async () => {
    const adapter: BackendAdapter = { call: (_operation, body, _signal, { http }) => http(body) };
    const { backend } = client(() => json({ code: 'too-many-tries' }, 429), { adapter });
    const result = (await backend.request('codeVerify', {}, (v) => v)) as Extract<Result<unknown>, { ok: false }>;
    expect(result.failure).to.deep.include({ code: 'too-many-tries', status: 429 });
  });
});

describe('backend client: what the contract does not use does not void an answer', () => {
  it('redirect: false (a real backend\'s password answer) signs in; the field is ignored, with a diagnostic', async () => {
    const { backend, notes } = client(() => json({ redirect: false, token: 'abc', user: { id: 'u1', email: 'ada@example.com', name: 'Ada' } }));
    const result = await backend.request('passwordSignIn', {}, asSignInResult);
    expect(result).to.deep.equal({ ok: true, value: { user: { id: 'u1', name: 'Ada' } } });
    expect(notes.map((note) => note.code)).to.deep.equal(['ignored-field']);
    expect(notes[0]!.detail).to.include('redirect');
  });

  it('a user without a name, or with a number for an id, is still a user', async () => {
    const { backend } = client(() => json({ user: { id: 42, name: '' } }));
    expect(await backend.request('session', undefined, asSignInResult)).to.deep.equal({ ok: true, value: { user: { id: '42', name: '' } } });
  });

  it('no user at all is still no sign-in', async () => {
    const { backend } = client(() => json({ token: 'abc' }));
    expect((await backend.request('passwordSignIn', {}, asSignInResult)).ok).to.equal(false);
  });
});

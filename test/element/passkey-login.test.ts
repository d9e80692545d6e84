import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLoginDiagnosticEvent, PasskeyLoginFailureEvent, PasskeyLoginStateEvent, PasskeyLoginSuccessEvent } from '../../src/events.js';
import { fixtures, problem, type Reply } from '../mocks/backend.js';
import { elementTests, given, operations, platform, ready, requests } from '../support/element.js';
import { mount } from '../support/harness.js';

elementTests();

describe('element: first render', () => {
  it('is accessible, with a real label and the autofill token last', async () => {
    await given();
    const harness = await ready();
    await expect(harness.element).to.be.accessible();
    const input = harness.input!;
    expect(input.autocomplete).to.equal('username webauthn');
    const label = harness.root.querySelector('label')!;
    expect(label.htmlFor).to.equal(input.id);
    expect(label.textContent).to.equal('Email or username');
    expect(harness.buttonLabels()).to.deep.equal(['Continue', 'Sign in with a passkey', 'Use a phone or tablet']);
  });

  it('arms autofill after exactly one request, with no identifier needed', async () => {
    await given();
    await ready();
    expect(operations()).to.deep.equal(['authenticationOptions']);
    const conditional = platform.calls.find((call) => call.kind === 'conditional')!;
    expect((conditional.options as CredentialRequestOptions).publicKey?.allowCredentials).to.deep.equal([]);
  });

  it('exposes parts for styling, generic and specific names on one node', async () => {
    await given();
    const harness = await ready();
    expect(harness.root.querySelector('[part~="button"][part~="primary-button"][part~="continue-button"]')).not.to.equal(null);
    expect(harness.root.querySelector('[part~="input"][part~="identifier-input"]')).not.to.equal(null);
    expect(harness.root.querySelector('[part~="heading"]')).not.to.equal(null);
  });

  it('loading the define module a second time does not throw', async () => {
    const first = customElements.get('passkey-login');
    // A second copy of the module (another URL) runs its guard against the first registration.
    await import(/* @vite-ignore */ `/src/define.ts?copy=${Date.now()}`);
    expect(customElements.get('passkey-login')).to.equal(first);
  });

  it('without WebAuthn it says so and offers no passkey buttons', async () => {
    await given({}, { noWebAuthn: true });
    const harness = await mount();
    await harness.state('ready');
    expect(harness.text).to.include("This browser can't use passkeys");
    expect(harness.buttonLabels()).to.deep.equal([]);
  });
});

describe('element: autofill stays armed with a live challenge', () => {
  it('re-arms with fresh options before the challenge expires', async () => {
    // A 60 s challenge is refreshed at 80 % of it; the page's clock runs a thousand times faster
    // for timers that long.
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
      realSetTimeout(handler, ms && ms >= 10_000 ? ms / 1000 : ms, ...rest)) as typeof window.setTimeout;
    try {
      await given({ authenticationOptions: { body: { ...fixtures.requestOptions, timeout: 60_000 } } });
      await ready();
      await waitUntil(() => platform.calls.filter((call) => call.kind === 'conditional').length >= 2, 're-armed', { timeout: 4_000 });
    } finally {
      window.setTimeout = realSetTimeout;
    }
    const [first, second] = platform.calls.filter((call) => call.kind === 'conditional');
    expect(first!.options.signal?.aborted, 'the old request was aborted').to.equal(true);
    expect(second!.options.signal?.aborted).to.equal(false);
    expect(operations().filter((operation) => operation === 'authenticationOptions').length).to.be.at.least(2);
  });

  it('re-arms after a back/forward-cache restore', async () => {
    await given();
    await ready();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitUntil(() => platform.calls.filter((call) => call.kind === 'conditional').length >= 2, 're-armed');
    expect(operations().filter((operation) => operation === 'authenticationOptions')).to.have.length(2);
  });

  it('after a modal cancel, autofill is armed again with fresh options', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await waitUntil(() => platform.calls.filter((call) => call.kind === 'conditional').length >= 2, 're-armed');
    expect(operations().filter((operation) => operation === 'authenticationOptions')).to.have.length(2);
  });
});

describe('element: attributes become the backend configuration', () => {
  it('endpoint, per-operation URLs, headers and credentials', async () => {
    await given();
    const log: string[] = [];
    const template = html`<passkey-login
      endpoint="/api/auth/"
      request-headers='{"X-CSRF-Token":"t0k3n"}'
      credentials="include"
      authentication-verify-url="/api/auth/passkey/authentication/verify?v=2"
      .fetch=${(input: RequestInfo | URL, init?: RequestInit) => {
        log.push(`${init?.method} ${String(input)} ${init?.credentials}`);
        return fetch(input, init);
      }}
    ></passkey-login>`;
    const harness = await ready(template);
    harness.click('Sign in with a passkey');
    await harness.state('ceremony');
    // The last one: a request from the previous test's element may still have been in flight.
    const sent = requests.filter((request) => request.operation === 'authenticationOptions').at(-1)!;
    expect(sent.headers['x-csrf-token']).to.equal('t0k3n');
    expect(sent.headers['x-requested-with']).to.equal('passkey-login');
    expect(sent.headers['content-type']).to.equal('application/json');
    expect(log[0]).to.equal('POST /api/auth/passkey/authentication/options include');
  });

  it('the endpoints property sets method and URL per operation', async () => {
    await given();
    const harness = await mount(html`<passkey-login
      check-session
      .endpoints=${{ session: { url: '/api/auth/session', method: 'get', headers: { 'X-Extra': '1' } } }}
    ></passkey-login>`);
    await harness.state('ready');
    const session = requests.find((request) => request.operation === 'session')!;
    expect(session.method).to.equal('GET');
    expect(session.headers['x-extra']).to.equal('1');
  });

  it('a malformed request-headers attribute is ignored with a warning, not a crash', async () => {
    await given();
    const harness = await ready(html`<passkey-login request-headers="not json"></passkey-login>`);
    expect(harness.element.requestHeaders).to.deep.equal({});
  });
});

describe('element: signing in', () => {
  it('through autofill: verify, success event with the user and nothing secret', async () => {
    await given({}, { conditional: { resolve: true } });
    const harness = await mount();
    const success = (await oneEvent(harness.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(success.detail).to.deep.equal({ user: fixtures.signIn.user, source: 'autofill' });
    expect(success.bubbles && success.composed).to.equal(true);
    await harness.state('signed-in');
    await harness.settled();
    expect(harness.text).to.include('Signed in as Ada Lovelace');
    expect(JSON.stringify(success.detail)).not.to.match(/signature|clientDataJSON|challenge/);
  });

  it('through the button: aborts the autofill request with intent first, then calls get()', async () => {
    await given({}, { get: { resolve: true } });
    const harness = await ready();
    const states: string[] = [];
    harness.element.addEventListener('passkey-login-state', (event: PasskeyLoginStateEvent) => states.push(event.detail.state));
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    const conditional = platform.calls.find((call) => call.kind === 'conditional')!;
    expect(conditional.options.signal?.aborted).to.equal(true);
    expect(states).to.deep.equal(['ceremony', 'verifying', 'signed-in']);
    // Signed in, the element may also ask for the account's passkeys (the backup nudge).
    expect(operations().filter((operation) => operation !== 'passkeys')).to.deep.equal(['authenticationOptions', 'authenticationVerify']);
  });

  it('"Use a phone or tablet" asks for the hybrid transport', async () => {
    await given({}, { get: { resolve: true } });
    const harness = await ready();
    harness.click('Use a phone or tablet');
    await harness.state('signed-in');
    const modal = platform.calls.find((call) => call.kind === 'get')!;
    expect((modal.options as { publicKey: { hints?: string[] } }).publicKey.hints).to.deep.equal(['hybrid']);
  });

  it('a modal cancel: neutral copy, Try again and phone or tablet, then success on retry', async () => {
    await given({}, { get: [{ reject: 'NotAllowedError' }, { resolve: true }] });
    const harness = await ready();
    const failure = oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;
    harness.click('Sign in with a passkey');
    expect((await failure).detail).to.deep.equal({ code: 'cancelled', source: 'passkey' });
    await harness.state('failed');
    await harness.settled();
    expect(harness.notice!.getAttribute('role')).to.equal('status');
    expect(harness.text).to.include("Passkey sign-in didn't complete");
    expect(harness.buttonLabels()).to.include.members(['Try again', 'Use a phone or tablet']);
    expect(harness.input!.value).to.equal('');
    await expect(harness.element).to.be.accessible();
    harness.click('Try again');
    await harness.state('signed-in');
  });

  it('focus moves to the new step and the identifier survives a failure', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    harness.type('ada@example.com');
    harness.button('Sign in with a passkey').focus();
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(harness.identity).to.equal('ada@example.com');
    // Focus lands on what happened, so a screen reader reads it out.
    expect(harness.root.activeElement?.textContent).to.equal("Passkey sign-in didn't complete");
    // "Change" goes back to the field, the identifier kept and selected, ready to be replaced.
    harness.click('Change email or username');
    await harness.state('ready');
    await harness.element.updateComplete;
    expect(harness.root.activeElement).to.equal(harness.input);
    expect(harness.input!.value).to.equal('ada@example.com');
    expect([harness.input!.selectionStart, harness.input!.selectionEnd]).to.deep.equal([0, 'ada@example.com'.length]);
  });

  it('never pulls focus from elsewhere on the page', async () => {
    await given({}, { conditional: { reject: 'SecurityError' } });
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    try {
      const harness = await mount();
      await harness.state('failed');
      await harness.settled();
      expect(document.activeElement).to.equal(outside);
    } finally {
      outside.remove();
    }
  });

  it('a SecurityError turns passkeys off and tells the developer what is misconfigured', async () => {
    await given({}, { get: { reject: 'SecurityError' } });
    const harness = await ready();
    const diagnostic = oneEvent(harness.element, 'passkey-login-diagnostic') as Promise<PasskeyLoginDiagnosticEvent>;
    harness.click('Sign in with a passkey');
    const { detail } = await diagnostic;
    expect(detail.code).to.equal('security-error');
    expect(detail.message).to.include('rpId').and.to.include(location.origin);
    await harness.state('failed');
    await harness.settled();
    expect(harness.text).to.include("Passkeys aren't working on this site right now");
    expect(harness.buttonLabels()).not.to.include('Sign in with a passkey');
  });

  it('"already pending" is retried once by itself', async () => {
    await given({}, { get: [{ reject: 'OperationError', message: 'A request is already pending.' }, { resolve: true }] });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    expect(platform.calls.filter((call) => call.kind === 'get')).to.have.length(2);
  });

  it('an unknown credential is signalled to the browser, then the user is offered a way forward', async () => {
    await given({ authenticationVerify: problem(404, 'unknown-credential') }, { get: { resolve: true } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(platform.signals).to.deep.equal([{ rpId: location.hostname, credentialId: 'Y3JlZC0x' }]);
    expect(harness.text).to.include("That passkey isn't recognised");
    expect(harness.buttonLabels()).to.include('Try again');
  });

  it('Cancel while waiting for the passkey returns to the form and re-arms autofill', async () => {
    await given({}, { get: { hang: true } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('ceremony');
    // The browser's sheet is open once the armed autofill request has let go of the page's slot.
    await waitUntil(() => platform.calls.some((call) => call.kind === 'get'), 'modal request made');
    harness.click('Cancel');
    await harness.state('ready');
    await waitUntil(() => platform.calls.filter((call) => call.kind === 'conditional').length === 2, 're-armed');
    expect(platform.calls.find((call) => call.kind === 'get')!.options.signal?.aborted).to.equal(true);
  });

  it('removing the element mid-ceremony aborts it cleanly', async () => {
    await given({}, { get: { hang: true } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await waitUntil(() => platform.calls.some((call) => call.kind === 'get'), 'sheet open');
    harness.element.remove();
    await waitUntil(() => platform.calls.find((call) => call.kind === 'get')?.options.signal?.aborted, 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('a redirect attribute that is not a web page is not followed', async () => {
    await given({}, { conditional: { resolve: true } });
    const harness = await mount(html`<passkey-login redirect="javascript:alert(1)"></passkey-login>`);
    const event = (await oneEvent(harness.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(event.detail.redirect).to.equal(undefined);
  });

  it('a success redirect is followed only when same-origin, and can be cancelled', async () => {
    await given({ authenticationVerify: { body: { ...fixtures.signIn, redirect: 'https://evil.example/' } } }, { conditional: { resolve: true } });
    let harness = await mount(html`<passkey-login></passkey-login>`);
    let event = (await oneEvent(harness.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(event.detail.redirect).to.equal(undefined);

    await given({ authenticationVerify: { body: { ...fixtures.signIn, redirect: '/account' } } }, { conditional: { resolve: true } });
    const stay = (e: Event) => e.preventDefault();
    document.addEventListener('passkey-login-success', stay);
    harness = await mount(html`<passkey-login></passkey-login>`);
    event = (await oneEvent(harness.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    document.removeEventListener('passkey-login-success', stay);
    expect(event.detail.redirect).to.equal(new URL('/account', location.href).href);
    expect(event.defaultPrevented).to.equal(true);
  });
});

describe('element: every kind of bad backend answer becomes a message with a retry', () => {
  const cases: Array<[string, Reply, string]> = [
    ['HTML instead of JSON', { status: 200, raw: '<!doctype html><p>Login</p>', contentType: 'text/html' }, 'Something went wrong'],
    ['broken JSON', { status: 200, raw: '{"user":', contentType: 'application/json' }, 'Something went wrong'],
    ['the wrong shape', { body: { ok: true } }, 'Something went wrong'],
    ['a 500 with an HTML page', { status: 500, raw: '<h1>Internal Server Error</h1>', contentType: 'text/html' }, 'Something went wrong'],
    ['a 502 with problem+json', problem(502, 'bad-gateway'), 'Something went wrong'],
    ['the network down', { network: 'error' }, "We couldn't reach the server"],
    ['verification failed', problem(400, 'verification-failed'), "We couldn't confirm that passkey"],
    ['challenge expired', problem(400, 'challenge-expired'), 'That sign-in request expired'],
    ['rate limited', { ...problem(429, 'rate-limited'), headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } }, 'You can try again in 30 s'],
  ];
  for (const [name, reply, message] of cases) {
    it(name, async () => {
      await given({ authenticationVerify: [reply, { body: fixtures.signIn }] }, { get: { resolve: true } });
      const harness = await ready();
      harness.click('Sign in with a passkey');
      await harness.state('failed');
      await harness.settled();
      expect(harness.text).to.include(message);
      expect(harness.notice!.getAttribute('role')).to.equal('alert');
      // Nothing from the server's own text reaches the screen.
      expect(harness.text).not.to.include('Internal Server Error');
      harness.click('Try again');
      await harness.state('signed-in');
    });
  }

  it('a backend that never answers times out with a message', async () => {
    await given({ authenticationVerify: [{ hang: true }, { body: fixtures.signIn }] }, { get: { resolve: true } });
    const harness = await ready(html`<passkey-login request-timeout="300"></passkey-login>`);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(harness.text).to.include('The server is taking too long');
  });

  it('options that fail to load never show an error until the user asks for a passkey', async () => {
    await given({ authenticationOptions: [{ network: 'error' }, { network: 'error' }, { body: fixtures.requestOptions }] }, { get: { resolve: true } });
    const harness = await mount();
    await harness.state('ready');
    // Let the first, failing, options request be answered before anything else happens.
    await waitUntil(() => requests.length === 1, 'options requested');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await harness.settled();
    expect(harness.notice).to.equal(null);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(harness.text).to.include("We couldn't reach the server");
    harness.click('Try again');
    await harness.state('signed-in');
  });

  it('malformed options are caught before WebAuthn sees them', async () => {
    await given({ authenticationOptions: { body: { challenge: 'not base64url!' } } });
    const harness = await mount();
    await harness.state('ready');
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    expect(platform.calls).to.deep.equal([]);
  });
});

describe('element: sign-up', () => {
  it('identifier → create a passkey → signed in', async () => {
    await given({}, { create: { resolve: true } });
    const harness = await ready();
    harness.type('ada@example.com');
    harness.click('Continue');
    await harness.state('confirm-create');
    expect(requests.at(-1)!.body).to.deep.equal({ identifier: 'ada@example.com' });
    // A new account is being made, and for whom, before the passkey is.
    expect(harness.text).to.include('Create your account');
    expect(harness.text).to.include('This is a new account for ada@example.com.');
    await expect(harness.element).to.be.accessible();
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    harness.click('Create a passkey');
    expect((await success).detail.source).to.equal('create');
    expect(operations()).to.include('registrationVerify');
  });

  it('an empty identifier asks for one, on the field', async () => {
    await given();
    const harness = await ready();
    harness.click('Continue');
    await harness.element.updateComplete;
    expect(harness.text).to.include('Enter your email or username.');
    expect(harness.input!.getAttribute('aria-invalid')).to.equal('true');
    expect(harness.input!.getAttribute('aria-describedby')).to.equal('identifier-error');
    expect(operations()).not.to.include('registrationOptions');
  });

  it('an identifier that already has an account leads to sign-in', async () => {
    await given({ registrationOptions: problem(409, 'identifier-taken') }, { get: { resolve: true } });
    const harness = await ready();
    harness.type('ada@example.com');
    harness.click('Continue');
    await harness.state('returning');
    expect(harness.text).to.include('This email or username already has an account.');
    expect(harness.identity).to.equal('ada@example.com');
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
  });

  it('InvalidStateError on create: "you already have a passkey here"', async () => {
    await given({}, { create: { reject: 'InvalidStateError' } });
    const harness = await ready();
    harness.type('ada@example.com');
    harness.click('Continue');
    await harness.state('confirm-create');
    harness.click('Create a passkey');
    await harness.state('returning');
    expect(harness.text).to.include('You already have a passkey for this account on this device');
  });

  it('a cancelled create can be tried again without retyping', async () => {
    await given({}, { create: [{ reject: 'NotAllowedError' }, { resolve: true }] });
    const harness = await ready();
    harness.type('ada@example.com');
    harness.click('Continue');
    await harness.state('confirm-create');
    harness.click('Create a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(harness.text).to.include("The passkey wasn't created");
    expect(harness.identity).to.equal('ada@example.com');
    harness.click('Try again');
    await harness.state('signed-in');
  });
});

describe('element: session', () => {
  it('check-session shows who is signed in, and sign-out returns to an empty form', async () => {
    await given({ session: { body: fixtures.signIn } });
    const harness = await mount(html`<passkey-login check-session></passkey-login>`);
    await harness.state('signed-in');
    await harness.settled();
    expect(harness.text).to.include('Signed in as Ada Lovelace');
    const signedOut = oneEvent(harness.element, 'passkey-login-signed-out');
    harness.click('Sign out');
    await signedOut;
    await harness.state('ready');
    expect(harness.input!.value).to.equal('');
  });

  it('a failed sign-out says so and keeps the user signed in', async () => {
    await given({ session: { body: fixtures.signIn }, signOut: { network: 'error' } });
    const harness = await mount(html`<passkey-login check-session></passkey-login>`);
    await harness.state('signed-in');
    await harness.settled();
    harness.click('Sign out');
    await waitUntil(() => harness.text.includes("We couldn't sign you out"), 'sign-out failure shown');
    expect(harness.element.state).to.equal('signed-in');
  });
});

/**
 * The fallbacks in the element: one-time codes, password, recovery, the passkey offer and WebOTP,
 * against an msw backend and the WebAuthn stand-in. Asserted is what a person sees and what an
 * integrator receives (events, requests, storage), never private state.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { BackendAdapter, BackendError, Operation } from '../../src/backend/config.js';
import type { FailureDetail, PasskeyLoginStateEvent, PasskeyLoginSuccessEvent } from '../../src/events.js';
import type { StateKind } from '../../src/machine/types.js';
import { fixtures, problem, type Reply } from '../mocks/backend.js';
import { elementTests, given, operations, platform, ready as formReady, requests, sent } from '../support/element.js';
import type { Harness } from '../support/harness.js';

const LAST_USED = 'passkey-login.last-method';
const SNOOZED = 'passkey-login.passkey-offer-dismissed';
const ALL = 'passkey hybrid email-code sms-code password';
const IDENTIFIER = 'ada@example.com';
/** A send answer whose resend cooldown is over at once, so "Send a new code" is the way forward. */
const emailNow = { ...fixtures.emailSent, resendAfter: 0 };

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const element = (methods = ALL) => html`<passkey-login methods=${methods}></passkey-login>`;

/** The form with its fallbacks on screen (they come with the steps chunk). */
async function ready(template = element(), options: { autofill?: boolean } = {}): Promise<Harness> {
  const harness = await formReady(template, options);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"], [part~="method-button"]'), 'fallbacks on the form');
  return harness;
}

const query = <T extends Element = HTMLElement>(harness: Harness, selector: string): T | null => harness.root.querySelector<T>(selector);
const methodButton = (harness: Harness, method: string) => query<HTMLButtonElement>(harness, `[part~="method-button"][data-method="${method}"]`);
const methodsShown = (harness: Harness) =>
  [...harness.root.querySelectorAll<HTMLButtonElement>('[part~="method-button"]')].map((button) => button.dataset.method);
const notice = (harness: Harness) => query(harness, '[part~="failure-notice"]');
const usable = (button: Element | null): boolean =>
  button instanceof HTMLButtonElement && !button.disabled && button.getAttribute('aria-disabled') !== 'true';

function press(harness: Harness, selector: string): void {
  const button = query<HTMLButtonElement>(harness, selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  // Focus first, as a click would: focus follows the step only when it was inside the element.
  button.focus();
  button.click();
}

/** "Other ways to sign in", with `identifier` typed first. */
async function choose(harness: Harness, identifier = IDENTIFIER): Promise<void> {
  if (identifier) harness.type(identifier);
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await harness.settled();
}

/** The code step, once the send has been answered (a code, or a failure). */
async function codeStep(harness: Harness): Promise<void> {
  await harness.state('code');
  await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"]'), `code entry: ${harness.text}`);
  await harness.element.updateComplete;
}

async function useMethod(harness: Harness, method: string): Promise<void> {
  press(harness, `[part~="method-button"][data-method="${method}"]`);
  if (method === 'password') {
    await harness.state('password');
    await harness.element.updateComplete;
  } else await codeStep(harness);
}

/** "Other ways to sign in" with the identifier typed, then `method`: the step it opens. */
async function pick(harness: Harness, method: string): Promise<void> {
  await choose(harness);
  await useMethod(harness, method);
}

/** A fresh form, straight on to `method`'s step. */
async function atStep(method: string): Promise<Harness> {
  const harness = await ready();
  await pick(harness, method);
  return harness;
}

/** Types into the step's input and submits its form, as a person pressing Enter would. */
function enter(harness: Harness, selector: string, value: string): void {
  const input = query<HTMLInputElement>(harness, selector)!;
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

/** Waits for a step to settle after a request: its form is no longer busy. */
async function idle(harness: Harness, part: string): Promise<void> {
  await waitUntil(() => query(harness, `form[part~="${part}"][aria-busy="false"]`), `${part} idle: ${harness.text}`);
  await harness.element.updateComplete;
}

/** Submits `value` in the `field` step and waits until its failure (`code`, when given) is on screen. */
async function refused(harness: Harness, field: 'code' | 'password' | 'new-password', value: string, code?: string): Promise<void> {
  enter(harness, `#${field}`, value);
  await waitUntil(() => (code ? notice(harness)?.dataset.code === code : notice(harness)), `the failure shown: ${harness.text}`);
  await idle(harness, field);
}

/** The next success event, to await once the step that ends the flow has been taken. */
const nextSuccess = (harness: Harness) => oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;

/** Submits the right code and waits for the step it leads to. */
async function enterCode(harness: Harness, next: StateKind): Promise<void> {
  enter(harness, '#code', '123456');
  await harness.state(next);
  await harness.settled();
}

/** The right code, then "Not now" on the passkey offer: the success detail that ends the flow. */
async function signInWithoutPasskey(harness: Harness): Promise<PasskeyLoginSuccessEvent['detail']> {
  const success = nextSuccess(harness);
  await enterCode(harness, 'enrol');
  press(harness, '[part~="not-now-button"]');
  return (await success).detail;
}

function failures(harness: Harness): FailureDetail[] {
  const list: FailureDetail[] = [];
  harness.element.addEventListener('passkey-login-failure', (event) => list.push(event.detail));
  return list;
}

function states(harness: Harness): string[] {
  const list: string[] = [];
  harness.element.addEventListener('passkey-login-state', (event: PasskeyLoginStateEvent) => list.push(event.detail.state));
  return list;
}

/** Lets an answer that changes nothing on screen arrive before asserting that nothing changed. */
async function answered(harness: Harness, operation: Operation): Promise<void> {
  await waitUntil(() => sent(operation).length > 0, `${operation} requested`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await harness.element.updateComplete;
}

/** Checks a failure notice in a step and the event that went with it. */
function expectFailure(harness: Harness, events: FailureDetail[], code: string, source: string, ...typed: string[]): void {
  expect(notice(harness)?.dataset.code, harness.text).to.equal(code);
  expect(events.map((event) => [event.code, event.source])).to.deep.include([code, source]);
  for (const secret of typed) expect(JSON.stringify(events)).not.to.include(secret);
}

type WayForward = 'resend' | 'other-ways' | 'input';

function expectWayForward(harness: Harness, way: WayForward, input = '#code'): void {
  if (way === 'resend') expect(usable(query(harness, '[part~="resend-button"]')), 'Send a new code is enabled').to.equal(true);
  if (way === 'other-ways') expect(usable(query(harness, '[part~="other-ways-button"]')), 'Other ways to sign in is enabled').to.equal(true);
  if (way === 'input') {
    const field = query<HTMLInputElement>(harness, input)!;
    expect(field.readOnly || field.disabled, `${input} stays usable`).to.equal(false);
    expect(usable(query(harness, '[part~="submit-button"]')), 'its submit button is enabled').to.equal(true);
  }
}

describe('fallbacks: sending a code fails', () => {
  const cases: Array<{ name: string; reply: Reply; code: string; text: string[]; next: WayForward[]; on?: 'resend' }> = [
    {
      name: 'rate-limited with Retry-After',
      reply: problem(429, 'rate-limited', { retryAfter: 30 }),
      code: 'rate-limited',
      text: ['Too many attempts', 'You can try again in 30 seconds.'],
      next: ['other-ways'],
    },
    {
      name: 'resend-too-soon',
      reply: problem(429, 'resend-too-soon', { retryAfter: 20 }),
      code: 'resend-too-soon',
      text: ['Please wait a moment', 'You can try again in 20 seconds.'],
      next: ['input', 'other-ways'],
      on: 'resend',
    },
    { name: 'delivery-failed (502)', reply: problem(502, 'delivery-failed'), code: 'delivery-failed', text: ["We couldn't send the code"], next: ['resend', 'other-ways'] },
    { name: 'the network down', reply: { network: 'error' }, code: 'network', text: ["We couldn't reach the server"], next: ['resend', 'other-ways'] },
    {
      name: 'an HTML error page',
      reply: { status: 503, raw: '<!doctype html><h1>Service Unavailable</h1>', contentType: 'text/html' },
      code: 'server',
      text: ['Something went wrong'],
      next: ['resend', 'other-ways'],
    },
  ];
  for (const { name, reply, code, text, next, on } of cases) {
    it(`${name}: message, a way forward, an event without the identifier`, async () => {
      await given({ codeSend: on === 'resend' ? [{ body: emailNow }, reply] : reply });
      const harness = await ready();
      const events = failures(harness);
      await pick(harness, 'email-code');
      if (on === 'resend') {
        press(harness, '[part~="resend-button"]');
        await waitUntil(() => notice(harness), 'the resend failure shown');
        await idle(harness, 'code');
      }
      for (const line of text) expect(harness.text).to.include(line);
      expect(harness.text).not.to.include('Service Unavailable');
      for (const way of next) expectWayForward(harness, way);
      expectFailure(harness, events, code, 'email-code', IDENTIFIER);
      expect(events.at(-1)!.status).to.equal('status' in reply ? reply.status : undefined);
      await expect(harness.element).to.be.accessible();
    });
  }

  it('rate-limited: "Send a new code" stays disabled until Retry-After has passed, then works', async () => {
    await given({ codeSend: [problem(429, 'rate-limited', { retryAfter: 2 }), { body: fixtures.emailSent }] });
    const harness = await atStep('email-code');
    expect(harness.text).to.include('You can try again in 2 seconds.');
    const resend = () => query<HTMLButtonElement>(harness, '[part~="resend-button"]')!;
    expect(resend().getAttribute('aria-disabled')).to.equal('true');
    resend().click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent('codeSend'), 'a disabled resend sends nothing').to.have.length(1);
    expect(resend().getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => resend().getAttribute('aria-disabled') === 'false', 'resend enabled again', { timeout: 3000 });
    resend().click();
    await waitUntil(() => harness.text.includes(`We emailed a 6-digit code to ${fixtures.emailSent.destination}`), 'a code sent');
    expect(sent('codeSend')).to.have.length(2);
    expect(notice(harness)).to.equal(null);
  });
});

describe('fallbacks: checking a code fails', () => {
  const cases: Array<{ name: string; reply: Reply; code: string; text: string[]; next: WayForward[] }> = [
    {
      name: 'code-invalid with 3 tries left',
      reply: problem(400, 'code-invalid', { triesLeft: 3 }),
      code: 'code-invalid',
      text: ["That code isn't right", 'You have 3 more tries.'],
      next: ['input', 'resend', 'other-ways'],
    },
    {
      name: 'code-invalid with no tries left',
      reply: problem(400, 'code-invalid', { triesLeft: 0 }),
      code: 'code-invalid',
      text: ["That code isn't right", 'No tries are left for this code. Ask for a new one.'],
      next: ['resend', 'other-ways'],
    },
    { name: 'code-expired', reply: problem(400, 'code-expired'), code: 'code-expired', text: ['This code has expired'], next: ['resend', 'other-ways'] },
    { name: 'too-many-tries', reply: problem(429, 'too-many-tries'), code: 'too-many-tries', text: ['Too many wrong tries'], next: ['resend', 'other-ways'] },
    {
      name: 'account-locked with Retry-After',
      reply: problem(429, 'account-locked', { retryAfter: 600 }),
      code: 'account-locked',
      text: ['Sign-in with a code is paused', 'You can try again in 10 minutes.'],
      next: ['other-ways'],
    },
  ];
  for (const { name, reply, code, text, next } of cases) {
    it(`${name}: message, a way forward, an event without the code typed`, async () => {
      await given({ codeSend: { body: emailNow }, codeVerify: reply });
      const harness = await ready();
      const events = failures(harness);
      await pick(harness, 'email-code');
      await refused(harness, 'code', '654321');
      expect(sent('codeVerify')[0]!.body).to.deep.equal({ code: '654321', identifier: IDENTIFIER, channel: 'email' });
      for (const line of text) expect(harness.text).to.include(line);
      for (const way of next) expectWayForward(harness, way);
      expectFailure(harness, events, code, 'email-code', '654321');
      // The code typed is gone from the page, not only from the event (a dead code has no field at all).
      expect(query<HTMLInputElement>(harness, '#code')?.value ?? '').to.equal('');
      await expect(harness.element).to.be.accessible();
    });
  }

  it('a wrong code marks the input invalid; an expired one turns the way forward to a new code', async () => {
    await given({ codeSend: { body: emailNow }, codeVerify: [problem(400, 'code-invalid', { triesLeft: 3 }), problem(400, 'code-expired')] });
    const harness = await atStep('email-code');
    const input = () => query<HTMLInputElement>(harness, '#code')!;
    expect(input().getAttribute('aria-invalid')).to.equal('false');
    await refused(harness, 'code', '111111');
    expect(input().getAttribute('aria-invalid')).to.equal('true');
    // Ready for the next try: focus is back on the (empty) input.
    expect(harness.root.activeElement).to.equal(input());
    await refused(harness, 'code', '222222', 'code-expired');
    // A dead code: no field to type into; the way on is a new code, primary, and the other ways.
    expect(input()).to.equal(null);
    expect(query(harness, '[part~="resend-button"]')!.getAttribute('part')).to.include('primary-button');
    expectWayForward(harness, 'resend');
    expectWayForward(harness, 'other-ways');
  });

  it('what is being typed survives the resend countdown ticking', async () => {
    await given();
    const harness = await atStep('email-code');
    const countdown = () => query(harness, '[part~="resend-button"]')?.textContent?.trim() ?? '';
    const first = countdown();
    expect(first).to.match(/^Send a new code \(0:\d\d\)$/);
    const input = query<HTMLInputElement>(harness, '#code')!;
    input.value = '12';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => countdown() !== first, 'the countdown ticked', { timeout: 2500 });
    expect(query<HTMLInputElement>(harness, '#code')!.value).to.equal('12');
  });

  it('account-locked: "Send a new code" stays disabled until Retry-After has passed', async () => {
    await given({ codeSend: { body: emailNow }, codeVerify: problem(429, 'account-locked', { retryAfter: 1 }) });
    const harness = await atStep('email-code');
    enter(harness, '#code', '654321');
    await waitUntil(() => notice(harness), 'account-locked shown');
    const resend = () => query<HTMLButtonElement>(harness, '[part~="resend-button"]')!;
    expect(resend().getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => resend().getAttribute('aria-disabled') === 'false', 'resend enabled again', { timeout: 3000 });
  });
});

describe('fallbacks: password sign-in fails', () => {
  const cases: Array<{ name: string; reply: Reply; code: string; text: string[] }> = [
    { name: 'invalid-credentials', reply: problem(400, 'invalid-credentials'), code: 'invalid-credentials', text: ["That password isn't right"] },
    {
      name: 'rate-limited with Retry-After',
      reply: problem(429, 'rate-limited', { retryAfter: 30 }),
      code: 'rate-limited',
      text: ['Too many attempts', 'You can try again in 30 seconds.'],
    },
  ];
  for (const { name, reply, code, text } of cases) {
    it(`${name}: message, a way forward, an event without the password`, async () => {
      await given({ passwordSignIn: reply });
      const harness = await ready();
      const events = failures(harness);
      await pick(harness, 'password');
      await refused(harness, 'password', 'correct horse battery');
      for (const line of text) expect(harness.text).to.include(line);
      expectWayForward(harness, 'input', '#password');
      expectWayForward(harness, 'other-ways');
      expectFailure(harness, events, code, 'password', 'correct horse battery', IDENTIFIER);
      expect(query<HTMLInputElement>(harness, '#password')!.value).to.equal('');
      if (code === 'invalid-credentials') expect(query(harness, '#password')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(harness.element).to.be.accessible();
    });
  }
});

/** "Forgot password?" on the password step: the recovery code step. */
async function forgotPassword(harness: Harness): Promise<void> {
  press(harness, '[part~="forgot-password-button"]');
  await codeStep(harness);
}

/** "Set a new password" on the recovered step. */
async function setNewPassword(harness: Harness): Promise<void> {
  press(harness, '[part~="set-password-button"]');
  await harness.state('new-password');
  await harness.element.updateComplete;
}

/** Password → "Forgot password?" → recovery code → "Set a new password". */
async function toNewPassword(harness: Harness): Promise<void> {
  await pick(harness, 'password');
  await forgotPassword(harness);
  await enterCode(harness, 'recovered');
  await setNewPassword(harness);
}

describe('fallbacks: setting a new password fails', () => {
  const cases: Array<{ name: string; reply: Reply; code: string; text: string }> = [
    { name: 'invalid-password', reply: problem(400, 'invalid-password'), code: 'invalid-password', text: "That password can't be used" },
    { name: 'forbidden', reply: problem(403, 'forbidden'), code: 'forbidden', text: 'This step has expired' },
  ];
  for (const { name, reply, code, text } of cases) {
    it(`${name}: message, a way forward, an event without the password`, async () => {
      await given({ codeVerify: { body: { ...fixtures.signIn, recovery: true } }, passwordSet: reply });
      const harness = await ready();
      const events = failures(harness);
      await toNewPassword(harness);
      await refused(harness, 'new-password', 'tr0ub4dor&3');
      expect(sent('passwordSet')[0]!.body).to.deep.equal({ password: 'tr0ub4dor&3' });
      expect(harness.text).to.include(text);
      expectWayForward(harness, 'input', '#new-password');
      expect(usable(query(harness, '[part~="not-now-button"]')), 'Not now is enabled').to.equal(true);
      expectFailure(harness, events, code, 'recovery', 'tr0ub4dor&3', '123456');
      await expect(harness.element).to.be.accessible();
    });
  }
});

describe('fallbacks: malformed answers', () => {
  const badSends: Array<[string, Reply]> = [
    ['{} with 200', { body: {} }],
    ['HTML with 200', { status: 200, raw: '<!doctype html><p>Sign in</p>', contentType: 'text/html' }],
  ];
  for (const [name, reply] of badSends) {
    it(`codeSend answering ${name}: a bad-response message, not a hang`, async () => {
      await given({ codeSend: reply });
      const harness = await atStep('email-code');
      expect(notice(harness)?.dataset.code).to.equal('bad-response');
      expect(harness.text).to.include('Something went wrong');
      expectWayForward(harness, 'resend');
      expectWayForward(harness, 'other-ways');
    });
  }

  it('codeVerify answering 200 {user: 5}: a bad-response message, the input still usable', async () => {
    await given({ codeSend: { body: emailNow }, codeVerify: { body: { user: 5 } } });
    const harness = await ready();
    const success: Event[] = [];
    harness.element.addEventListener('passkey-login-success', (event) => success.push(event));
    await pick(harness, 'email-code');
    await refused(harness, 'code', '123456');
    expect(notice(harness)!.dataset.code).to.equal('bad-response');
    expect(harness.element.state).to.equal('code');
    expectWayForward(harness, 'input');
    expect(success).to.deep.equal([]);
  });

  const badMethods: Array<[string, Reply]> = [
    ['a string for methods', { body: { methods: 'email-code' } }],
    ['an array', { body: ['email-code'] }],
    ['HTML', { status: 200, raw: '<html>Sign in</html>', contentType: 'text/html' }],
    ['a 500', problem(500, 'server-error')],
  ];
  for (const [name, reply] of badMethods) {
    it(`methods answering ${name}: no narrowing, every configured method still offered`, async () => {
      await given({ methods: reply });
      const harness = await ready();
      await choose(harness);
      await answered(harness, 'methods');
      expect(methodsShown(harness)).to.deep.equal(['passkey', 'hybrid', 'email-code', 'sms-code', 'password']);
      expect(notice(harness)).to.equal(null);
    });
  }
});

describe('fallbacks: a backend of another shape, with no change to the widget', () => {
  /** A backend with its own paths, field names and error bodies, recording what it receives. */
  function otherBackend(log: Array<{ path: string; method: string; body: unknown }>): HttpHandler[] {
    const record = async (request: Request) => {
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(url.searchParams);
      log.push({ path: url.pathname, method: request.method, body });
      return body as Record<string, unknown>;
    };
    return [
      http.get('/idp/passkey-options', async ({ request }) => {
        await record(request);
        return HttpResponse.json(fixtures.requestOptions);
      }),
      http.get('/idp/ways', async ({ request }) => {
        await record(request);
        return HttpResponse.json({ allowed: ['passkey', 'email-code'] });
      }),
      http.post('/idp/otp/start', async ({ request }) => {
        await record(request);
        return HttpResponse.json({ via: 'email', to: 'a•••@example.com', validFor: 600, waitFor: 0 });
      }),
      http.post('/idp/otp/check', async ({ request }) => {
        const body = await record(request);
        if (body.otp !== '123456') return HttpResponse.json({ message: 'Wrong', code: 'WRONG_OTP', attemptsLeft: 4 }, { status: 422 });
        return HttpResponse.json({ account: { uid: 'u-42', email: 'ada@example.com' } });
      }),
    ];
  }

  const endpoints = JSON.stringify({
    authenticationOptions: { url: '/idp/passkey-options', method: 'GET' },
    methods: { url: '/idp/ways', method: 'GET' },
    codeSend: { url: '/idp/otp/start' },
    codeVerify: { url: '/idp/otp/check' },
  });

  const adapter: BackendAdapter = {
    request(operation, body) {
      const fields = body as Record<string, unknown>;
      if (operation === 'codeSend') return { login: fields.identifier, via: fields.channel };
      if (operation === 'codeVerify') return { otp: fields.code };
      return body;
    },
    response(operation, body) {
      const fields = body as { allowed?: unknown; via?: unknown; to?: unknown; validFor?: unknown; waitFor?: unknown; account?: { uid: unknown; email: unknown } };
      if (operation === 'methods') return { methods: fields.allowed };
      if (operation === 'codeSend') {
        return { channel: fields.via, destination: fields.to, expiresIn: fields.validFor, resendAfter: fields.waitFor };
      }
      if (operation === 'codeVerify') return { user: { id: fields.account?.uid, name: fields.account?.email } };
      return body;
    },
    error(_operation, body): BackendError | undefined {
      const fields = body as { code?: string; attemptsLeft?: number } | undefined;
      if (fields?.code === 'WRONG_OTP') return { code: 'code-invalid', triesLeft: fields.attemptsLeft };
      return undefined;
    },
  };

  it('other paths and methods, other field names, {message, code} errors: a full email-code sign-in', async () => {
    const log: Array<{ path: string; method: string; body: unknown }> = [];
    await given({}, {}, otherBackend(log));
    const harness = await ready(html`<passkey-login methods=${ALL} endpoints=${endpoints} .adapter=${adapter}></passkey-login>`);
    expect(log[0]).to.deep.equal({ path: '/idp/passkey-options', method: 'GET', body: {} });

    await choose(harness);
    // The backend's narrowing, through its own path, method and field name.
    await waitUntil(() => !methodButton(harness, 'password'), 'narrowed to what the backend allows');
    expect(methodsShown(harness)).to.deep.equal(['passkey', 'hybrid', 'email-code']);
    expect(log.find((entry) => entry.path === '/idp/ways')).to.deep.equal({ path: '/idp/ways', method: 'GET', body: { identifier: IDENTIFIER } });

    await useMethod(harness, 'email-code');
    expect(harness.text).to.include('We emailed a 6-digit code to a•••@example.com.');
    expect(log.find((entry) => entry.path === '/idp/otp/start')!.body).to.deep.equal({ login: IDENTIFIER, via: 'email' });

    const events = failures(harness);
    await refused(harness, 'code', '000000');
    expect(notice(harness)!.dataset.code).to.equal('code-invalid');
    expect(harness.text).to.include('You have 4 more tries.').and.not.to.include('Wrong');
    expect(events).to.deep.equal([{ code: 'code-invalid', source: 'email-code', status: 422 }]);

    expect(await signInWithoutPasskey(harness)).to.deep.equal({ user: { id: 'u-42', name: 'ada@example.com' }, source: 'email-code' });
    await harness.state('signed-in');
    expect(log.filter((entry) => entry.path === '/idp/otp/check').map((entry) => entry.body)).to.deep.equal([{ otp: '000000' }, { otp: '123456' }]);
    // Nothing but the enrolment offer's own request (if it left before "Not now") reached the default paths.
    expect(operations().filter((operation) => operation !== 'registrationOptions')).to.deep.equal([]);
  });

  it('adapter.call replaces HTTP altogether: a full email-code sign-in without a single fetch', async () => {
    await given();
    const fetched: string[] = [];
    const realFetch = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    }) as typeof fetch;
    const calls: Array<{ operation: Operation; body: unknown }> = [];
    const viaSdk: BackendAdapter = {
      async call(operation, body) {
        calls.push({ operation, body });
        switch (operation) {
          case 'authenticationOptions':
            return fixtures.requestOptions;
          case 'methods':
            return { methods: ['email-code', 'password'] };
          case 'codeSend':
            return fixtures.emailSent;
          case 'codeVerify':
            if ((body as { code?: string }).code !== '123456') throw { code: 'code-invalid', triesLeft: 2 } satisfies BackendError;
            return fixtures.signIn;
          case 'registrationOptions':
            return fixtures.creationOptions;
          default:
            throw { code: 'forbidden', status: 403 } satisfies BackendError;
        }
      },
    };
    try {
      const harness = await ready(html`<passkey-login methods=${ALL} .adapter=${viaSdk}></passkey-login>`);
      await pick(harness, 'email-code');
      await refused(harness, 'code', '999999');
      expect(notice(harness)!.dataset.code).to.equal('code-invalid');
      expect(harness.text).to.include('You have 2 more tries.');
      expect(await signInWithoutPasskey(harness)).to.deep.equal({ user: fixtures.signIn.user, source: 'email-code' });
      expect(calls.map((call) => call.operation)).to.include.members(['authenticationOptions', 'methods', 'codeSend', 'codeVerify']);
      expect(calls.find((call) => call.operation === 'codeSend')!.body).to.deep.equal({ identifier: IDENTIFIER, channel: 'email', purpose: 'sign-in' });
    } finally {
      window.fetch = realFetch;
    }
    expect(fetched, 'fetch calls').to.deep.equal([]);
    expect(requests, 'requests seen by the network').to.deep.equal([]);
  });
});

describe('fallbacks: methods and narrowing', () => {
  it('methods="password email-code": the chooser offers them in that order, and nothing else', async () => {
    await given();
    const harness = await ready(element('password email-code'), { autofill: false });
    await choose(harness);
    expect(methodsShown(harness)).to.deep.equal(['password', 'email-code']);
    expect(methodButton(harness, 'password')!.getAttribute('part')).to.include('primary-button');
    expect(harness.buttonLabels()).to.deep.equal(['Change email or username', 'Use my password', 'Email me a code', 'Need help?', 'Back']);
  });

  it('the backend narrows the methods for the identifier typed, and only for it', async () => {
    await given({ methods: [{ body: { methods: ['passkey', 'email-code'] } }, { body: { methods: ['passkey', 'email-code', 'sms-code', 'password'] } }] });
    const harness = await ready();
    await choose(harness);
    await waitUntil(() => !methodButton(harness, 'sms-code') && methodButton(harness, 'email-code'), 'narrowed');
    expect(sent('methods')[0]!.body).to.deep.equal({ identifier: IDENTIFIER });
    expect(methodsShown(harness)).to.deep.equal(['passkey', 'hybrid', 'email-code']);
    expect(harness.buttonLabels()).not.to.include.members(['Text me a code', 'Use my password']);
    // Another identifier is asked about anew; what the first one has does not carry over.
    press(harness, '[part~="change-button"]');
    await harness.state('ready');
    await choose(harness, 'bob@example.com');
    await waitUntil(() => methodButton(harness, 'password'), 'asked for bob');
    expect(sent('methods')[1]!.body).to.deep.equal({ identifier: 'bob@example.com' });
    expect(methodsShown(harness)).to.deep.equal(['passkey', 'hybrid', 'email-code', 'sms-code', 'password']);
  });

  it('while the backend is asked, the chooser waits instead of offering ways the account may lack', async () => {
    await given({ methods: { body: { methods: ['passkey'] }, delayMs: 400 } });
    const harness = await ready();
    harness.type(IDENTIFIER);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    expect(methodsShown(harness), 'nothing offered before the answer').to.deep.equal([]);
    expect(harness.text).to.include('Finding your ways to sign in');
    await waitUntil(() => methodButton(harness, 'passkey'), 'the answer');
    // A passkey-only account (made by the element's own sign-up) is never offered a code.
    expect(methodsShown(harness)).to.deep.equal(['passkey', 'hybrid']);
  });

  it('after a passkey failure the notice offers only what the backend allows for that identifier', async () => {
    await given({ methods: { body: { methods: ['passkey', 'email-code'] } } }, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    harness.type(IDENTIFIER);
    press(harness, '[part~="passkey-button"]');
    await harness.state('failed');
    await harness.settled();
    await waitUntil(() => methodButton(harness, 'email-code') && !methodButton(harness, 'sms-code'), `narrowed: ${harness.text}`);
    expect(harness.buttonLabels()).to.include('Email me a code').and.not.to.include.members(['Text me a code', 'Use my password']);
  });

  it('unknown names in the attribute warn and are ignored', async () => {
    await given();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const harness = await ready(element('passkey fax email-code carrier-pigeon'));
      await choose(harness);
      expect(methodsShown(harness)).to.deep.equal(['passkey', 'email-code']);
    } finally {
      console.warn = warn;
    }
    expect(warnings.some((line) => line.includes('[passkey-login] methods') && line.includes('unknown'))).to.equal(true);
  });
});

/** Chooser → "Email me a code" → the right code → the enrolment offer (or signed in when there is none). */
async function codeSignIn(harness: Harness): Promise<void> {
  await pick(harness, 'email-code');
  enter(harness, '#code', '123456');
  await waitUntil(() => ['enrol', 'signed-in'].includes(harness.element.state), `signed in: ${harness.text}`);
  await harness.settled();
}

describe('fallbacks: the last method used', () => {
  it('a remembered "password" is offered first on the form, with a "Last used" badge', async () => {
    localStorage.setItem(LAST_USED, 'password');
    await given();
    const harness = await ready();
    const password = methodButton(harness, 'password')!;
    expect(password.textContent).to.include('Use my password');
    const badge = password.querySelector('[part~="badge"][part~="last-used"]')!;
    expect(badge.textContent!.trim()).to.equal('Last used');
    const buttons = harness.buttons();
    expect(buttons.indexOf(password)).to.be.lessThan(buttons.indexOf(query<HTMLButtonElement>(harness, '[part~="other-ways-button"]')!));
    expect(methodsShown(harness), 'the only method button on the form').to.deep.equal(['password']);
    await expect(harness.element).to.be.accessible();
    await choose(harness);
    expect(methodsShown(harness)[0]).to.equal('password');
  });

  it('a code sign-in remembers "email-code", and nothing else', async () => {
    await given({}, { create: { resolve: true } });
    const harness = await ready();
    await codeSignIn(harness);
    expect(harness.element.state).to.equal('enrol');
    expect({ ...localStorage }).to.deep.equal({ [LAST_USED]: 'email-code' });
    press(harness, '[part~="create-button"]');
    await harness.state('signed-in');
    expect({ ...localStorage }).to.deep.equal({ [LAST_USED]: 'email-code' });
    expect(sessionStorage.length).to.equal(0);
  });
});

describe('fallbacks: the passkey offer after a code sign-in', () => {
  it('"Not now" snoozes the offer: the next code sign-in goes straight to signed in', async () => {
    await given();
    let harness = await ready();
    await codeSignIn(harness);
    expect(harness.element.state).to.equal('enrol');
    expect(harness.text).to.include('Sign in faster next time');
    const before = Date.now();
    const success = nextSuccess(harness);
    press(harness, '[part~="not-now-button"]');
    expect((await success).detail).to.deep.equal({ user: fixtures.signIn.user, source: 'email-code' });
    await harness.state('signed-in');
    const snoozed = Number(localStorage.getItem(SNOOZED));
    expect(snoozed).to.be.within(before - 1000, Date.now());
    expect(platform.calls.filter((call) => call.kind === 'create')).to.deep.equal([]);

    harness.element.remove();
    await given();
    harness = await ready();
    const seen = states(harness);
    const again = nextSuccess(harness);
    await codeSignIn(harness);
    expect((await again).detail.source).to.equal('email-code');
    expect(harness.element.state).to.equal('signed-in');
    expect(seen).not.to.include('enrol');
    expect(operations()).not.to.include('registrationOptions');
  });

  it('"Create a passkey" uses create(): registration options with {} and then verify', async () => {
    await given({}, { create: { resolve: true } });
    const harness = await ready();
    await codeSignIn(harness);
    expect(harness.element.state).to.equal('enrol');
    // Fetched ahead, so that the click reaches create() with its user activation.
    await answered(harness, 'registrationOptions');
    const success = nextSuccess(harness);
    press(harness, '[part~="create-button"]');
    expect((await success).detail).to.deep.equal({ user: fixtures.signIn.user, source: 'email-code' });
    await harness.state('signed-in');
    expect(sent('registrationOptions')[0]!.body).to.deep.equal({});
    const after = operations().slice(operations().indexOf('codeVerify') + 1);
    expect(after).to.deep.equal(['registrationOptions', 'registrationVerify']);
    const creates = platform.calls.filter((call) => call.kind === 'create');
    expect(creates).to.have.length(1);
    expect((creates[0]!.options as CredentialCreationOptions).publicKey?.rp.name).to.equal(fixtures.creationOptions.rp.name);
    expect(localStorage.getItem(SNOOZED)).to.equal(null);
  });
});

describe('fallbacks: WebOTP', () => {
  /**
   * WebOTP on top of the WebAuthn stand-in: `{otp}` requests answer `code` (or wait until
   * aborted); everything else goes to the stand-in.
   */
  function stubOtp(code?: string): { requests: CredentialRequestOptions[]; restore: () => void } {
    const credentials = navigator.credentials;
    const get = credentials.get;
    const had = Object.getOwnPropertyDescriptor(window, 'OTPCredential');
    const asked: CredentialRequestOptions[] = [];
    Object.defineProperty(window, 'OTPCredential', { value: function OTPCredential() {}, configurable: true, writable: true });
    credentials.get = ((options?: CredentialRequestOptions & { otp?: unknown }) => {
      if (!options?.otp) return get.call(credentials, options);
      asked.push(options);
      if (code) return Promise.resolve({ type: 'otp', id: '', code });
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      });
    }) as CredentialsContainer['get'];
    return {
      requests: asked,
      restore: () => {
        credentials.get = get;
        if (had) Object.defineProperty(window, 'OTPCredential', had);
        else delete (window as { OTPCredential?: unknown }).OTPCredential;
      },
    };
  }

  it('an SMS code is read by the browser and submitted without typing', async () => {
    await given({ codeSend: { body: fixtures.smsSent } });
    const otp = stubOtp('123456');
    try {
      const harness = await ready();
      await choose(harness);
      press(harness, '[part~="method-button"][data-method="sms-code"]');
      await harness.state('enrol');
      expect(otp.requests).to.have.length(1);
      expect((otp.requests[0] as { otp?: unknown }).otp).to.deep.equal({ transport: ['sms'] });
      expect(sent('codeVerify').map((request) => request.body)).to.deep.equal([{ code: '123456', identifier: IDENTIFIER, channel: 'sms' }]);
      expect(sent('codeSend')[0]!.body).to.deep.equal({ identifier: IDENTIFIER, channel: 'sms', purpose: 'sign-in' });
    } finally {
      otp.restore();
    }
  });

  it('an email code does not ask the browser for an SMS', async () => {
    await given();
    const otp = stubOtp('123456');
    try {
      await atStep('email-code');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(otp.requests).to.deep.equal([]);
      expect(sent('codeVerify')).to.deep.equal([]);
    } finally {
      otp.restore();
    }
  });

  for (const [leave, selector] of [
    ['"Change" next to the email or username', '[part~="change-button"]'],
    ['"Other ways to sign in"', '[part~="code"] [part~="other-ways-button"]'],
  ] as const) {
    it(`leaving the step by ${leave} aborts the SMS request`, async () => {
      await given({ codeSend: { body: fixtures.smsSent } });
      const otp = stubOtp();
      try {
        const harness = await atStep('sms-code');
        await waitUntil(() => otp.requests.length === 1, 'WebOTP asked');
        expect(otp.requests[0]!.signal?.aborted).to.equal(false);
        press(harness, selector);
        await waitUntil(() => harness.element.state !== 'code', 'left the code step');
        expect(otp.requests[0]!.signal?.aborted).to.equal(true);
        expect(sent('codeVerify')).to.deep.equal([]);
      } finally {
        otp.restore();
      }
    });
  }
});

describe('fallbacks: focus and accessibility', () => {
  it('after "Email me a code" focus ends on the code input, which is one field for any code', async () => {
    await given();
    const harness = await atStep('email-code');
    expect(harness.root.activeElement?.id).to.equal('code');
    const input = query<HTMLInputElement>(harness, '#code')!;
    expect(input.autocomplete).to.equal('one-time-code');
    expect(input.inputMode).to.equal('numeric');
    expect(harness.root.querySelectorAll('input:not([type="hidden"]):not(.visually-hidden)')).to.have.length(1);
    expect(query<HTMLLabelElement>(harness, 'label[for="code"]')!.textContent!.trim()).to.equal('Code');
    expect(harness.text).to.include(`We emailed a 6-digit code to ${fixtures.emailSent.destination}.`).and.to.include('It expires in 10 minutes.');
  });

  it('chooser, password, recovery code, recovered and new-password steps have no axe violations', async () => {
    await given({ codeVerify: { body: { ...fixtures.signIn, recovery: true } } });
    const harness = await ready();
    await choose(harness);
    await expect(harness.element).to.be.accessible();
    await useMethod(harness, 'password');
    await expect(harness.element).to.be.accessible();
    await forgotPassword(harness);
    expect(harness.text).to.include("Confirm it's you");
    await expect(harness.element).to.be.accessible();
    await enterCode(harness, 'recovered');
    await expect(harness.element).to.be.accessible();
    await setNewPassword(harness);
    await expect(harness.element).to.be.accessible();
  });

  it('the code step and the passkey offer have no axe violations', async () => {
    await given();
    const harness = await atStep('email-code');
    await expect(harness.element).to.be.accessible();
    await enterCode(harness, 'enrol');
    expect(harness.text).to.include('Sign in faster next time');
    await expect(harness.element).to.be.accessible();
  });

  it('the password has a show/hide toggle: aria-pressed flips with the input type', async () => {
    await given();
    const harness = await atStep('password');
    const input = query<HTMLInputElement>(harness, '#password')!;
    const toggle = query<HTMLButtonElement>(harness, '[part~="show-password-button"]')!;
    expect(input.autocomplete).to.equal('current-password');
    expect(toggle.getAttribute('aria-label')).to.equal('Show password');
    expect([toggle.getAttribute('aria-pressed'), input.type]).to.deep.equal(['false', 'password']);
    toggle.click();
    // The name says what a press does next; aria-pressed says what is on now.
    expect([toggle.getAttribute('aria-pressed'), input.type, toggle.getAttribute('aria-label')]).to.deep.equal(['true', 'text', 'Hide password']);
    toggle.click();
    expect([toggle.getAttribute('aria-pressed'), input.type, toggle.getAttribute('aria-label')]).to.deep.equal(['false', 'password', 'Show password']);
  });

  it('the password field keeps its width on a phone: the toggle sits inside it', async () => {
    await given();
    const frame = document.createElement('div');
    frame.style.inlineSize = '320px';
    document.body.append(frame);
    try {
      const harness = await formReady(html`<passkey-login methods=${ALL}></passkey-login>`);
      // Moved into a phone-sized frame: it starts again there, with its other ways.
      const restarted = oneEvent(harness.element, 'passkey-login-state');
      frame.append(harness.element);
      await restarted;
      await harness.state('ready');
      await waitUntil(() => query(harness, '[part~="other-ways-button"]'), 'other ways after the move');
      await pick(harness, 'password');
      const input = query<HTMLInputElement>(harness, '#password')!;
      const toggle = query<HTMLButtonElement>(harness, '[part~="show-password-button"]')!;
      const field = input.getBoundingClientRect();
      const button = toggle.getBoundingClientRect();
      expect(field.width, 'input width at 320 px').to.be.greaterThan(230);
      expect(button.left >= field.left && button.right <= field.right, 'the toggle is inside the field').to.equal(true);
      expect(button.width).to.be.at.least(24);
      expect(button.height).to.be.at.least(24);
    } finally {
      frame.remove();
    }
  });
});

describe('fallbacks: back to the form', () => {
  // The autofill-input check must wait for the form to be back on screen, not read the step
  // being left.
  it('returning to the form from a code step raises no developer diagnostic', async () => {
    await given();
    const harness = await ready();
    const diagnostics: string[] = [];
    harness.element.addEventListener('passkey-login-diagnostic', (event) => diagnostics.push(event.detail.code));
    await pick(harness, 'email-code');
    press(harness, '[part~="change-button"]');
    await harness.state('ready');
    await waitUntil(() => platform.calls.filter((call) => call.kind === 'conditional').length >= 2, 'autofill re-armed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(diagnostics).to.deep.equal([]);
  });
});

describe('fallbacks: the identifier is carried over', () => {
  it('typed before a passkey failure, it reaches the code send, the password sign-in, and stays in the field', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    harness.type(IDENTIFIER);
    press(harness, '[part~="passkey-button"]');
    await harness.state('failed');
    await harness.settled();
    await waitUntil(() => methodButton(harness, 'email-code'), 'the notice offers codes');
    await useMethod(harness, 'email-code');
    expect(sent('codeSend')[0]!.body).to.deep.equal({ identifier: IDENTIFIER, channel: 'email', purpose: 'sign-in' });

    press(harness, '[part~="change-button"]');
    await harness.state('ready');
    await harness.settled();
    expect(query<HTMLInputElement>(harness, '#identifier')!.value).to.equal(IDENTIFIER);

    await choose(harness, '');
    expect(harness.identity).to.equal(IDENTIFIER);
    await useMethod(harness, 'password');
    expect(harness.identity).to.equal(IDENTIFIER);
    const success = nextSuccess(harness);
    enter(harness, '#password', 'correct horse battery');
    // After a password sign-in without conditional create: the explicit passkey offer.
    await harness.state('enrol');
    await harness.settled();
    harness.click('Not now');
    expect((await success).detail).to.deep.equal({ user: fixtures.signIn.user, source: 'password' });
    expect(sent('passwordSignIn')[0]!.body).to.deep.equal({ identifier: IDENTIFIER, password: 'correct horse battery' });

    await harness.state('signed-in');
    expect(localStorage.getItem(LAST_USED)).to.equal('password');
  });

  it('after "Change" from the password step, the field holds the identifier, selected', async () => {
    await given();
    const harness = await atStep('password');
    press(harness, '[part~="change-button"]');
    await harness.state('ready');
    await harness.element.updateComplete;
    expect(query<HTMLInputElement>(harness, '#identifier')!.value).to.equal(IDENTIFIER);
  });
});

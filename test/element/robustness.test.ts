/**
 * What a real backend (or a broken one) can do to the element: loop it, hand it numbers out of
 * any sensible range, stop answering a poll, sign out in another element of the page, or be sent
 * a query full of `undefined`. Each ends in a clear message with a way forward, never a loop, a
 * frozen countdown or a wrong screen.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { DiagnosticDetail, FailureDetail } from '../../src/events.js';
import { fixtures, problem } from '../mocks/backend.js';
import { elementTests, given, ready as formReady, sent } from '../support/element.js';
import { mount, type Harness } from '../support/harness.js';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function collect<T>(harness: Harness, type: string): T[] {
  const seen: T[] = [];
  harness.element.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

async function ready(template = html`<passkey-login methods="passkey email-code sms-code password device"></passkey-login>`): Promise<Harness> {
  const harness = await formReady(template);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"], [part~="method-button"]'), 'fallbacks on the form');
  return harness;
}

const press = (harness: Harness, selector: string) => {
  const button = harness.root.querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  button.focus();
  button.click();
};

async function codeStep(harness: Harness, method = 'email-code'): Promise<void> {
  harness.type('ada@example.com');
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await harness.settled();
  press(harness, `[data-method="${method}"]`);
  await harness.state('code');
  await waitUntil(() => harness.root.querySelector('form[part~="code"][aria-busy="false"]'), `code entry: ${harness.text}`);
}

describe('robustness: a backend that never keeps its challenge', () => {
  it('one quiet re-arm, then the expiry is shown with the ways on, a failure event and a diagnostic', async () => {
    // Verify always says the challenge expired (a session cookie that never comes back), while a
    // passkey is picked from autofill at once every time it is offered.
    await given({ authenticationVerify: problem(400, 'challenge-expired') }, { conditional: { resolve: true } });
    const harness = await mount(html`<passkey-login methods="passkey email-code"></passkey-login>`);
    const failures = collect<FailureDetail>(harness, 'passkey-login-failure');
    const diagnostics = collect<DiagnosticDetail>(harness, 'passkey-login-diagnostic');
    await harness.state('failed', 6000);
    await harness.settled();
    await sleep(1500);
    expect(harness.element.state).to.equal('failed');
    expect(sent('authenticationVerify'), 'verify requests').to.have.length(2);
    expect(sent('authenticationOptions').length, 'options requests').to.be.at.most(3);
    expect(harness.text).to.include('That sign-in request expired');
    expect(harness.root.querySelector('[part~="method-button"][data-method="email-code"]')).not.to.equal(null);
    expect(failures).to.deep.equal([{ code: 'challenge-expired', source: 'autofill', status: 400 }]);
    expect(diagnostics.map((d) => d.code)).to.include('challenge-not-kept');
  });

  it('a single expiry after autofill sat past the challenge is re-armed quietly and the next pick signs in', async () => {
    await given(
      { authenticationVerify: [problem(400, 'challenge-expired'), { body: fixtures.signIn }] },
      { conditional: { resolve: true } },
    );
    const harness = await mount();
    const failures = collect<FailureDetail>(harness, 'passkey-login-failure');
    await harness.state('signed-in', 6000);
    expect(failures).to.deep.equal([]);
  });
});

describe('robustness: numbers from the server are bounded', () => {
  it('Retry-After: 99999999999 waits a day at most, and says so in a sentence a person can read', async () => {
    await given({
      codeSend: { ...problem(429, 'rate-limited'), headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '99999999999' } },
    });
    const harness = await ready();
    const diagnostics = collect<DiagnosticDetail>(harness, 'passkey-login-diagnostic');
    await codeStep(harness);
    await waitUntil(() => harness.root.querySelector('[part~="failure-notice"]'), 'refused');
    expect(harness.text).not.to.match(/1666666667|99999999999/);
    expect(harness.text).to.include('You can try again in 24 hours.');
    expect(diagnostics.find((d) => d.code === 'out-of-range')?.message).to.include('Retry-After');
  });

  it('a resendAfter past what a timer can hold still counts down, bounded to a day', async () => {
    await given({ codeSend: { body: { ...fixtures.emailSent, resendAfter: 2_147_484 } } });
    const harness = await ready();
    const diagnostics = collect<DiagnosticDetail>(harness, 'passkey-login-diagnostic');
    await codeStep(harness);
    // A timer overflow would fire at once and offer "Send a new code" right away.
    await sleep(300);
    const resend = harness.root.querySelector<HTMLButtonElement>('[part~="resend-button"]');
    expect(resend === null || resend.disabled || resend.getAttribute('aria-disabled') === 'true', 'no resend yet').to.equal(true);
    expect(diagnostics.find((d) => d.code === 'out-of-range')?.message).to.include('resendAfter');
  });

  it('a code length of 0 is not asked for: any code of 4 to 12 digits goes to the server', async () => {
    await given({ codeSend: { body: { ...fixtures.emailSent, length: 0 } } });
    const harness = await ready();
    const diagnostics = collect<DiagnosticDetail>(harness, 'passkey-login-diagnostic');
    await codeStep(harness);
    expect(harness.text).not.to.include('0-digit');
    expect(harness.text).not.to.include('0 digits');
    const input = harness.root.querySelector<HTMLInputElement>('#code')!;
    input.value = '12345678';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => sent('codeVerify').length === 1, 'the code went to the server');
    expect(sent('codeVerify')[0]!.body).to.deep.equal({ code: '12345678', identifier: 'ada@example.com', channel: 'email' });
    expect(diagnostics.find((d) => d.code === 'out-of-range')?.message).to.include('length');
  });

  it('triesLeft: 1e9 is not shown', async () => {
    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 1e9 }) });
    const harness = await ready();
    await codeStep(harness);
    const input = harness.root.querySelector<HTMLInputElement>('#code')!;
    input.value = '987654';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => harness.root.querySelector('[part~="failure-notice"][data-code="code-invalid"]'), 'refused');
    expect(harness.text).not.to.include('1000000000');
    expect(harness.text).to.include("That code isn't right");
  });

  it('options with timeout: 1 are not fetched again every second while the form is idle', async () => {
    await given({ authenticationOptions: { body: { ...fixtures.requestOptions, timeout: 1 } } });
    const harness = await mount();
    const diagnostics = collect<DiagnosticDetail>(harness, 'passkey-login-diagnostic');
    await harness.state('ready');
    await sleep(2500);
    expect(sent('authenticationOptions')).to.have.length(1);
    expect(diagnostics.find((d) => d.code === 'out-of-range')?.message).to.include('timeout');
  });
});

describe('robustness: approval from another device when polling fails', () => {
  const request = { id: 'AAAAAAAAAAAAAAAAAAAAAA', code: '7KQ2-M9XD', expiresIn: 600, pollAfter: 1 };

  async function waiting(harness: Harness): Promise<void> {
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await harness.settled();
    press(harness, '[data-method="device"]');
    await harness.state('device');
    await waitUntil(() => harness.root.querySelector('[part~="device-code"]'), `device code shown: ${harness.text}`);
  }

  const cases = [
    ['answering 500', { status: 500, body: { code: 'server' } }],
    ['down', { network: 'error' as const }],
    ['"approved" without a user', { body: { status: 'approved' } }],
  ] as const;
  for (const [name, reply] of cases) {
    it(`a status request ${name}: a notice says so while it keeps trying, with the ways on`, async () => {
      await given({ deviceRequest: { status: 201, body: request }, deviceRequestStatus: reply });
      const harness = await ready();
      await waiting(harness);
      await waitUntil(() => harness.root.querySelector('[part~="poll-notice"]'), `a notice: ${harness.text}`, { timeout: 8000 });
      expect(harness.text).to.include('7KQ2-M9XD');
      expect(harness.root.querySelector('[part~="poll-notice"]')!.getAttribute('role')).to.equal('status');
      expect(harness.root.querySelector('[part~="other-ways-button"]')).not.to.equal(null);
      const before = sent('deviceRequestStatus').length;
      await waitUntil(() => sent('deviceRequestStatus').length > before, 'still polling', { timeout: 8000 });
    });
  }

  it('a status request that hangs is given up after the request timeout, and says so', async () => {
    await given({ deviceRequest: { status: 201, body: request }, deviceRequestStatus: { hang: true } });
    const harness = await ready(html`<passkey-login methods="passkey device" request-timeout="500"></passkey-login>`);
    await waiting(harness);
    await waitUntil(() => harness.root.querySelector('[part~="poll-notice"]'), `a notice: ${harness.text}`, { timeout: 8000 });
  });

  it('the notice goes away when an answer comes through again', async () => {
    await given({
      deviceRequest: { status: 201, body: request },
      deviceRequestStatus: [{ network: 'error' }, { network: 'error' }, { body: { status: 'pending', pollAfter: 1 } }],
    });
    const harness = await ready();
    await waiting(harness);
    await waitUntil(() => harness.root.querySelector('[part~="poll-notice"]'), 'a notice', { timeout: 8000 });
    await waitUntil(() => !harness.root.querySelector('[part~="poll-notice"]'), 'notice gone', { timeout: 8000 });
  });
});

describe('robustness: two elements on one page', () => {
  it('signing out in one signs the other out too', async () => {
    await given({ session: { body: fixtures.signIn } });
    const first = await mount(html`<passkey-login check-session></passkey-login>`);
    const second = await mount(html`<passkey-login check-session></passkey-login>`);
    await first.state('signed-in');
    await second.state('signed-in');
    await first.settled();
    first.click('Sign out');
    await first.state('ready');
    await second.state('ready');
    expect(second.text).not.to.include('Signed in as');
    // Only the element that was asked signs out at the backend.
    expect(sent('signOut')).to.have.length(1);
  });
});

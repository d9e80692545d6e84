/**
 * The prompts as a person meets them: fields that keep what matters and drop what is stale,
 * codes that send themselves, Escape that cancels and steps back, a step that says only what is
 * true of this account, and the upgrade after a password that does not keep anyone waiting.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { PasskeyLoginSuccessEvent } from '../../src/events.js';
import { fixtures, problem } from '../mocks/backend.js';
import { elementTests, given, platform, ready as formReady, sent } from '../support/element.js';
import type { Harness } from '../support/harness.js';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const IDENTIFIER = 'ada@example.com';
const ALL = 'passkey hybrid email-code sms-code password';

async function ready(methods = ALL): Promise<Harness> {
  const harness = await formReady(html`<passkey-login methods=${methods}></passkey-login>`);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"], [part~="method-button"]'), 'other ways on the form');
  return harness;
}

const query = <T extends Element = HTMLElement>(harness: Harness, selector: string) => harness.root.querySelector<T>(selector);

function press(harness: Harness, selector: string): void {
  const button = query<HTMLButtonElement>(harness, selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  button.focus();
  button.click();
}

async function pick(harness: Harness, method: string): Promise<void> {
  harness.type(IDENTIFIER);
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await waitUntil(() => query(harness, `[data-method="${method}"]`), `${method} offered`);
  press(harness, `[data-method="${method}"]`);
}

async function codeStep(harness: Harness): Promise<void> {
  await pick(harness, 'email-code');
  await harness.state('code');
  await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"] #code'), `code entry: ${harness.text}`);
}

function typeCode(harness: Harness, value: string): HTMLInputElement {
  const input = query<HTMLInputElement>(harness, '#code')!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return input;
}

describe('prompts: a one-time code', () => {
  it('takes digits only: letters fall away, spaces and dashes of a pasted code too', async () => {
    await given({ codeVerify: { hang: true } });
    const harness = await ready();
    await codeStep(harness);
    expect(typeCode(harness, '12ab3').value).to.equal('123');
    expect(typeCode(harness, '123 45').value).to.equal('12345');
    expect(sent('codeVerify'), 'nothing sent before the last digit').to.have.length(0);
  });

  it('is sent as soon as the last digit is typed or pasted, without a press on "Sign in"', async () => {
    await given({ codeVerify: { hang: true } });
    const harness = await ready();
    await codeStep(harness);
    typeCode(harness, '123-456');
    await waitUntil(() => sent('codeVerify').length === 1, 'sent by itself');
    expect(sent('codeVerify')[0]!.body).to.deep.include({ code: '123456' });
  });

  it('a format error replaces the stale "That code isn\'t right", and typing answers the error', async () => {
    await given({ codeSend: { body: { ...fixtures.emailSent, length: 8 } }, codeVerify: problem(400, 'code-invalid', { triesLeft: 4 }) });
    const harness = await ready();
    await codeStep(harness);
    typeCode(harness, '12345678');
    await waitUntil(() => query(harness, '[part~="failure-notice"][data-code="code-invalid"]'), 'refused');
    await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"]'), 'ready for another try');
    typeCode(harness, '123');
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => query(harness, '[part~="field-error"]'), 'a format error');
    expect(harness.text).to.include('Enter the 8 digits from the message.');
    expect(harness.text, 'the old failure is not shown beside it').not.to.include("That code isn't right");
    expect(query(harness, '[part~="field-error"]')!.getAttribute('role')).to.equal('alert');
    typeCode(harness, '1234');
    await waitUntil(() => !query(harness, '[part~="field-error"]'), 'the error answered by typing');
  });
});

describe('prompts: a password', () => {
  it('"Enter your password." goes once the person types', async () => {
    await given();
    const harness = await ready();
    await pick(harness, 'password');
    await harness.state('password');
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => harness.text.includes('Enter your password.'), 'asked for');
    const input = query<HTMLInputElement>(harness, '#password')!;
    input.value = 'c';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => !harness.text.includes('Enter your password.'), 'answered');
  });
});

describe('prompts: Escape', () => {
  it('cancels the wait for a passkey, and steps back from the chooser', async () => {
    await given({}, { get: { hang: true } });
    const harness = await ready();
    press(harness, '[part~="passkey-button"]');
    await harness.state('ceremony');
    await waitUntil(() => platform.calls.some((call) => call.kind === 'get'), 'the sheet is open');
    await sendKeys({ press: 'Escape' });
    await harness.state('ready');
    expect(platform.calls.find((call) => call.kind === 'get')!.options.signal?.aborted).to.equal(true);

    harness.type(IDENTIFIER);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await harness.element.updateComplete;
    await sendKeys({ press: 'Escape' });
    await harness.state('ready');
  });

  it('cancels a passkey started from the chooser back to the chooser', async () => {
    await given({}, { get: { hang: true } });
    const harness = await ready();
    await pick(harness, 'passkey');
    await harness.state('ceremony');
    await waitUntil(() => platform.calls.some((call) => call.kind === 'get'), 'the sheet is open');
    await sendKeys({ press: 'Escape' });
    await harness.state('choosing');
  });

  it('goes back from "Need help?"', async () => {
    await given();
    const harness = await ready();
    harness.type(IDENTIFIER);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await waitUntil(() => query(harness, '[part~="help-button"]'), 'help offered');
    press(harness, '[part~="help-button"]');
    await harness.state('help');
    await harness.element.updateComplete;
    await sendKeys({ press: 'Escape' });
    await harness.state('choosing');
  });
});

describe('prompts: only what is true of this account', () => {
  it('"Welcome back" for an account with codes and a password only: no passkey button, the first way in primary', async () => {
    await given({ registrationOptions: problem(409, 'identifier-taken'), methods: { body: { methods: ['email-code', 'password'] } } });
    const harness = await ready();
    harness.type(IDENTIFIER);
    harness.click('Continue');
    await harness.state('returning');
    await waitUntil(() => query(harness, '[part~="method-button"]'), 'the ways in');
    const methods = [...harness.root.querySelectorAll<HTMLElement>('[part~="method-button"]')].map((button) => button.dataset.method);
    expect(methods).to.deep.equal(['email-code', 'password']);
    expect(query(harness, '[data-method="email-code"]')!.getAttribute('part')).to.include('primary-button');
    expect(harness.text).not.to.include('passkey');
  });

  it('a failure for an account without a passkey offers its codes, and says nothing of another device it has no button for', async () => {
    await given({ methods: { body: { methods: ['email-code'] } } }, { get: { reject: 'NotAllowedError' }, capabilities: { hybridTransport: false } });
    const harness = await ready('passkey email-code password');
    harness.type(IDENTIFIER);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await waitUntil(() => query(harness, '[data-method="email-code"]'), 'narrowed');
    expect(harness.buttonLabels()).not.to.include('Use my password');
    expect(harness.buttonLabels()).not.to.include('Use a phone or tablet');
    expect(harness.text).not.to.match(/another device|phone or tablet/);
    // One primary button: the likeliest way on; "Try again" beside the others.
    expect(harness.root.querySelectorAll('[part~="primary-button"]')).to.have.length(1);
    expect(query(harness, '[part~="retry-button"]')!.getAttribute('part')).to.include('secondary-button');
  });
});

describe('prompts: after a password, no waiting', () => {
  it('a correct password where the silent upgrade cannot happen moves on within about a second', async () => {
    await given({ registrationOptions: { hang: true } }, { capabilities: { conditionalCreate: true } });
    const harness = await ready();
    await pick(harness, 'password');
    await harness.state('password');
    const input = query<HTMLInputElement>(harness, '#password')!;
    input.value = 'correct horse battery';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const started = performance.now();
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    press(harness, '[part~="submit-button"]');
    await harness.state('enrol', 4000);
    expect(performance.now() - started, 'ms until the person is past "Signing you in…"').to.be.below(2500);
    harness.click('Not now');
    expect((await success).detail.source).to.equal('password');
  });
});

describe('prompts: passkeys made in this visit', () => {
  it('after sign-up, no "Add a backup passkey" in the same visit', async () => {
    await given({ passkeys: { body: { passkeys: [{ id: 'p1', backedUp: false }] } } }, { create: { resolve: true } });
    const harness = await formReady(html`<passkey-login></passkey-login>`);
    harness.type(IDENTIFIER);
    harness.click('Continue');
    await harness.state('confirm-create');
    await harness.settled();
    harness.click('Create a passkey');
    await harness.state('signed-in');
    await harness.settled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent('passkeys'), 'the inventory is not even asked').to.have.length(0);
    expect(harness.text).not.to.include('Add a backup passkey');
  });
});

/**
 * The funnel events (`passkey-login-funnel`) as an analytics listener on the page receives them:
 * which steps, in which order, with which fields. Nothing personal in any of them is checked for
 * every test by the shared hooks (test/support/privacy.ts); here, the exact details.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { FunnelDetail, PasskeyLoginFunnelEvent } from '../../src/events.js';
import { problem } from '../mocks/backend.js';
import { elementTests, given, ready as formReady } from '../support/element.js';
import type { Harness } from '../support/harness.js';

const ALL = 'passkey hybrid email-code sms-code password';
const IDENTIFIER = 'ada@example.com';
const FALLBACKS = ['email-code', 'sms-code', 'password'];

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

let funnel: FunnelDetail[] = [];
let bubbled: PasskeyLoginFunnelEvent[] = [];
const listen = (event: PasskeyLoginFunnelEvent) => {
  bubbled.push(event);
  funnel.push(event.detail);
};
beforeEach(() => {
  funnel = [];
  bubbled = [];
  // As a page's analytics would: on the document, outside the element's shadow root.
  document.addEventListener('passkey-login-funnel', listen);
});
afterEach(() => document.removeEventListener('passkey-login-funnel', listen));

async function ready(): Promise<Harness> {
  const harness = await formReady(html`<passkey-login methods=${ALL}></passkey-login>`);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"]'), 'fallbacks on the form');
  // Only what the person does from here on.
  funnel = [];
  return harness;
}

function press(harness: Harness, selector: string): void {
  const button = harness.root.querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  button.focus();
  button.click();
}

function enter(harness: Harness, selector: string, value: string): void {
  const input = harness.root.querySelector<HTMLInputElement>(selector)!;
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

/** The details with their durations replaced by a marker, after checking each is a sane number. */
function shape(details: FunnelDetail[]): FunnelDetail[] {
  return details.map((detail) => {
    if (detail.durationMs === undefined) return detail;
    expect(detail.durationMs, `${detail.step} durationMs`).to.be.a('number').and.to.be.at.least(0).and.to.be.below(60_000);
    expect(Number.isInteger(detail.durationMs), `${detail.step} durationMs is whole milliseconds`).to.equal(true);
    return { ...detail, durationMs: -1 };
  });
}

async function choose(harness: Harness): Promise<void> {
  harness.type(IDENTIFIER);
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await harness.settled();
}

describe('funnel: a passkey cancelled, an emailed code instead, the passkey offer declined', () => {
  it('attempt, failure, fallback offered and chosen, attempt, offer, declined, success', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    harness.type(IDENTIFIER);
    press(harness, '[part~="passkey-button"]');
    await harness.state('failed');
    await harness.settled();
    press(harness, '[part~="failure"] [data-method="email-code"]');
    await harness.state('code');
    await waitUntil(() => harness.root.querySelector('form[part~="code"][aria-busy="false"]'), `code entry: ${harness.text}`);
    enter(harness, '#code', '123456');
    await harness.state('enrol');
    await harness.settled();
    press(harness, '[part~="not-now-button"]');
    await harness.state('signed-in');

    expect(shape(funnel)).to.deep.equal([
      { step: 'attempt', source: 'passkey' },
      { step: 'failure', reason: 'cancelled', source: 'passkey', durationMs: -1 },
      { step: 'fallback-offered', methods: FALLBACKS },
      { step: 'fallback-chosen', method: 'email-code' },
      { step: 'attempt', source: 'email-code' },
      { step: 'enrol-offered' },
      // The sign-in ends, and is reported, when the flow finishes: after the offer was answered.
      { step: 'enrol-declined' },
      { step: 'success', source: 'email-code', durationMs: -1 },
    ]);
    expect(bubbled.every((event) => event.bubbles && event.composed)).to.equal(true);
  });
});

describe('funnel: help', () => {
  it('"Need help?" from a failure: help-opened, with nothing else in it', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    press(harness, '[part~="passkey-button"]');
    await harness.state('failed');
    await harness.settled();
    const before = funnel.length;
    press(harness, '[part~="failure"] [part~="help-button"]');
    await harness.state('help');
    expect(funnel.slice(before)).to.deep.equal([{ step: 'help-opened' }]);
  });

  it('from the chooser, then a recovery code: help-opened, then an attempt by support', async () => {
    await given({ recoveryRedeem: problem(400, 'recovery-code-invalid') });
    const harness = await ready();
    await choose(harness);
    press(harness, '[part~="chooser"] [part~="help-button"]');
    await harness.state('help');
    press(harness, '[part~="have-code-button"]');
    await harness.state('redeem');
    await harness.element.updateComplete;
    enter(harness, '#recovery-code', '7KQ4-M2XP');
    await waitUntil(() => harness.root.querySelector('[part~="failure-notice"]'), `refused: ${harness.text}`);
    expect(shape(funnel)).to.deep.equal([
      { step: 'fallback-offered', methods: FALLBACKS },
      { step: 'help-opened' },
      { step: 'attempt', source: 'support' },
      { step: 'failure', reason: 'recovery-code-invalid', source: 'support', durationMs: -1 },
    ]);
  });
});

describe('funnel: a wrong password', () => {
  it('fallback chosen, attempt, failure with reason, source and duration', async () => {
    await given({ passwordSignIn: problem(400, 'invalid-credentials') });
    const harness = await ready();
    await choose(harness);
    press(harness, '[data-method="password"]');
    await harness.state('password');
    await harness.element.updateComplete;
    enter(harness, '#password', 'correct horse battery');
    await waitUntil(() => harness.root.querySelector('[part~="failure-notice"]'), `refused: ${harness.text}`);

    expect(shape(funnel)).to.deep.equal([
      { step: 'fallback-offered', methods: FALLBACKS },
      { step: 'fallback-chosen', method: 'password' },
      { step: 'attempt', source: 'password' },
      { step: 'failure', reason: 'invalid-credentials', source: 'password', durationMs: -1 },
    ]);
    const failure = funnel.at(-1)!;
    expect(Object.keys(failure).sort()).to.deep.equal(['durationMs', 'reason', 'source', 'step']);
  });
});

/**
 * End to end: fallbacks (one-time codes, password, recovery) in real Chromium against the real
 * reference server, reading the codes it sends from its dev outbox.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import type { PasskeyLoginSuccessEvent } from '../../src/events.js';
import { authenticator } from '../support/authenticator.js';
import { Harness, mount } from '../support/harness.js';

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
let counter = 0;
const uniqueName = () => `fb-${Date.now().toString(36)}-${(counter += 1)}`;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`/api/auth${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'passkey-login', ...init.headers },
  });
}

/** An account with a password, an email and a phone, signed out again. */
async function account(extra: { password?: string; email?: string; phone?: string } = {}): Promise<{ name: string; email: string; phone: string; password: string }> {
  const name = uniqueName();
  const details = { password: 'correct horse battery', email: `${name}@example.com`, phone: '+4917012345678', ...extra };
  const response = await api('/account', { method: 'POST', body: JSON.stringify({ identifier: name, ...details }) });
  expect(response.status, await response.clone().text()).to.equal(201);
  await api('/sign-out', { method: 'POST', body: '{}' });
  return { name, ...details };
}

/** The newest code the dev outbox holds for `to`. */
async function codeFor(to: string): Promise<string> {
  const { messages } = (await (await api('/dev/outbox')).json()) as { messages: { to: string; text: string }[] };
  const message = messages.find((candidate) => candidate.to === to);
  if (!message) throw new Error(`no message to ${to}`);
  return /#(\d+)\s*$/.exec(message.text)?.[1] ?? /\b(\d{6,})\b/.exec(message.text)![1]!;
}

function enter(harness: Harness, selector: string, value: string): void {
  const input = harness.root.querySelector<HTMLInputElement>(selector)!;
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

before(() => window.addEventListener('unhandledrejection', onUnhandled));
after(() => window.removeEventListener('unhandledrejection', onUnhandled));
beforeEach(async () => {
  await authenticator.add();
  await api('/sign-out', { method: 'POST', body: '{}' });
});
afterEach(async () => {
  await authenticator.remove();
  expect(unhandled, 'unhandled rejections').to.deep.equal([]);
});

const withFallbacks = () => html`<passkey-login methods="passkey hybrid email-code sms-code password"></passkey-login>`;

describe('e2e: fallbacks against the reference server', () => {
  it('passkey cancelled → "Email me a code" → code from the outbox → signed in', async () => {
    const user = await account();
    const harness = await mount(withFallbacks());
    await harness.state('ready');
    await harness.settled();
    harness.type(user.name);
    await authenticator.setUserVerified(false);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    harness.click('Email me a code');
    await harness.state('code');
    await harness.element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.text).to.include('We emailed a 6-digit code to');
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    enter(harness, '#code', await codeFor(user.email));
    await harness.state('enrol');
    harness.click('Not now');
    expect((await success).detail).to.deep.include({ source: 'email-code' });
    expect((await success).detail.user.name).to.equal(user.name);
  });
});

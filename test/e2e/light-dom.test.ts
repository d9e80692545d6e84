/**
 * End to end with `light-dom`: the inputs among the element's own children, a virtual
 * authenticator and the real reference server. Sign-up through the light input, autofill that
 * signs in from it, a password typed into the light form (Enter, as a password manager's fill
 * and submit would). (The code steps' inputs stay in the shadow root, unchanged; no code is sent
 * here: the e2e files share the server's per-address send limit.)
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLoginSuccessEvent } from '../../src/events.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { Harness, mount } from '../support/harness.js';

const ALL = 'passkey hybrid email-code password';
const forSuccess = (harness: Harness) => oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
const lightInput = (harness: Harness, autocomplete: string) =>
  harness.element.querySelector<HTMLInputElement>(`form[data-passkey-login-fields] input[autocomplete="${autocomplete}"]`);

/** Types into a light input and presses Enter: its form's submission. */
function enter(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.form!.requestSubmit();
}

async function lightElement(): Promise<Harness> {
  const harness = await mount(html`<passkey-login light-dom methods=${ALL}></passkey-login>`);
  await harness.state('ready');
  await harness.settled();
  return harness;
}

endToEnd(() => localStorage.clear());

describe('e2e: light-dom inputs against the reference server', () => {
  it('sign-up from the light input, then autofill on a new element’s light input signs back in', async () => {
    await authenticator.setPresence(false);
    const harness = await lightElement();
    const name = uniqueName('light');
    const identifier = lightInput(harness, 'username webauthn')!;
    expect(identifier.closest('passkey-login')).to.equal(harness.element);
    enter(identifier, name);
    await harness.state('confirm-create');
    await authenticator.setPresence(true);
    harness.click('Create a passkey');
    await harness.state('signed-in');
    expect(await authenticator.credentials()).to.have.length(1);
    harness.element.remove();
    await api('/sign-out', { method: 'POST', body: '{}' });

    // The virtual authenticator answers a conditional request at once (TOOLING.md): arming
    // autofill on the light input is what signs in.
    const next = await mount(html`<passkey-login light-dom methods=${ALL}></passkey-login>`);
    const success = await forSuccess(next);
    expect(success.detail.source).to.equal('autofill');
    expect(success.detail.user.name).to.equal(name);
  });

  it('a password typed into the light form signs in; the form is gone after', async () => {
    const name = uniqueName('light');
    const password = 'correct horse battery';
    const created = await api('/account', { method: 'POST', body: JSON.stringify({ identifier: name, password, email: `${name}@example.com` }) });
    expect(created.status, await created.clone().text()).to.equal(201);
    await api('/sign-out', { method: 'POST', body: '{}' });
    await authenticator.setPresence(false);
    const harness = await lightElement();
    // The harness types into the step's first input: with light-dom, the element's own child.
    harness.type(name);
    harness.click('Other ways to sign in');
    await harness.state('choosing');
    await waitUntil(() => harness.buttonLabels().includes('Use my password'), `password offered: ${harness.text}`);
    harness.click('Use my password');
    await harness.state('password');
    await harness.element.updateComplete;
    const success = forSuccess(harness);
    expect(lightInput(harness, 'username')!.value).to.equal(name);
    enter(lightInput(harness, 'current-password')!, password);
    await harness.state('enrol');
    await harness.settled();
    harness.click('Not now');
    expect((await success).detail).to.deep.include({ source: 'password' });
    await harness.state('signed-in');
    expect(harness.element.querySelector('form[data-passkey-login-fields]')).to.equal(null);
    const session = await (await api('/session')).json();
    expect(session.user.name).to.equal(name);
  });
});

/**
 * Immediate mode on the passkey button, end to end: real Chromium, a virtual authenticator, the
 * reference server, and a real click (immediate mode needs a true user gesture; TOOLING.md). A
 * click from script has no user activation, so it gets the browser's sheet instead: the other e2e
 * files rely on that.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendMouse } from '@web/test-runner-commands';
import type { PasskeyLoginSuccessEvent } from '../../src/events.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { mount, type Harness } from '../support/harness.js';

endToEnd();

/** A click the browser counts as the person's: through the DevTools Protocol, at the button's centre. */
async function realClick(button: HTMLElement): Promise<void> {
  const { x, y, width, height } = button.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
}

const passkeyButton = (harness: Harness) => harness.root.querySelector<HTMLButtonElement>('[part~="passkey-button"]')!;

async function immediateSupported(): Promise<boolean> {
  const PKC = PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> };
  return (await PKC.getClientCapabilities?.())?.immediateGet === true;
}

describe('e2e: immediate mode on the passkey button', () => {
  it('no passkey on this device: no sheet and no error, straight to the other ways in; the next click opens the sheet', async function () {
    if (!(await immediateSupported())) this.skip();
    await authenticator.setPresence(false);
    const harness = await mount(html`<passkey-login methods="passkey hybrid email-code"></passkey-login>`);
    await harness.state('ready');
    await harness.settled();
    const failures: unknown[] = [];
    harness.element.addEventListener('passkey-login-failure', (event) => failures.push(event.detail));
    await realClick(passkeyButton(harness));
    await harness.state('choosing');
    await harness.settled();
    expect(failures, 'no error for a passkey that is not here').to.deep.equal([]);
    // It says what happened, and the passkey button (the sheet: a security key, a phone) is no
    // longer the first way on.
    expect(harness.text).to.include("We didn't find a passkey for this site on this device.");
    const ways = [...harness.root.querySelectorAll<HTMLElement>('[part~="method-button"]')].map((button) => button.dataset.method);
    expect(ways[0]).not.to.equal('passkey');
    expect(harness.buttonLabels()).to.include('Create an account');
    // From the chooser, the passkey button now opens the browser's sheet (a modal request).
    harness.click('Sign in with a passkey');
    await harness.state('ceremony');
    // Cancel goes back to where the sheet was opened from.
    harness.click('Cancel');
    await harness.state('choosing');
  });

  it('a passkey on this device: immediate mode signs in with it', async function () {
    if (!(await immediateSupported())) this.skip();
    // Sign up first, so the authenticator holds a passkey; then sign out.
    const signUp = await mount();
    await signUp.state('ready');
    const name = uniqueName('immediate');
    signUp.type(name);
    signUp.click('Continue');
    await signUp.state('confirm-create');
    signUp.click('Create a passkey');
    await signUp.state('signed-in');
    signUp.element.remove();
    await api('/sign-out', { method: 'POST', body: '{}' });

    // Autofill would answer by itself with a virtual authenticator: keep it waiting.
    await authenticator.setPresence(false);
    const harness = await mount();
    await harness.state('ready');
    await harness.settled();
    await authenticator.setPresence(true);
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    await realClick(passkeyButton(harness));
    const { detail } = await success;
    expect(detail.user.name).to.equal(name);
    // Not the autofill request (kept waiting) but the button's immediate request.
    expect(detail.source).to.equal('passkey');
    await waitUntil(() => harness.element.state === 'signed-in' || harness.element.state === 'enrol', 'signed in');
  });
});

/**
 * End to end: the element in real Chromium, a DevTools-Protocol virtual authenticator doing real
 * WebAuthn ceremonies, and the real reference server (in-memory SQLite) on the same origin.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLoginFailureEvent, PasskeyLoginSuccessEvent } from '../../src/events.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { Harness, mount } from '../support/harness.js';


/** Creates an account with a passkey through the element, then signs out, leaving the credential on the authenticator. */
async function signUp(harness: Harness, name: string): Promise<void> {
  harness.type(name);
  harness.click('Continue');
  await harness.state('confirm-create');
  harness.click('Create a passkey');
  await harness.state('signed-in');
}

/**
 * A person who signed up earlier and has signed out: their passkey is on the authenticator and
 * the server knows it. The element that signed them up is gone.
 */
async function returningUser(): Promise<string> {
  const harness = await mount();
  await harness.state('ready');
  const name = uniqueName();
  await signUp(harness, name);
  harness.element.remove();
  await api('/sign-out', { method: 'POST', body: '{}' });
  return name;
}

/** A fresh element whose autofill request waits (no presence), as while a person ignores it. */
async function idleElement(template?: Parameters<typeof mount>[0]): Promise<Harness> {
  await authenticator.setPresence(false);
  const harness = await mount(template);
  await harness.state('ready');
  return harness;
}

endToEnd();

describe('e2e: passkeys against the reference server', () => {
  it('sign-up creates a passkey, and the server holds a session for the new account', async () => {
    const harness = await mount();
    await harness.state('ready');
    const name = uniqueName();
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    await signUp(harness, name);
    expect((await success).detail).to.deep.include({ source: 'create' });
    expect((await success).detail.user.name).to.equal(name);
    const credentials = await authenticator.credentials();
    expect(credentials).to.have.length(1);
    const session = await (await api('/session')).json();
    expect(session.user.name).to.equal(name);
    await harness.settled();
    expect(harness.text).to.include(`Signed in as ${name}`);
  });

  it('sign-in through autofill, with the autocomplete input in the element', async () => {
    const name = await returningUser();
    // The virtual authenticator answers a conditional request at once with its credential, so
    // the input's wiring is checked in the DOM separately (TOOLING.md).
    const harness = await mount();
    expect(harness.input!.autocomplete).to.equal('username webauthn');
    const success = (await oneEvent(harness.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(success.detail.source).to.equal('autofill');
    expect(success.detail.user.name).to.equal(name);
    expect((await authenticator.credentials())[0]!.signCount).to.be.greaterThan(0);
  });

  it('sign-in through the button aborts the waiting autofill request first', async () => {
    const name = await returningUser();
    const harness = await idleElement();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.element.state).to.equal('ready');
    await authenticator.setPresence(true);
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    harness.click('Sign in with a passkey');
    expect((await success).detail).to.deep.include({ source: 'passkey' });
    expect((await success).detail.user.name).to.equal(name);
  });

  it('a user cancel shows the failure view; "Try again" then succeeds', async () => {
    const name = await returningUser();
    const harness = await idleElement();
    // Verification refused first: with presence back, the armed autofill request would otherwise
    // sign straight in before the click.
    await authenticator.setUserVerified(false);
    await authenticator.setPresence(true);
    const failure = oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;
    harness.click('Sign in with a passkey');
    expect((await failure).detail).to.deep.equal({ code: 'cancelled', source: 'passkey' });
    await harness.state('failed');
    await harness.settled();
    expect(harness.text).to.include("Passkey sign-in didn't complete");
    expect(harness.buttonLabels()).to.include('Try again');
    if (harness.element.shadowRoot!.querySelector('[part~="hybrid-button"]')) {
      expect(harness.buttonLabels()).to.include('Use a phone or tablet');
    }

    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    await authenticator.setUserVerified(true);
    // The failure re-armed autofill, and a virtual authenticator answers a conditional request at
    // once: that request may sign in before the click (TOOLING.md). Either way the person is in.
    if (harness.element.state === 'failed') harness.click('Try again');
    const { detail } = await success;
    expect(detail.user.name).to.equal(name);
    expect(['passkey', 'autofill']).to.include(detail.source);
  });

  it('a bad signature is rejected by the server and shown as a failure', async () => {
    await returningUser();
    const harness = await idleElement();
    await authenticator.setPresence(true);
    await authenticator.override({ isBogusSignature: true });
    const failure = oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;
    harness.click('Sign in with a passkey');
    expect((await failure).detail).to.deep.equal({ code: 'verification-failed', source: 'passkey', status: 400 });
    // Read the view before the re-armed autofill request, which the virtual authenticator answers
    // at once, moves on.
    await harness.element.updateComplete;
    expect(harness.text).to.include("We couldn't confirm that passkey");
    // Asked while the signature is still bogus: the re-armed autofill request would sign in with
    // a good one.
    expect((await (await api('/session')).json()).user).to.equal(null);
    await authenticator.override({});
  });

  it('a replayed verify request is rejected', async () => {
    await returningUser();
    let verifyBody: string | undefined;
    const recordingFetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/authentication/verify')) verifyBody = String(init?.body);
      return fetch(input, init);
    };
    const harness = await mount(html`<passkey-login .fetch=${recordingFetch}></passkey-login>`);
    await harness.state('signed-in');
    expect(verifyBody).to.be.a('string');
    await api('/sign-out', { method: 'POST', body: '{}' });
    const replay = await api('/passkey/authentication/verify', { method: 'POST', body: verifyBody });
    expect(replay.status).to.equal(400);
    expect((await replay.json()).code).to.equal('challenge-expired');
    expect((await (await api('/session')).json()).user).to.equal(null);
  });

  it('two elements on one page do not abort each other', async () => {
    const name = await returningUser();
    await authenticator.setPresence(false);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<passkey-login id="first"></passkey-login><passkey-login id="second"></passkey-login>';
    document.body.append(wrapper);
    try {
      const first = new Harness(wrapper.querySelector('#first')!);
      const second = new Harness(wrapper.querySelector('#second')!);
      await first.state('ready');
      await second.state('ready');
      const failures: string[] = [];
      wrapper.addEventListener('passkey-login-failure', (event) => failures.push((event as PasskeyLoginFailureEvent).detail.code));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await authenticator.setPresence(true);

      const success = oneEvent(second.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
      second.click('Sign in with a passkey');
      expect((await success).detail).to.deep.include({ source: 'passkey' });
      expect((await success).detail.user.name).to.equal(name);
      // The first element's autofill request was paused for the click, not failed; and one page
      // has one session, so it shows the person signed in too.
      await first.state('signed-in');
      expect(failures).to.deep.equal([]);
    } finally {
      wrapper.remove();
    }
  });

  it('removing the element mid-ceremony aborts cleanly and frees the page for the next one', async () => {
    const name = await returningUser();
    const harness = await idleElement();
    harness.click('Sign in with a passkey');
    await harness.state('ceremony');
    await new Promise((resolve) => setTimeout(resolve, 200));
    harness.element.remove();
    await new Promise((resolve) => setTimeout(resolve, 200));

    await authenticator.setPresence(true);
    const next = await mount();
    const success = (await oneEvent(next.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(success.detail.user.name).to.equal(name);
  });
});

describe('e2e: sign-up edge cases against the reference server', () => {
  it('an identifier that already has an account is sent to sign-in, not a second account', async () => {
    const name = await returningUser();
    const harness = await idleElement();
    harness.type(name.toUpperCase());
    harness.click('Continue');
    await harness.state('returning');
    await authenticator.setPresence(true);
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    harness.click('Sign in with a passkey');
    expect((await success).detail.user.name).to.equal(name);
    expect(await authenticator.credentials()).to.have.length(1);
  });

  it('sign out from the element ends the server session', async () => {
    const harness = await mount(html`<passkey-login check-session></passkey-login>`);
    await harness.state('ready');
    await signUp(harness, uniqueName());
    await harness.settled();
    // Keep the re-armed autofill request waiting, or the authenticator signs straight back in.
    await authenticator.setPresence(false);
    harness.click('Sign out');
    await harness.state('ready');
    await waitUntil(async () => (await (await api('/session')).json()).user === null, 'session ended');
  });
});

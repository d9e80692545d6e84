/**
 * "Approve from another device" on the new device, what the signed-in step says about a passkey
 * just added, and the backup-passkey nudge: msw backend, WebAuthn stand-in.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { FunnelDetail, PasskeyLoginSuccessEvent } from '../../src/events.js';
import { fixtures, problem } from '../mocks/backend.js';
import { elementTests, given, ready as formReady, sent } from '../support/element.js';
import type { Harness } from '../support/harness.js';

const request = { id: 'AAAAAAAAAAAAAAAAAAAAAA', code: '7KQ2-M9XD', expiresIn: 600, pollAfter: 1 };

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

async function ready(template = html`<passkey-login methods="passkey device email-code" approve-url="/approve?code={code}"></passkey-login>`): Promise<Harness> {
  const harness = await formReady(template);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"], [part~="method-button"]'), 'fallbacks on the form');
  return harness;
}

async function deviceStep(harness: Harness): Promise<void> {
  harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!.click();
  await harness.state('choosing');
  await harness.settled();
  harness.root.querySelector<HTMLButtonElement>('[data-method="device"]')!.click();
  await harness.state('device');
  await waitUntil(() => harness.root.querySelector('[part~="device-code"]'), `device code shown: ${harness.text}`);
}

describe('another device: the new device', () => {
  it('shows the binding code and a QR code of the approval page, polls, and signs in once approved', async () => {
    await given({
      deviceRequest: { status: 201, body: request },
      deviceRequestStatus: [{ body: { status: 'pending', pollAfter: 1 } }, { body: { status: 'approved', ...fixtures.signIn } }],
    });
    const harness = await ready();
    harness.type('ada@example.com');
    await deviceStep(harness);
    expect(harness.text).to.include('7KQ2-M9XD');
    expect(sent('deviceRequest')[0]!.body).to.deep.equal({ identifier: 'ada@example.com' });
    // The QR code comes from its own chunk, drawn as an SVG path (nothing injected as markup).
    await waitUntil(() => harness.root.querySelector('svg[part~="qr"] path'), 'QR code drawn', { timeout: 4000 });
    expect(harness.root.querySelector('svg[part~="qr"]')!.getAttribute('aria-label')).to.equal('QR code of the approval page');
    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    // After a device sign-in, the passkey offer comes first (FAILURES.md).
    await harness.state('enrol', 8000);
    harness.click('Not now');
    expect((await success).detail.source).to.equal('device');
    expect(sent('deviceRequestStatus').map((r) => new URL(r.url).pathname)).to.deep.equal([
      `/api/auth/device/request/${request.id}`,
      `/api/auth/device/request/${request.id}`,
    ]);
  });

  it('needs no identifier: the approving device knows who is signed in there', async () => {
    await given({ deviceRequest: { status: 201, body: request }, deviceRequestStatus: { hang: true } });
    const harness = await ready();
    await deviceStep(harness);
    expect(sent('deviceRequest')[0]!.body).to.deep.equal({});
  });

  it('a denial says so, with a way to try again', async () => {
    await given({ deviceRequest: { status: 201, body: request }, deviceRequestStatus: { body: { status: 'denied' } } });
    const funnel: FunnelDetail[] = [];
    const harness = await ready();
    harness.element.addEventListener('passkey-login-funnel', (event) => funnel.push(event.detail));
    await deviceStep(harness);
    await waitUntil(() => harness.root.querySelector('[data-code="denied"]'), `denied: ${harness.text}`, { timeout: 4000 });
    expect(harness.text).to.include('The sign-in was denied');
    expect(harness.buttonLabels()).to.include('Try again');
    expect(funnel.map((detail) => detail.step)).to.include.members(['device-requested', 'device-denied']);
  });

  it('an expired request asks for a new code; a new one can be had', async () => {
    await given({
      deviceRequest: [{ status: 201, body: { ...request, expiresIn: 1 } }, { status: 201, body: { ...request, code: 'M9XD-7KQ2' } }],
      deviceRequestStatus: { body: { status: 'pending', pollAfter: 5 } },
    });
    const harness = await ready();
    await deviceStep(harness);
    await waitUntil(() => harness.root.querySelector('[data-code="expired"]'), `expired: ${harness.text}`, { timeout: 4000 });
    harness.click('Get a new code');
    await waitUntil(() => harness.text.includes('M9XD-7KQ2'), 'new code');
  });

  it('a refused request (rate limited) says when, with a way to try again', async () => {
    await given({ deviceRequest: problem(429, 'rate-limited', { retryAfter: 60 }) });
    const harness = await ready();
    harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!.click();
    await harness.state('choosing');
    await harness.settled();
    harness.root.querySelector<HTMLButtonElement>('[data-method="device"]')!.click();
    await waitUntil(() => harness.root.querySelector('[data-code="rate-limited"]'), `rate limited: ${harness.text}`);
    expect(harness.buttonLabels()).to.include('Try again');
  });

  it('the chooser explains the two other-device ways in one sentence each', async () => {
    await given();
    const harness = await ready(html`<passkey-login methods="passkey hybrid device"></passkey-login>`);
    harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!.click();
    await harness.state('choosing');
    await harness.settled();
    // One sentence each, none repeating its button's label.
    expect(harness.text).to.include("Approving from another device works from any phone or computer where you're already signed in.");
    expect(harness.text).to.include('Scan a QR code with a phone or tablet that has your passkey');
  });

  it('the device step passes axe', async () => {
    await given({ deviceRequest: { status: 201, body: request }, deviceRequestStatus: { hang: true } });
    const harness = await ready();
    await deviceStep(harness);
    await waitUntil(() => harness.root.querySelector('svg[part~="qr"]'), 'QR code');
    await expect(harness.element).to.be.accessible();
  });
});

describe('after a passkey is added, and the backup nudge', () => {
  it('says where a passkey added after a code sign-in was saved, and that it syncs', async () => {
    await given(
      {
        codeSend: { body: { ...fixtures.emailSent, resendAfter: 0 } },
        registrationVerify: { body: { ...fixtures.signIn, passkey: { provider: 'Google Password Manager', backedUp: true, backupEligible: true } } },
        passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'multiDevice', backedUp: true }, { id: 'b', deviceType: 'multiDevice', backedUp: true }] } },
      },
      { create: { resolve: true } },
    );
    const harness = await ready(html`<passkey-login methods="passkey email-code"></passkey-login>`);
    harness.type('ada@example.com');
    harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!.click();
    await harness.state('choosing');
    await harness.settled();
    harness.root.querySelector<HTMLButtonElement>('[data-method="email-code"]')!.click();
    await harness.state('code');
    await waitUntil(() => harness.root.querySelector('#code'), 'code field');
    const input = harness.root.querySelector<HTMLInputElement>('#code')!;
    input.value = '123456';
    input.form!.requestSubmit();
    await harness.state('enrol');
    harness.click('Create a passkey');
    await harness.state('signed-in');
    await harness.settled();
    expect(harness.text).to.include('Your passkey is saved in Google Password Manager. It syncs to your other devices');
    expect(sent('registrationOptions')[0]!.body).to.deep.equal({});
  });

  it('one passkey: suggests a backup; Not now hides it and snoozes it', async () => {
    await given({ passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'singleDevice', backedUp: false }] } } }, { get: { resolve: true } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    await waitUntil(() => harness.root.querySelector('[part~="nudge"]'), `nudge: ${harness.text}`);
    expect(harness.text).to.include('You have one passkey.');
    harness.click('Not now');
    await harness.element.updateComplete;
    expect(harness.root.querySelector('[part~="nudge"]')).to.equal(null);
    expect(Number(localStorage.getItem('passkey-login.backup-nudge-dismissed'))).to.be.greaterThan(0);
  });

  it("Don't ask again is kept for good, and the next sign-in does not even ask for the list", async () => {
    localStorage.setItem('passkey-login.backup-nudge-dismissed', 'never');
    await given({ passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'singleDevice', backedUp: false }] } } }, { get: { resolve: true } });
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent('passkeys')).to.have.length(0);
    expect(harness.root.querySelector('[part~="nudge"]')).to.equal(null);
  });

  it('several synced passkeys: no nudge', async () => {
    await given(
      { passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'multiDevice', backedUp: true }, { id: 'b', deviceType: 'multiDevice', backedUp: true }] } } },
      { get: { resolve: true } },
    );
    const harness = await ready();
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    await waitUntil(() => sent('passkeys').length === 1, 'asked for the list');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.root.querySelector('[part~="nudge"]')).to.equal(null);
  });

  it('"Add a passkey" from the nudge adds one without a second success event', async () => {
    await given(
      { passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'singleDevice', backedUp: false }] } } },
      { get: { resolve: true }, create: { resolve: true } },
    );
    const harness = await ready();
    let successes = 0;
    harness.element.addEventListener('passkey-login-success', () => (successes += 1));
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    await waitUntil(() => harness.root.querySelector('[part~="nudge-add-button"]'), 'nudge');
    harness.click('Add a passkey');
    await harness.state('enrol');
    await harness.state('signed-in');
    expect(successes).to.equal(1);
    expect(sent('registrationVerify')).to.have.length(1);
  });
});

/**
 * End to end: fallbacks (one-time codes, password, recovery) in real Chromium against the real
 * reference server, reading the codes it sends from its dev outbox.
 *
 * The runner's server keeps its real rules with shorter clocks (web-test-runner.config.mjs): a
 * 1.5 s resend cooldown (the element rounds it up to 2 s), 3 code sends per account, 5 wrong
 * tries per code, 10 wrong codes per account before code sign-in pauses, and 20 sends per client
 * address, which every test in this file shares: the file makes 15 sends, keep it under 20.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLoginFailureEvent, PasskeyLoginSuccessEvent } from '../../src/events.js';
import type { StateKind } from '../../src/machine/types.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { Harness, mount } from '../support/harness.js';

const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';

let phones = 0;
/** A phone number of its own per account, so the outbox never mixes two tests' texts. */
const uniquePhone = () => `+49170${String((Date.now() * 100 + (phones += 1)) % 1e7).padStart(7, '0')}`;

/** An account with a password, an email and a phone, signed out again. */
async function account(extra: { password?: string; email?: string; phone?: string } = {}): Promise<{ name: string; email: string; phone: string; password: string }> {
  const name = uniqueName('fb');
  const details = { password: 'correct horse battery', email: `${name}@example.com`, phone: uniquePhone(), ...extra };
  const response = await api('/account', { method: 'POST', body: JSON.stringify({ identifier: name, ...details }) });
  expect(response.status, await response.clone().text()).to.equal(201);
  await api('/sign-out', { method: 'POST', body: '{}' });
  return { name, ...details };
}

/** The newest message the dev outbox holds for `to`. */
async function messageFor(to: string): Promise<string> {
  const { messages } = (await (await api('/dev/outbox')).json()) as { messages: { to: string; text: string }[] };
  const message = messages.find((candidate) => candidate.to === to);
  if (!message) throw new Error(`no message to ${to}`);
  return message.text;
}

/** The newest code the dev outbox holds for `to`. */
async function codeFor(to: string): Promise<string> {
  const text = await messageFor(to);
  return /#(\d+)\s*$/.exec(text)?.[1] ?? /\b(\d{6,})\b/.exec(text)![1]!;
}

/** Another code of the same length: certainly not the one sent. */
const wrong = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

function enter(harness: Harness, selector: string, value: string): void {
  const input = harness.root.querySelector<HTMLInputElement>(selector)!;
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

/** An element offering every method, ready, with its fallbacks loaded. */
async function ready(template = withFallbacks()): Promise<Harness> {
  const harness = await mount(template);
  await harness.state('ready');
  await harness.settled();
  return harness;
}

/** The code step once the code is on its way and the field takes input. */
async function codeEntry(harness: Harness): Promise<void> {
  await harness.state('code');
  await waitUntil(
    () => harness.root.querySelector('#code-sent') !== null && harness.root.querySelector('form[part~="code"]')?.getAttribute('aria-busy') === 'false',
    `code step still sending: ${harness.text}`,
  );
}

const notice = (harness: Harness) => harness.root.querySelector<HTMLElement>('[part~="failure-notice"]');
const resendButton = (harness: Harness) => harness.root.querySelector<HTMLButtonElement>('[part~="resend-button"]')!;
/** The resend cooldown, as "Send a new code" shows it: `0:23`, or null once it is over. */
const countdown = (harness: Harness) => /\((\d+:\d\d)\)/.exec(resendButton(harness)?.textContent ?? '')?.[1] ?? null;
/** The element's polite live region (a non-urgent failure notice is a status too). */
const liveRegion = (harness: Harness) => harness.root.querySelector<HTMLElement>('[role="status"][aria-live="polite"]')!;
const methodButton = (harness: Harness, method: string) => harness.root.querySelector<HTMLButtonElement>(`[data-method="${method}"]`);

/** Submits a code and waits for the failure it gets, shown. */
async function failWith(harness: Harness, code: string): Promise<PasskeyLoginFailureEvent> {
  const failure = oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;
  enter(harness, '#code', code);
  const event = await failure;
  await harness.element.updateComplete;
  return event;
}

/** Every state the element moves through from now on. */
function recordStates(harness: Harness): StateKind[] {
  const seen: StateKind[] = [];
  harness.element.addEventListener('passkey-login-state', (event) => seen.push(event.detail.state));
  return seen;
}

const forSuccess = (harness: Harness) => oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;

/** Enters `code`; signed in by it, the passkey offer comes first and "Not now" finishes the flow. */
async function signInWithCode(harness: Harness, code: string): Promise<PasskeyLoginSuccessEvent> {
  const success = forSuccess(harness);
  enter(harness, '#code', code);
  await harness.state('enrol');
  await harness.settled();
  expect(harness.text).to.include('Sign in faster next time');
  harness.click('Not now');
  const event = await success;
  await harness.state('signed-in');
  return event;
}

/** "Other ways to sign in", then the method labelled `label` in the chooser. */
async function choose(harness: Harness, label: string): Promise<void> {
  harness.click('Other ways to sign in');
  await harness.state('choosing');
  // The chooser lists the ways once the backend has said which ones the identifier has.
  await waitUntil(() => harness.buttonLabels().includes(label), `"${label}" offered: ${harness.text}`);
  harness.click(label);
}

/** A fresh element with `user`'s name typed, on to the code step of the method labelled `label`. */
async function codeStepFor(user: { name: string }, label = 'Email me a code'): Promise<Harness> {
  const harness = await ready();
  harness.type(user.name);
  await choose(harness, label);
  await codeEntry(harness);
  return harness;
}

const waitOutCooldown = (harness: Harness) =>
  waitUntil(() => resendButton(harness).getAttribute('aria-disabled') === 'false', 'resend cooldown', { timeout: 4000 });

/** "Send a new code", up to the new code's entry; `arrived` tells the new code's step from the old one's. */
async function resend(harness: Harness, arrived: () => boolean): Promise<void> {
  harness.click('Send a new code');
  await waitUntil(() => resendButton(harness).getAttribute('aria-disabled') === 'true' && arrived(), 'a new code');
  await codeEntry(harness);
}

function clearStorage(): void {
  localStorage.removeItem(LAST_USED_KEY);
  localStorage.removeItem(SNOOZE_KEY);
}

// "Not now" snoozes the passkey offer and a code sign-in is remembered: each test starts afresh.
endToEnd(clearStorage);

const withFallbacks = () => html`<passkey-login methods="passkey hybrid email-code sms-code password"></passkey-login>`;

describe('e2e: fallbacks against the reference server', () => {
  it('after a code sign-in, "Create a passkey" saves one with the virtual authenticator, says so, and it signs in next time', async () => {
    const user = await account();
    const harness = await codeStepFor(user);
    const success = forSuccess(harness);
    enter(harness, '#code', await codeFor(user.email));
    await harness.state('enrol');
    await harness.settled();
    expect(harness.text).to.include("With a passkey, you don't need to remember a password.");
    harness.click('Create a passkey');
    expect((await success).detail).to.deep.include({ source: 'email-code' });
    await harness.state('signed-in');
    await harness.settled();
    // The virtual authenticator's AAGUID names no provider; what it says of syncing comes from
    // the backup-eligible flag the server read.
    expect(harness.text).to.match(/Your passkey is saved\. It (syncs to your other devices that use the same account|stays on this device only)\./);
    expect(await authenticator.credentials()).to.have.length(1);
    const { passkeys } = (await (await api('/passkeys')).json()) as { passkeys: unknown[] };
    expect(passkeys).to.have.length(1);

    harness.element.remove();
    await api('/sign-out', { method: 'POST', body: '{}' });
    const next = await mount();
    const again = (await oneEvent(next.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(again.detail).to.deep.include({ source: 'autofill' });
    expect(again.detail.user.name).to.equal(user.name);
  });

  it('passkey cancelled → "Email me a code" → code from the outbox → signed in', async () => {
    const user = await account();
    const harness = await ready();
    harness.type(user.name);
    await authenticator.setUserVerified(false);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    harness.click('Email me a code');
    await codeEntry(harness);
    expect(harness.text).to.include('We emailed a 6-digit code to');
    const event = await signInWithCode(harness, await codeFor(user.email));
    expect(event.detail).to.deep.include({ source: 'email-code' });
    expect(event.detail.user.name).to.equal(user.name);
  });

  it('"Text me a code": the text is origin-bound, the view shows the masked phone, the code signs in', async () => {
    const user = await account();
    const harness = await codeStepFor(user, 'Text me a code');
    const masked = `+49 ••• ${user.phone.slice(-2)}`;
    expect(harness.text).to.include(`We texted a 6-digit code to ${masked}.`);
    expect(harness.text).not.to.include(user.phone);
    const text = await messageFor(user.phone);
    const code = await codeFor(user.phone);
    expect(code).to.match(/^\d{6}$/);
    // WICG sms-one-time-codes: the last line names the host the code is for.
    expect(text.split('\n').at(-1)).to.equal(`@localhost #${code}`);
    expect(text.startsWith(`${code} `)).to.equal(true);
    const event = await signInWithCode(harness, code);
    expect(event.detail).to.deep.include({ source: 'sms-code' });
    expect(event.detail.user.name).to.equal(user.name);
    expect((await (await api('/session')).json()).user.name).to.equal(user.name);
  });

  it('password sign-in: a wrong password is refused and cleared; the right one signs in, with the silent upgrade where the browser has it', async function () {
    // The silent upgrade runs to its 10 s limit here (the virtual authenticator never answers a
    // conditional create), on top of the sign-in itself.
    this.timeout(30_000);
    const PKC = PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> };
    const conditionalCreate = (await PKC.getClientCapabilities?.())?.conditionalCreate === true;
    const user = await account();
    const harness = await ready();
    const seen = recordStates(harness);
    harness.type(user.name);
    await choose(harness, 'Use my password');
    await harness.state('password');
    expect(harness.identity).to.equal(user.name);

    const refused = oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;
    enter(harness, '#password', 'not the password');
    expect((await refused).detail).to.deep.include({ code: 'invalid-credentials', source: 'password' });
    await harness.element.updateComplete;
    expect(notice(harness)?.dataset.code).to.equal('invalid-credentials');
    expect(notice(harness)?.textContent).to.include("That password isn't right");
    const field = harness.root.querySelector<HTMLInputElement>('#password')!;
    expect(field.value, 'the refused password stays on screen').to.equal('');
    expect(field.getAttribute('aria-invalid')).to.equal('true');

    performance.clearResourceTimings();
    const success = forSuccess(harness);
    enter(harness, '#password', user.password);
    // The silent upgrade, where the browser has it, then (as the virtual authenticator never
    // completes a conditional create) the explicit offer; "Not now" finishes the flow.
    await harness.state('enrol', conditionalCreate ? 14_000 : 4000);
    await harness.settled();
    harness.click('Not now');
    const event = await success;
    expect(event.detail).to.deep.include({ source: 'password' });
    expect(event.detail.user.name).to.equal(user.name);
    await harness.state('signed-in');
    const asked = performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname === '/api/auth/passkey/registration/options');
    if (conditionalCreate) {
      expect(seen, 'passed through the silent upgrade').to.include('upgrading');
      expect(seen.indexOf('upgrading')).to.be.lessThan(seen.indexOf('enrol'));
      // One for the silent upgrade (the offer's own, fetched ahead, may be cut short by "Not now").
      expect(asked.length, 'registration options for the upgrade').to.be.at.least(1);
    } else {
      expect(seen, 'no upgrade without conditional create').not.to.include('upgrading');
      expect(seen.slice(-3)).to.deep.equal(['password', 'enrol', 'signed-in']);
      // At most the offer's options, fetched ahead (and possibly cut short by "Not now").
      expect(asked.length).to.be.at.most(1);
    }
  });

  it('"Forgot password?" → recovery code → "Create a passkey": the server holds the new passkey', async () => {
    const user = await account();
    const harness = await ready();
    harness.type(user.name);
    await choose(harness, 'Use my password');
    await harness.state('password');
    harness.click('Forgot password?');
    await codeEntry(harness);
    expect(harness.text).to.include("Confirm it's you");
    expect(harness.text).to.include('We emailed a 6-digit code to');
    const message = await messageFor(user.email);
    expect(message).to.include('to recover your account');
    const success = forSuccess(harness);
    enter(harness, '#code', await codeFor(user.email));
    await harness.state('recovered');
    await harness.settled();
    expect(harness.text).to.include("You're in. How will you sign in next time?");
    harness.click('Create a passkey');
    const event = await success;
    expect(event.detail).to.deep.include({ source: 'recovery' });
    expect(event.detail.user.name).to.equal(user.name);
    await harness.state('signed-in');

    expect(await authenticator.credentials()).to.have.length(1);
    expect((await (await api('/session')).json()).user.name).to.equal(user.name);
    const { methods } = (await (await api('/methods', { method: 'POST', body: JSON.stringify({ identifier: user.name }) })).json()) as { methods: string[] };
    expect(methods).to.include('passkey');

    // Signed out, a fresh element signs straight back in with that passkey: the virtual
    // authenticator answers the autofill request, and the server verifies the assertion.
    harness.element.remove();
    await api('/sign-out', { method: 'POST', body: '{}' });
    const again = await mount(withFallbacks());
    const autofill = (await oneEvent(again.element, 'passkey-login-success')) as PasskeyLoginSuccessEvent;
    expect(autofill.detail).to.deep.include({ source: 'autofill' });
    expect(autofill.detail.user.name).to.equal(user.name);
    expect((await authenticator.credentials())[0]!.signCount).to.be.greaterThan(0);
  });

  it('wrong codes count down, burn the code, and then pause code sign-in for the account', async () => {
    const user = await account();
    const harness = await codeStepFor(user);
    let bad = wrong(await codeFor(user.email));
    for (const left of [4, 3, 2, 1]) {
      const failure = await failWith(harness, bad);
      expect(failure.detail).to.deep.include({ code: 'code-invalid', source: 'email-code', status: 400 });
      expect(notice(harness)?.dataset.code).to.equal('code-invalid');
      expect(notice(harness)?.textContent).to.include("That code isn't right");
      expect(notice(harness)?.textContent).to.include(left === 1 ? 'You have 1 more try.' : `You have ${left} more tries.`);
    }
    expect((await failWith(harness, bad)).detail).to.deep.include({ code: 'too-many-tries' });
    expect(notice(harness)?.dataset.code).to.equal('too-many-tries');
    expect(notice(harness)?.textContent).to.include('Too many wrong tries');
    // A burnt code: no field to type it into; a new code is the primary way on.
    expect(harness.root.querySelector('#code'), 'the burnt code cannot be sent again').to.equal(null);
    expect(resendButton(harness).getAttribute('part')).to.include('primary-button');

    // Five failures so far; a new code does not reset the account's count (SECURITY.md).
    await waitOutCooldown(harness);
    await resend(harness, () => !notice(harness));
    bad = wrong(await codeFor(user.email));
    for (const left of [4, 3, 2, 1]) {
      await failWith(harness, bad);
      expect(notice(harness)?.textContent).to.include(left === 1 ? 'You have 1 more try.' : `You have ${left} more tries.`);
    }
    const locked = await failWith(harness, bad);
    expect(locked.detail).to.deep.include({ code: 'account-locked', status: 429 });
    expect(notice(harness)?.dataset.code).to.equal('account-locked');
    expect(notice(harness)?.textContent).to.include('Sign-in with a code is paused');
    // The first lock lasts 15 minutes (DEFAULT_LIMITS.accountFailures.lockMs).
    expect(notice(harness)?.textContent).to.include('You can try again in 15 minutes.');
    expect(resendButton(harness).getAttribute('aria-disabled')).to.equal('true');
  });

  it('resend: a countdown first, then a new code that replaces the old one', async () => {
    const user = await account();
    const harness = await codeStepFor(user);
    const first = await codeFor(user.email);
    expect(resendButton(harness).getAttribute('aria-disabled')).to.equal('true');
    expect(countdown(harness)).to.match(/^0:0[12]$/);
    expect(liveRegion(harness).textContent).to.include('Code sent to');

    await waitOutCooldown(harness);
    await harness.element.updateComplete;
    expect(countdown(harness)).to.equal(null);
    expect(liveRegion(harness).textContent!.trim()).to.equal('You can ask for a new code now.');

    await resend(harness, () => countdown(harness) !== null);
    const second = await codeFor(user.email);
    expect(second).not.to.equal(first);

    const old = await failWith(harness, first);
    expect(old.detail).to.deep.include({ code: 'code-invalid' });
    expect(notice(harness)?.dataset.code).to.equal('code-invalid');
    expect(notice(harness)?.textContent).to.include('You have 4 more tries.');

    const event = await signInWithCode(harness, second);
    expect(event.detail).to.deep.include({ source: 'email-code' });
  });

  it('more code sends than the account allows: rate-limited, with when to try again', async () => {
    const user = await account();
    const harness = await codeStepFor(user);
    // The cooldown is per channel, the send limit per account: switching channels reaches it
    // with one cooldown's wait.
    await choose(harness, 'Text me a code');
    await codeEntry(harness);
    expect(harness.text).to.include('We texted a 6-digit code');
    await waitOutCooldown(harness);
    await resend(harness, () => countdown(harness) !== null);
    expect(notice(harness)).to.equal(null);

    await choose(harness, 'Email me a code');
    await harness.state('code');
    await waitUntil(() => notice(harness) !== null, `a failure: ${harness.text}`);
    expect(notice(harness)!.dataset.code).to.equal('rate-limited');
    expect(notice(harness)!.textContent).to.include('Too many attempts');
    expect(notice(harness)!.textContent).to.match(/You can try again in \d+ (seconds?|minutes?)\./);
    expect(harness.root.querySelector('#code-sent'), 'no code was sent').to.equal(null);
    expect(resendButton(harness).getAttribute('aria-disabled')).to.equal('true');
  });

  it('a code asked for by one session does not work from another; the asking session can still use it', async () => {
    const user = await account();
    const harness = await codeStepFor(user);
    const code = await codeFor(user.email);

    const stranger = await api('/code/verify', { method: 'POST', credentials: 'omit', body: JSON.stringify({ code }) });
    expect(stranger.status).to.equal(400);
    expect(stranger.headers.get('Content-Type')).to.include('application/problem+json');
    const problem = (await stranger.json()) as { code: string; user?: unknown };
    expect(problem.code).to.equal('code-invalid');
    expect(problem.user).to.equal(undefined);
    expect((await (await api('/session')).json()).user).to.equal(null);

    const event = await signInWithCode(harness, code);
    expect(event.detail).to.deep.include({ source: 'email-code' });
    expect(event.detail.user.name).to.equal(user.name);
  });

  it('fallback-routes {"cancelled":"email-code"}: a cancelled passkey prompt goes straight to a sent code', async () => {
    const user = await account();
    const harness = await ready(html`<passkey-login
      methods="passkey hybrid email-code sms-code password"
      fallback-routes='{"cancelled":"email-code"}'
    ></passkey-login>`);
    const seen = recordStates(harness);
    const failures: string[] = [];
    harness.element.addEventListener('passkey-login-failure', (event) => failures.push(event.detail.code));
    harness.type(user.name);
    await authenticator.setUserVerified(false);
    harness.click('Sign in with a passkey');
    await codeEntry(harness);
    expect(seen, 'no failure view on the way').not.to.include('failed');
    expect(failures).to.include('cancelled');
    expect(harness.text).to.include(`We emailed a 6-digit code to ${user.name[0]}•••@example.com.`);
    const event = await signInWithCode(harness, await codeFor(user.email));
    expect(event.detail).to.deep.include({ source: 'email-code' });
  });

  it('after a code sign-in, the next element offers "Email me a code" first, marked "Last used"; only the method is stored', async () => {
    const user = await account();
    const first = await codeStepFor(user);
    await signInWithCode(first, await codeFor(user.email));
    first.element.remove();

    expect(localStorage.getItem(LAST_USED_KEY)).to.equal('email-code');
    for (let index = 0; index < localStorage.length; index += 1) {
      const key = localStorage.key(index)!;
      const stored = `${key}=${localStorage.getItem(key)}`;
      expect(stored).not.to.include(user.name);
      expect(stored).not.to.include(user.email);
    }

    await api('/sign-out', { method: 'POST', body: '{}' });
    const next = await ready();
    const form = next.root.querySelector('form')!;
    const button = methodButton(next, 'email-code');
    expect(button, `buttons: ${next.buttonLabels().join(' | ')}`).not.to.equal(null);
    expect(form.contains(button)).to.equal(true);
    expect(button!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Email me a code Last used');
    expect(button!.querySelector('[part~="last-used"]')?.textContent?.trim()).to.equal('Last used');
    expect(next.buttonLabels()).to.include('Other ways to sign in');
    clearStorage();
  });
});

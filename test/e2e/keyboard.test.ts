/**
 * End to end, keyboard only (WCAG 2.1.1): every way in, from the first Tab to signed in, with
 * real key presses through the DevTools Protocol, in real Chromium against the reference server
 * and a virtual authenticator. No click, no value set from script, no submit from script: only
 * what a person at a keyboard can do. After each step change, focus is where the next key press
 * belongs (the new step's heading or its first field, UX.md).
 *
 * Code sends count against the server's per-client limit, which every e2e file shares (20, of
 * which fallbacks.test.ts makes 15): this file sends two codes.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { PasskeyLoginSuccessEvent } from '../../src/events.js';
import type { StateKind } from '../../src/machine/types.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { type Harness, mount } from '../support/harness.js';

const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';
const AGENT = { identifier: 'support-agent', password: 'support desk test password' };
const PASSWORD = 'correct horse battery';

const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });
const signOut = () => post('/sign-out', {});

/** One key press; `Shift+Tab` holds Shift around the Tab (the runner's key names have no chords). */
async function press(key: string): Promise<void> {
  if (key !== 'Shift+Tab') return sendKeys({ press: key });
  await sendKeys({ down: 'Shift' });
  try {
    await sendKeys({ press: 'Tab' });
  } finally {
    await sendKeys({ up: 'Shift' });
  }
}
const type = (text: string) => sendKeys({ type: text });

/** An account with a password and an email, signed out again. */
async function account(): Promise<{ name: string; email: string }> {
  const name = uniqueName('kb');
  const email = `${name}@example.com`;
  const response = await post('/account', { identifier: name, password: PASSWORD, email });
  expect(response.status, await response.clone().text()).to.equal(201);
  await signOut();
  return { name, email };
}

/** The newest code the dev outbox holds for `to`. */
async function codeFor(to: string): Promise<string> {
  const { messages } = (await (await api('/dev/outbox')).json()) as { messages: { to: string; text: string }[] };
  const text = messages.find((candidate) => candidate.to === to)?.text;
  if (!text) throw new Error(`no message to ${to}`);
  return /#(\d+)\s*$/.exec(text)?.[1] ?? /\b(\d{6,})\b/.exec(text)![1]!;
}

/** A recovery code for `name`, issued at the support desk by the agent, who signs out again. */
async function recoveryCode(name: string): Promise<string> {
  const signIn = await post('/password/sign-in', AGENT);
  expect(signIn.status, await signIn.clone().text()).to.equal(200);
  try {
    const response = await post('/support/recovery-code', { identifier: name });
    expect(response.status, await response.clone().text()).to.equal(201);
    return ((await response.json()) as { code: string }).code;
  } finally {
    await signOut();
  }
}

const focused = (harness: Harness) => harness.root.activeElement as HTMLElement | null;
const label = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Focus is on the step's heading, which reads `title`. */
function expectHeadingFocused(harness: Harness, title: string): void {
  const active = focused(harness);
  expect(active?.getAttribute('part'), `focus on the heading "${title}", not ${active?.outerHTML.slice(0, 120)}`).to.equal('heading');
  expect(label(active)).to.equal(title);
}

/** Focus is in the input `id`. */
function expectFieldFocused(harness: Harness, id: string): HTMLInputElement {
  const active = focused(harness);
  expect(active?.id, `focus in #${id}, not ${active?.outerHTML.slice(0, 120)}`).to.equal(id);
  return active as HTMLInputElement;
}

/**
 * Tabs (or Shift+Tabs) until the focused control is the one `wanted` picks, as a person scans a
 * step; fails if a full round of the element's controls never reaches it.
 */
async function tabUntil(harness: Harness, what: string, wanted: (active: HTMLElement) => boolean, key: 'Tab' | 'Shift+Tab'): Promise<HTMLElement> {
  const seen: string[] = [];
  for (let presses = 0; presses < 20; presses += 1) {
    await press(key);
    const active = focused(harness);
    if (active && wanted(active)) return active;
    seen.push(active ? label(active) || `#${active.id}` : '(outside)');
  }
  throw new Error(`${what} not reached by ${key}; went through: ${seen.join(' | ')}`);
}

/** Tabs to the control whose text starts with `name`. */
const tabTo = (harness: Harness, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab') =>
  tabUntil(harness, `"${name}"`, (active) => label(active).startsWith(name), key);

/** Tabs into the field `id`. */
const tabToField = (harness: Harness, id: string) => tabUntil(harness, `#${id}`, (active) => active.id === id, 'Tab');

/** The flow reached `state`, its views are in, and focus is on the new step's heading (WCAG 2.4.3). */
async function reachedStep(harness: Harness, state: StateKind, title: string): Promise<void> {
  await harness.state(state);
  await harness.settled();
  expectHeadingFocused(harness, title);
}

/** Tab to the control named `name`, then Enter on it. */
async function activate(harness: Harness, name: string): Promise<void> {
  await tabTo(harness, name);
  await press('Enter');
}

/** Waits until the step offers a control labelled `name` (the ways in arrive after a request). */
const offers = (harness: Harness, name: string) =>
  waitUntil(() => harness.buttons().some((button) => label(button).startsWith(name)), `"${name}" offered: ${harness.text}`);

const withFallbacks = html`<passkey-login methods="passkey hybrid email-code password"></passkey-login>`;
const passkeysOnly = html`<passkey-login></passkey-login>`;

/** A fresh element, ready, its views loaded, and focus Tabbed into its first field from the page. */
async function ready(template = withFallbacks): Promise<Harness> {
  const harness = await mount(template);
  await harness.state('ready');
  await harness.settled();
  if (template !== passkeysOnly) {
    await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"]'), `fallbacks on the form: ${harness.text}`);
  }
  (document.activeElement as HTMLElement | null)?.blur();
  await press('Tab');
  expectFieldFocused(harness, 'identifier');
  return harness;
}

/** Whether a key press on the passkey button asks in immediate mode first (README, FAILURES.md). */
async function immediateGet(): Promise<boolean> {
  const PKC = PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> };
  return (await PKC.getClientCapabilities?.())?.immediateGet === true;
}

const forSuccess = (harness: Harness) => oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;

/** From the form, an identifier typed: "Other ways to sign in" by keyboard, to the chooser. */
async function openChooser(harness: Harness): Promise<void> {
  await activate(harness, 'Other ways to sign in');
  await reachedStep(harness, 'choosing', 'Choose how to sign in');
}

/** From a step whose heading has focus, the way in labelled `name`, chosen with the keyboard. */
async function chooseWay(harness: Harness, name: string): Promise<void> {
  await offers(harness, name);
  await tabTo(harness, name);
  await press('Enter');
}

/** Signs up `name` with a passkey, keyboard only, on a fresh element; ends signed in. */
async function signUpByKeyboard(name: string): Promise<Harness> {
  const harness = await ready(passkeysOnly);
  await type(name);
  await press('Enter');
  await reachedStep(harness, 'confirm-create', 'Create your account');
  await activate(harness, 'Create a passkey');
  await harness.state('signed-in');
  await harness.settled();
  return harness;
}

/** A passkey account made by keyboard, signed out, its passkey left on the authenticator. */
async function passkeyAccount(): Promise<string> {
  const name = uniqueName('kb');
  const harness = await signUpByKeyboard(name);
  harness.element.remove();
  await signOut();
  return name;
}

/** On the passkey offer after a fallback sign-in: "Not now" by keyboard finishes the flow. */
async function declineOffer(harness: Harness): Promise<void> {
  await reachedStep(harness, 'enrol', 'Sign in faster next time');
  await activate(harness, 'Not now');
  await reachedStep(harness, 'signed-in', "You're signed in");
}

// "Not now" snoozes the passkey offer and a code sign-in is remembered: each test starts afresh.
endToEnd(() => {
  localStorage.removeItem(LAST_USED_KEY);
  localStorage.removeItem(SNOOZE_KEY);
});

describe('e2e: every way in with the keyboard alone', () => {
  it('"Sign in with a passkey": Tab to it, Enter, and the authenticator signs in', async () => {
    const name = await passkeyAccount();
    // Autofill would answer by itself with a virtual authenticator: keep it waiting. (A request
    // already waiting stays unanswered once presence is back, so it is back before the Enter.)
    await authenticator.setPresence(false);
    const harness = await ready(passkeysOnly);
    await tabTo(harness, 'Sign in with a passkey');
    await authenticator.setPresence(true);
    const success = forSuccess(harness);
    await press('Enter');
    const { detail } = await success;
    expect(detail.source).to.equal('passkey');
    expect(detail.user.name).to.equal(name);
    await reachedStep(harness, 'signed-in', "You're signed in");
  });

  it('sign-up: type a new identifier, Enter, then "Create a passkey" with Enter', async () => {
    const name = uniqueName('kb');
    const harness = await ready(passkeysOnly);
    const success = forSuccess(harness);
    await type(name);
    await press('Enter');
    await reachedStep(harness, 'confirm-create', 'Create your account');
    expect(harness.identity).to.equal(name);
    await activate(harness, 'Create a passkey');
    await reachedStep(harness, 'signed-in', "You're signed in");
    const { detail } = await success;
    expect(detail.source).to.equal('create');
    expect(detail.user.name).to.equal(name);
    expect(await authenticator.credentials()).to.have.length(1);
  });

  it('"Email me a code": chosen by keyboard, the code typed from the outbox signs in', async () => {
    const user = await account();
    const harness = await ready();
    await type(user.name);
    await openChooser(harness);
    await chooseWay(harness, 'Email me a code');
    await harness.state('code');
    await waitUntil(() => harness.root.querySelector('#code-sent') && focused(harness)?.id === 'code', `code field focused: ${harness.text}`);
    const field = expectFieldFocused(harness, 'code');
    expect(field.readOnly).to.equal(false);
    const success = forSuccess(harness);
    // The field submits itself once all digits are in.
    await type(await codeFor(user.email));
    await declineOffer(harness);
    const { detail } = await success;
    expect(detail.source).to.equal('email-code');
    expect(detail.user.name).to.equal(user.name);
  });

  it('password: a wrong one is refused with focus back in the field, the right one signs in', async function () {
    // Chromium has conditional create: the silent upgrade runs to its 10 s limit first, as the
    // virtual authenticator never answers it (fallbacks.test.ts).
    this.timeout(30_000);
    const user = await account();
    const harness = await ready();
    await type(user.name);
    await openChooser(harness);
    await chooseWay(harness, 'Use my password');
    await harness.state('password');
    await harness.settled();
    expectFieldFocused(harness, 'password');

    const refused = oneEvent(harness.element, 'passkey-login-failure');
    await type('not the password');
    await press('Enter');
    expect((await refused).detail).to.deep.include({ code: 'invalid-credentials', source: 'password' });
    await waitUntil(() => harness.root.querySelector('form[part~="password"]')?.getAttribute('aria-busy') === 'false', 'password step takes input again');
    await harness.element.updateComplete;
    const field = expectFieldFocused(harness, 'password');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.value, 'the refused password is gone, ready to type again').to.equal('');
    expect(harness.root.querySelector('[part~="failure-notice"]')?.textContent).to.include("That password isn't right");

    const success = forSuccess(harness);
    await type(PASSWORD);
    await press('Enter');
    await harness.state('enrol', 14_000);
    await declineOffer(harness);
    const { detail } = await success;
    expect(detail.source).to.equal('password');
    expect(detail.user.name).to.equal(user.name);
  });

  it('"Forgot password?": reached by Shift+Tab from the field, the emailed code, then "Create a passkey"', async () => {
    const user = await account();
    const harness = await ready();
    await type(user.name);
    await openChooser(harness);
    await chooseWay(harness, 'Use my password');
    await harness.state('password');
    await harness.settled();
    expectFieldFocused(harness, 'password');
    // On the label row, just before the field.
    await tabTo(harness, 'Forgot password?', 'Shift+Tab');
    await press('Enter');
    await harness.state('code');
    await waitUntil(() => harness.root.querySelector('#code-sent') && focused(harness)?.id === 'code', `code field focused: ${harness.text}`);
    expect(harness.text).to.include("Confirm it's you");
    const success = forSuccess(harness);
    await type(await codeFor(user.email));
    await reachedStep(harness, 'recovered', "You're in. How will you sign in next time?");
    await activate(harness, 'Create a passkey');
    await reachedStep(harness, 'signed-in', "You're signed in");
    const { detail } = await success;
    expect(detail.source).to.equal('recovery');
    expect(detail.user.name).to.equal(user.name);
    expect(await authenticator.credentials()).to.have.length(1);
  });

  it('Escape cancels a passkey wait: back where it was started, focus on its heading, the identifier kept', async () => {
    const name = await passkeyAccount();
    // The passkey is elsewhere (a phone, a security key), and no touch ever comes: the browser's
    // request waits, as while its sheet is open.
    await authenticator.remove();
    await authenticator.add({ automaticPresenceSimulation: false });
    const harness = await ready();
    await type(name);
    await activate(harness, 'Sign in with a passkey');
    let back = { state: 'ready', heading: 'Sign in or create an account' };
    if (await immediateGet()) {
      // A key press is a user gesture: the button first asks in immediate mode, which finds no
      // passkey here and goes on to the chooser; a request there may not be aborted
      // (FAILURES.md), so the wait to cancel is the chooser's passkey button, the browser's sheet.
      await reachedStep(harness, 'choosing', 'No passkey on this device');
      await activate(harness, 'Sign in with a passkey');
      back = { state: 'choosing', heading: 'Choose how to sign in' };
    }
    await harness.state('ceremony');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.element.state, 'still waiting for the authenticator').to.equal('ceremony');
    expect(harness.root.contains(focused(harness)), 'focus stayed in the element').to.equal(true);

    await press('Escape');
    await harness.state(back.state as 'ready' | 'choosing');
    await harness.settled();
    expectHeadingFocused(harness, back.heading);
    expect(back.state === 'ready' ? harness.input!.value : harness.identity, 'the identifier is kept').to.equal(name);
    expect((await (await api('/session')).json()).user).to.equal(null);
  });

  it('Escape steps back from the chooser to the form, the identifier kept and selected', async () => {
    const user = await account();
    const harness = await ready();
    await type(user.name);
    await openChooser(harness);
    expect(harness.identity).to.equal(user.name);
    await press('Escape');
    await harness.state('ready');
    await harness.element.updateComplete;
    const field = expectFieldFocused(harness, 'identifier');
    expect(field.value).to.equal(user.name);
    expect([field.selectionStart, field.selectionEnd], 'all of it selected, to retype or keep').to.deep.equal([0, user.name.length]);
  });

  it('"Approve from another device": the waiting step shows the code with focus on its heading; the keyboard and Escape leave it', async () => {
    const user = await account();
    const harness = await ready(html`<passkey-login methods="passkey hybrid email-code password device" approve-url="/approve?code={code}"></passkey-login>`);
    await type(user.name);
    await openChooser(harness);
    await chooseWay(harness, 'Approve from another device');
    await harness.state('device');
    await waitUntil(() => harness.root.querySelector('[part~="device-code"]'), `device code shown: ${harness.text}`);
    await harness.element.updateComplete;
    expectHeadingFocused(harness, 'Approve from another device');
    expect(label(harness.root.querySelector('[part~="device-code"]'))).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // "Other ways to sign in" leaves the wait for the chooser, Escape from there to the form.
    await activate(harness, 'Other ways to sign in');
    await reachedStep(harness, 'choosing', 'Choose how to sign in');
    expect(harness.identity).to.equal(user.name);
    await press('Escape');
    await harness.state('ready');
    await harness.element.updateComplete;
    expect(expectFieldFocused(harness, 'identifier').value).to.equal(user.name);

    // And Escape leaves the wait for approval itself, as it cancels any other wait.
    await openChooser(harness);
    await chooseWay(harness, 'Approve from another device');
    await harness.state('device');
    await waitUntil(() => harness.root.querySelector('[part~="device-code"]'), `device code shown: ${harness.text}`);
    await harness.element.updateComplete;
    await press('Escape');
    await harness.state('ready');
    await harness.element.updateComplete;
    expect(expectFieldFocused(harness, 'identifier').value).to.equal(user.name);
  });

  it('"Need help?" → "I have a recovery code from support": the code from the support desk, typed, signs in', async () => {
    const user = await account();
    const code = await recoveryCode(user.name);
    const harness = await ready();
    await type(user.name);
    await openChooser(harness);
    await chooseWay(harness, 'Need help?');
    await reachedStep(harness, 'help', 'Need help?');
    await activate(harness, 'I have a recovery code from support');
    await reachedStep(harness, 'redeem', 'Enter your recovery code');
    expect(harness.identity).to.equal(user.name);
    await tabToField(harness, 'recovery-code');
    const success = forSuccess(harness);
    await type(code);
    await press('Enter');
    await reachedStep(harness, 'recovered', "You're in. How will you sign in next time?");
    await activate(harness, 'Create a passkey');
    await reachedStep(harness, 'signed-in', "You're signed in");
    const { detail } = await success;
    expect(detail.source).to.equal('support');
    expect(detail.user.name).to.equal(user.name);
  });
});

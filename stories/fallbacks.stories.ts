/**
 * The ways in besides a passkey: the chooser, one-time codes by email and text message, password,
 * "Forgot password?" and the passkey offer after them. Each story says what the server answers,
 * what the browser's WebAuthn does and what this browser remembers from earlier visits, then
 * clicks its way in as a person would.
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { FailureCode, Method, PasskeyLogin } from '../src/index.js';
import { fixtures, problem, type Scenario } from '../test/mocks/backend.js';
import { click, element, given, meta as shared, patient, reached, ready, shown, type Args, type World } from './support.js';

/** What the element keeps in localStorage (src/steps/effects.ts). */
const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';

let restoreStorage: (() => void) | undefined;

/**
 * This browser's memory for the story: the method that last got someone in, and no "Not now" on
 * the passkey offer. The designer's own values come back afterwards, so a sign-in played here
 * does not change what the next story starts from. Restoring before seeding keeps the originals
 * when Storybook runs `beforeEach` again without the cleanup (see support.ts).
 */
function remember({ parameters }: StoryContext<Args>): () => void {
  restoreStorage?.();
  const saved = [LAST_USED_KEY, SNOOZE_KEY].map((key) => [key, localStorage.getItem(key)] as const);
  const lastUsed = parameters.lastUsed as Method | undefined;
  if (lastUsed) localStorage.setItem(LAST_USED_KEY, lastUsed);
  else localStorage.removeItem(LAST_USED_KEY);
  localStorage.removeItem(SNOOZE_KEY);
  const restore = () => {
    for (const [key, value] of saved) {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    }
  };
  restoreStorage = restore;
  return () => {
    if (restoreStorage !== restore) return;
    restore();
    restoreStorage = undefined;
  };
}

const meta = {
  ...shared,
  title: 'Passkey login/Fallbacks',
  // Every way in, in the order a site offering all of them would list them.
  args: { methods: 'passkey hybrid email-code sms-code password' },
  beforeEach: [shared.beforeEach, remember],
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

interface Remembered extends World {
  /** The method this browser remembers as last used (localStorage). */
  lastUsed?: Method;
}

/** `given` from support.ts, plus what this browser remembers. */
function world({ lastUsed, ...rest }: Remembered = {}) {
  const { parameters } = given(rest);
  return { parameters: { ...parameters, lastUsed } };
}

const identifier = 'ada@example.com';

type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

/**
 * The form with "Other ways to sign in" on it: there from the first paint when `methods` lists
 * more than passkeys; what it opens loads with the steps chunk at the first sign of intent.
 */
async function form(canvasElement: HTMLElement) {
  const { el, shadow } = await element(canvasElement);
  await ready(el);
  await shadow.findByRole('button', { name: 'Other ways to sign in' }, { timeout: 5_000 });
  return { el, shadow };
}

async function typeInto(shadow: Shadow, label: string, value: string) {
  await userEvent.type(await shadow.findByLabelText(label), value);
}

/** Types the identifier and opens "Other ways to sign in". */
async function openChooser(el: PasskeyLogin, shadow: Shadow) {
  await typeInto(shadow, 'Email or username', identifier);
  await click(shadow, 'Other ways to sign in');
  await reached(el, shadow, 'choosing', 'Choose how to sign in');
  // The ways show once the backend has said which ones the identifier has.
  await waitFor(() => expect(el.shadowRoot?.querySelector('[part~="method-button"]')).not.toBeNull());
}

/** Types the identifier, opens "Other ways to sign in" and picks `method` there. */
async function choose(canvasElement: HTMLElement, method: string) {
  const { el, shadow } = await form(canvasElement);
  await openChooser(el, shadow);
  await click(shadow, method);
  return { el, shadow };
}

/** Types the identifier and presses "Sign in with a passkey". */
async function passkeyFor(canvasElement: HTMLElement) {
  const { el, shadow } = await form(canvasElement);
  await typeInto(shadow, 'Email or username', identifier);
  await click(shadow, 'Sign in with a passkey');
  return { el, shadow };
}

/** Up to the step where the emailed code goes in. */
async function toEmailCode(canvasElement: HTMLElement) {
  const { el, shadow } = await choose(canvasElement, 'Email me a code');
  await reached(el, shadow, 'code', /We emailed a 6-digit code to a•••@example\.com\./);
  return { el, shadow };
}

/** Types a code as people do; the step sends it as soon as the last digit is in. */
async function enterCode(shadow: Shadow) {
  await typeInto(shadow, 'Code', '123456');
}

/** Up to the password step. */
async function toPassword(canvasElement: HTMLElement) {
  const { el, shadow } = await choose(canvasElement, 'Use my password');
  await reached(el, shadow, 'password', 'Enter your password');
  return { el, shadow };
}

/** Types `password` and presses "Sign in". */
async function submitPassword(shadow: Shadow, password: string) {
  await typeInto(shadow, 'Password', password);
  await click(shadow, 'Sign in');
}

/** "Forgot password?" up to the recovery code step. */
async function toRecoveryCode(canvasElement: HTMLElement) {
  const { el, shadow } = await toPassword(canvasElement);
  await click(shadow, 'Forgot password?');
  await reached(el, shadow, 'code', "Confirm it's you");
  return { el, shadow };
}

/** A recovery code that worked: the server says so with `recovery: true`. */
const recoveryWorks: Scenario = { codeVerify: { body: { ...fixtures.signIn, recovery: true } } };

async function toRecovered(canvasElement: HTMLElement) {
  const { el, shadow } = await toRecoveryCode(canvasElement);
  await enterCode(shadow);
  await reached(el, shadow, 'recovered', "You're in. How will you sign in next time?");
  return { el, shadow };
}

/** "Set a new password" after recovery, up to the new password step. */
async function toNewPassword(canvasElement: HTMLElement) {
  const { el, shadow } = await toRecovered(canvasElement);
  await click(shadow, 'Set a new password');
  await reached(el, shadow, 'new-password', 'Save password');
  return { el, shadow };
}

/** After a code sign-in: the offer to add a passkey on this device. */
async function toEnrolOffer(canvasElement: HTMLElement) {
  const { el, shadow } = await toEmailCode(canvasElement);
  await enterCode(shadow);
  await reached(el, shadow, 'enrol', 'Sign in faster next time');
  return { el, shadow };
}

/** A failure inside the code step: the notice names it by code and says it in words. */
async function codeFailure(el: PasskeyLogin, shadow: Shadow, code: FailureCode, title: string) {
  await reached(el, shadow, 'code', title);
  await expect(el.shadowRoot?.querySelector('[part~="failure-notice"]')).toHaveAttribute('data-code', code);
}

/** An emailed code typed in and refused with `code`. */
async function codeRefused(canvasElement: HTMLElement, code: FailureCode, title: string) {
  const { el, shadow } = await toEmailCode(canvasElement);
  await enterCode(shadow);
  await codeFailure(el, shadow, code, title);
  return { el, shadow };
}

/** "Email me a code" refused before any code was sent. */
async function sendRefused(canvasElement: HTMLElement, code: FailureCode, title: string) {
  const { el, shadow } = await choose(canvasElement, 'Email me a code');
  await codeFailure(el, shadow, code, title);
  return { el, shadow };
}

/**
 * "Other ways to sign in" from the form, on a browser where the password got someone in last
 * time: the form offers it as its own button, and the chooser lists it first, marked.
 */
export const Chooser: Story = {
  name: 'Chooser with "Last used"',
  ...world({ lastUsed: 'password' }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await form(canvasElement);
    await expect(await shadow.findByRole('button', { name: 'Use my password Last used' })).toBeVisible();
    await openChooser(el, shadow);
    const methods = [...(el.shadowRoot?.querySelectorAll('[part~="method-button"]') ?? [])];
    await expect(methods.map((button) => button.getAttribute('data-method'))).toEqual(['password', 'passkey', 'hybrid', 'email-code', 'sms-code']);
    await expect(methods[0]?.getAttribute('part')).toContain('primary-button');
    await shown(shadow, 'Last used');
    await shown(shadow, identifier);
    await expect(shadow.getByRole('button', { name: 'Back' })).toBeVisible();
  },
};

/** The passkey sheet was closed: besides "Try again", every other way in is one click away. */
export const FailureWithFallbacks: Story = {
  name: 'Passkey cancelled, other ways offered',
  ...world({ platform: { get: { reject: 'NotAllowedError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await passkeyFor(canvasElement);
    await reached(el, shadow, 'failed', "Passkey sign-in didn't complete");
    for (const name of ['Try again', 'Use a phone or tablet', 'Email me a code', 'Text me a code', 'Use my password']) {
      await expect(await shadow.findByRole('button', { name })).toBeVisible();
    }
  },
};

/** The site routes a cancelled passkey sheet to an emailed code: no notice, straight to the code. */
export const RoutedFailure: Story = {
  name: 'Passkey cancelled, routed to an email code',
  args: { 'fallback-routes': '{"cancelled":"email-code"}' },
  ...world({ platform: { get: { reject: 'NotAllowedError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await passkeyFor(canvasElement);
    await reached(el, shadow, 'code', /We emailed a 6-digit code to a•••@example\.com\./);
    await expect(el.shadowRoot?.querySelector('[part~="failure-notice"]')).toBeNull();
  },
};

/** The server has not answered "send a code" yet. */
export const CodeSending: Story = {
  name: 'Email code: sending',
  args: patient,
  ...world({ server: { codeSend: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await choose(canvasElement, 'Email me a code');
    await reached(el, shadow, 'code', 'Sending a code…');
  },
};

/** The code is on its way: where it went, how long it lasts, and when another may be asked for. */
export const CodeEntering: Story = {
  name: 'Email code: entering',
  ...world(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toEmailCode(canvasElement);
    await shown(shadow, /It expires in 10 minutes\./);
    await expect(shadow.getByRole('button', { name: /^Send a new code \(0:\d\d\)$/ })).toHaveAttribute('aria-disabled', 'true');
    const input = shadow.getByLabelText('Code');
    await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(input).toHaveAttribute('inputmode', 'numeric');
  },
};

export const CodeWrong: Story = {
  name: 'Email code: wrong code',
  ...world({ server: { codeVerify: problem(400, 'code-invalid', { triesLeft: 3 }) } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await codeRefused(canvasElement, 'code-invalid', "That code isn't right");
    await shown(shadow, /You have 3 more tries\./);
    await expect(shadow.getByLabelText('Code')).toHaveAttribute('aria-invalid', 'true');
  },
};

/**
 * The code ran out while the page was open: the server's codes last a second here, so the story
 * does not wait ten minutes, and a new one may be asked for at once.
 */
export const CodeExpired: Story = {
  name: 'Email code: expired',
  ...world({ server: { codeSend: { body: { ...fixtures.emailSent, expiresIn: 1, resendAfter: 0 } } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toEmailCode(canvasElement);
    await reached(el, shadow, 'code', 'This code has expired');
    // A dead code: no field to type into; a new code is the primary way on.
    await expect(shadow.queryByLabelText('Code')).toBeNull();
    await expect(shadow.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'false');
  },
};

/** Too many wrong codes: this code is burned, only a new one can work. */
export const CodeTooManyTries: Story = {
  name: 'Email code: too many tries',
  ...world({ server: { codeVerify: problem(429, 'too-many-tries') } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await codeRefused(canvasElement, 'too-many-tries', 'Too many wrong tries');
    await shown(shadow, 'This code no longer works. Ask for a new one.');
  },
};

/** Code sign-in is paused for the account for a quarter of an hour. */
export const AccountLocked: Story = {
  name: 'Email code: account locked',
  ...world({ server: { codeVerify: problem(429, 'account-locked', { retryAfter: 900 }) } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await codeRefused(canvasElement, 'account-locked', 'Sign-in with a code is paused');
    await shown(shadow, /You can try again in 15 minutes\./);
    await expect(shadow.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** The server refuses to send another code so soon: nothing was sent, and it says when. */
export const CodeRateLimited: Story = {
  name: 'Email code: rate limited',
  ...world({ server: { codeSend: problem(429, 'rate-limited', { retryAfter: 45 }) } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await sendRefused(canvasElement, 'rate-limited', 'Too many attempts');
    await shown(shadow, /You can try again in 45 seconds\./);
  },
};

/** The mail provider would not take the message. */
export const DeliveryFailed: Story = {
  name: 'Email code: delivery failed',
  ...world({ server: { codeSend: problem(502, 'delivery-failed') } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await sendRefused(canvasElement, 'delivery-failed', "We couldn't send the code");
    await expect(shadow.getByRole('button', { name: 'Other ways to sign in' })).toBeVisible();
  },
};

/** A code by text message, to the phone number the server shows masked. */
export const SmsEntering: Story = {
  name: 'Text message code: entering',
  ...world({ server: { codeSend: { body: fixtures.smsSent } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await choose(canvasElement, 'Text me a code');
    await reached(el, shadow, 'code', /We texted a 6-digit code to \+49 ••• 12\./);
  },
};

export const PasswordEntering: Story = {
  name: 'Password: entering',
  ...world(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toPassword(canvasElement);
    await shown(shadow, identifier);
    await expect(shadow.getByRole('button', { name: 'Change email or username' })).toBeVisible();
    await expect(shadow.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    await expect(shadow.getByRole('button', { name: 'Forgot password?' })).toBeVisible();
  },
};

export const PasswordWrong: Story = {
  name: 'Password: wrong password',
  ...world({ server: { passwordSignIn: problem(400, 'invalid-credentials') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toPassword(canvasElement);
    await submitPassword(shadow, 'not my password');
    await reached(el, shadow, 'password', "That password isn't right");
    await expect(shadow.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** "Show password" pressed after typing: the password reads in clear text. */
export const PasswordShown: Story = {
  name: 'Password: shown',
  ...world(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toPassword(canvasElement);
    await typeInto(shadow, 'Password', 'correct horse battery');
    await click(shadow, 'Show password');
    // Its name now says what the next press does; aria-pressed says what is on.
    await expect(shadow.getByRole('button', { name: 'Hide password' })).toHaveAttribute('aria-pressed', 'true');
    const input = shadow.getByLabelText('Password');
    await expect(input).toHaveAttribute('type', 'text');
    await expect(input).toHaveValue('correct horse battery');
  },
};

/** "Forgot password?": a code to the account's email proves it is them. */
export const RecoveryCode: Story = {
  name: 'Forgot password: recovery code',
  ...world(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toRecoveryCode(canvasElement);
    await shown(shadow, /We emailed a 6-digit code to a•••@example\.com\./);
    await expect(shadow.getByRole('button', { name: 'Continue' })).toBeVisible();
  },
};

/** The recovery code worked: a passkey is offered first, a new password second. */
export const Recovered: Story = {
  name: 'Forgot password: recovered',
  ...world({ server: recoveryWorks }),
  play: async ({ canvasElement }) => {
    const { shadow } = await toRecovered(canvasElement);
    for (const name of ['Create a passkey', 'Set a new password', 'Not now']) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

export const NewPassword: Story = {
  name: 'Forgot password: new password',
  ...world({ server: recoveryWorks }),
  play: async ({ canvasElement }) => {
    const { shadow } = await toNewPassword(canvasElement);
    await shown(shadow, 'Use at least 8 characters. A password manager can make a strong one for you.');
    await expect(shadow.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password');
    await expect(shadow.getByRole('button', { name: 'Save password' })).toBeVisible();
  },
};

/** The server refused the new password. */
/** Shorter than the site's minimum: said on the field, before anything is sent. */
export const NewPasswordTooShort: Story = {
  name: 'Forgot password: new password too short',
  ...world({ server: recoveryWorks }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toNewPassword(canvasElement);
    await typeInto(shadow, 'New password', 'short');
    await click(shadow, 'Save password');
    await shown(shadow, 'Use at least 8 characters.');
    await expect(el.state).toBe('new-password');
    await expect(shadow.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  },
};

export const NewPasswordInvalid: Story = {
  name: 'Forgot password: new password refused',
  ...world({ server: { ...recoveryWorks, passwordSet: problem(400, 'invalid-password') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toNewPassword(canvasElement);
    // Long enough for the element; the backend has rules of its own.
    await typeInto(shadow, 'New password', 'password1234');
    await click(shadow, 'Save password');
    await reached(el, shadow, 'new-password', "That password can't be used");
    await shown(shadow, 'Try a longer one.');
    await expect(shadow.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Signed in with an emailed code on a browser that can hold a passkey: one is offered. */
export const EnrolOffer: Story = {
  name: 'Passkey offer after a code',
  ...world(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toEnrolOffer(canvasElement);
    await shown(shadow, /With a passkey, you don't need to remember a password\./);
    await expect(shadow.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
    await expect(shadow.getByRole('button', { name: 'Not now' })).toBeVisible();
  },
};

/** The offer taken, then the browser's create sheet closed: nothing saved, the offer stays. */
export const EnrolCancelled: Story = {
  name: 'Passkey offer: create cancelled',
  ...world({ platform: { create: { reject: 'NotAllowedError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toEnrolOffer(canvasElement);
    await click(shadow, 'Create a passkey');
    await reached(el, shadow, 'enrol', "The passkey wasn't created");
    await shown(shadow, 'Nothing was saved. You can try again when you are ready.');
    await expect(shadow.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
  },
};

/** A password sign-in on a browser without conditional create goes straight to signed in. */
export const SignedInWithPassword: Story = {
  name: 'Signed in with a password',
  ...world(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toPassword(canvasElement);
    await submitPassword(shadow, 'correct horse battery');
    // No conditional create in the stand-in: the explicit passkey offer comes first.
    await reached(el, shadow, 'enrol', 'Sign in faster next time');
    await click(shadow, 'Not now');
    await reached(el, shadow, 'signed-in', "You're signed in");
    await shown(shadow, `Signed in as ${fixtures.signIn.user.displayName}`);
    await waitFor(() => expect(localStorage.getItem(LAST_USED_KEY)).toBe('password'));
  },
};

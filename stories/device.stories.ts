/**
 * Devices: approving this sign-in from a device where the person is already signed in, where a
 * new passkey went, and the advice to add a backup when the account has a single passkey. Each
 * story says what the server answers, what the browser's WebAuthn does and what this browser
 * remembers from earlier visits, then clicks its way there as a person would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PasskeyLogin } from '../src/index.js';
import { fixtures, happy, problem, type Reply, type Scenario } from '../test/mocks/backend.js';
import { click, element, given, meta as shared, patient, reached, ready, shown, type Args, type World } from './support.js';

/** What the element keeps in localStorage (src/steps/effects.ts). */
const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';
const NUDGE_KEY = 'passkey-login.backup-nudge-dismissed';

let restoreStorage: (() => void) | undefined;

/**
 * A browser that remembers nothing: no method last used, no "Not now" on the passkey offer or
 * on the backup advice. The designer's own values come back afterwards, so a sign-in played here
 * does not change what the next story starts from. Restoring before clearing keeps the originals
 * when Storybook runs `beforeEach` again without the cleanup (see support.ts).
 */
function forgetful(): () => void {
  restoreStorage?.();
  const saved = [LAST_USED_KEY, SNOOZE_KEY, NUDGE_KEY].map((key) => [key, localStorage.getItem(key)] as const);
  for (const [key] of saved) localStorage.removeItem(key);
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
  title: 'Passkey login/Devices',
  // A site that lets a signed-in device approve a new one, beside passkeys and an emailed code.
  args: { methods: 'passkey hybrid device email-code' },
  beforeEach: [shared.beforeEach, forgetful],
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

const identifier = 'ada@example.com';

/** The binding code the mock backend hands out (test/mocks/backend.ts). */
const CODE = '7KQ2-M9XD';

/** The site's page holding `<passkey-login-approval>`, where the QR code leads. */
const approvePage = { 'approve-url': 'https://example.com/approve?code={code}' } satisfies Args;

const deviceRequest = happy.deviceRequest as { status: number; body: Record<string, unknown> };

/** The backend's answer to "approve me from another device", with `changes` to its body. */
const requested = (changes: Record<string, unknown>): Reply => ({ ...deviceRequest, body: { ...deviceRequest.body, ...changes } });

/** The form with "Other ways to sign in" on it (there from the first paint; what it opens loads on intent). */
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
async function openChooser(canvasElement: HTMLElement) {
  const { el, shadow } = await form(canvasElement);
  await typeInto(shadow, 'Email or username', identifier);
  await click(shadow, 'Other ways to sign in');
  await reached(el, shadow, 'choosing', 'Choose how to sign in');
  // The ways show once the backend has said which ones the identifier has.
  await waitFor(() => expect(el.shadowRoot?.querySelector('[part~="method-button"]')).not.toBeNull());
  return { el, shadow };
}

/** "Other ways to sign in", then "Approve from another device". */
async function toDevice(canvasElement: HTMLElement) {
  const { el, shadow } = await openChooser(canvasElement);
  await click(shadow, 'Approve from another device');
  return { el, shadow };
}

/** Up to the binding code, with the server waiting for the other device. */
async function toWaiting(canvasElement: HTMLElement) {
  const { el, shadow } = await toDevice(canvasElement);
  await reached(el, shadow, 'device', CODE);
  await shown(shadow, 'Waiting for approval…');
  return { el, shadow };
}

/** A step where the other-device request ended: the notice names it and says it in words. */
async function deviceEnded(el: PasskeyLogin, shadow: Shadow, code: string, title: string, body: string | RegExp) {
  await reached(el, shadow, 'device', title, 10_000);
  await shown(shadow, body);
  await expect(el.shadowRoot?.querySelector('[part~="failure-notice"]')).toHaveAttribute('data-code', code);
}

/** Signs in with an emailed code from the chooser, up to the offer to add a passkey here. */
async function toEnrolOffer(canvasElement: HTMLElement) {
  const { el, shadow } = await openChooser(canvasElement);
  await click(shadow, 'Email me a code');
  await reached(el, shadow, 'code', /We emailed a 6-digit code to a•••@example\.com\./);
  await typeInto(shadow, 'Code', '123456');
  await reached(el, shadow, 'enrol', 'Sign in faster next time');
  return { el, shadow };
}

/** Types the identifier and signs in with the passkey this browser offers. */
async function signedInWithPasskey(canvasElement: HTMLElement) {
  const { el, shadow } = await form(canvasElement);
  await typeInto(shadow, 'Email or username', identifier);
  await click(shadow, 'Sign in with a passkey');
  await reached(el, shadow, 'signed-in', "You're signed in");
  return { el, shadow };
}

/** The account's only passkey, kept on one authenticator and backed up nowhere. */
const onePasskey: Scenario = {
  passkeys: {
    body: {
      passkeys: [
        { id: 'Y3JlZC0x', createdAt: '2026-09-01T09:00:00.000Z', lastUsedAt: '2026-11-20T18:30:00.000Z', deviceType: 'singleDevice', backedUp: false },
      ],
    },
  },
};

/** Signed in with a passkey that is the account's only one. */
const singlePasskey: World = { platform: { get: { resolve: true } }, server: onePasskey };

/** The server has not handed out a code yet. */
export const Requesting: Story = {
  name: 'Another device: getting a code',
  args: patient,
  ...given({ server: { deviceRequest: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDevice(canvasElement);
    await reached(el, shadow, 'device', 'Getting a code…');
  },
};

/**
 * The code to type on the signed-in device, and a QR code that opens the site's approval page
 * with the code filled in; the server keeps answering "pending".
 */
export const Waiting: Story = {
  name: 'Another device: waiting for approval',
  args: approvePage,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toWaiting(canvasElement);
    await shown(shadow, "On a phone or computer where you're already signed in to this site, open the approval page and enter this code:");
    await expect(el.shadowRoot?.querySelector('[part~="device-code"]')).toHaveTextContent(CODE);
    await shown(shadow, 'Or scan this QR code with that device to open the page.');
    // The QR code's library loads only when this step first shows one.
    await waitFor(() => expect(el.shadowRoot?.querySelector('svg[part~="qr"]')).not.toBeNull(), { timeout: 5_000 });
    await expect(shadow.getByRole('img', { name: 'QR code of the approval page' })).toBeVisible();
    await shown(shadow, 'The code works for 10 minutes.');
    await shown(shadow, /instead, choose "Use a phone or tablet"/);
    for (const name of ['Other ways to sign in', 'Change email or username']) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

/** The other device turned the request down. */
export const Denied: Story = {
  name: 'Another device: denied',
  ...given({ server: { deviceRequestStatus: { body: { status: 'denied' } } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toWaiting(canvasElement);
    await deviceEnded(el, shadow, 'denied', 'The sign-in was denied', 'It was turned down on your other device. Nothing changed here.');
    await expect(shadow.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/**
 * Nobody approved in time: the server's codes last a second here, so the story does not wait ten
 * minutes, and a new code is one click away.
 */
export const Expired: Story = {
  name: 'Another device: code expired',
  ...given({ server: { deviceRequest: requested({ expiresIn: 1 }) } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDevice(canvasElement);
    await deviceEnded(el, shadow, 'expired', 'That code has expired', 'Codes work for a few minutes only. Get a new one and try again.');
    await expect(shadow.getByRole('button', { name: 'Get a new code' })).toBeVisible();
  },
};

/** The server refused to hand out another code so soon: nothing was asked of any device. */
export const RequestRefused: Story = {
  name: 'Another device: request refused',
  ...given({ server: { deviceRequest: problem(429, 'rate-limited', { retryAfter: 45 }) } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDevice(canvasElement);
    await deviceEnded(el, shadow, 'rate-limited', 'Too many attempts', /Wait a little, then try again, or choose another way to sign in\. You can try again in 45 seconds\./);
    for (const name of ['Try again', 'Other ways to sign in']) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

/**
 * "Other ways to sign in" on a site that offers approval from another device: each of the two
 * ways to use another device says in one sentence what it needs.
 */
export const Chooser: Story = {
  name: 'Chooser with "Approve from another device"',
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await openChooser(canvasElement);
    const methods = [...(el.shadowRoot?.querySelectorAll('[part~="method-button"]') ?? [])];
    await expect(methods.map((button) => button.getAttribute('data-method'))).toEqual(['passkey', 'hybrid', 'device', 'email-code']);
    await expect(shadow.getByRole('button', { name: 'Approve from another device' })).toBeVisible();
    await shown(shadow, "Approving from another device works from any phone or computer where you're already signed in.");
    await shown(shadow, 'Scan a QR code with a phone or tablet that has your passkey; it needs to be nearby with Bluetooth on.');
  },
};

/**
 * Signed in with an emailed code, then "Create a passkey": the server says the new passkey went
 * to a password manager that syncs, and the signed-in step says so.
 */
export const PasskeySaved: Story = {
  name: 'Signed in: passkey saved and synced',
  ...given({
    platform: { create: { resolve: true } },
    server: {
      registrationVerify: { body: { ...fixtures.signIn, passkey: { provider: 'Google Password Manager', backedUp: true, backupEligible: true } } },
    },
  }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toEnrolOffer(canvasElement);
    await click(shadow, 'Create a passkey');
    await reached(el, shadow, 'signed-in', "You're signed in");
    await shown(shadow, `Signed in as ${fixtures.signIn.user.displayName}`);
    await shown(shadow, 'Your passkey is saved in Google Password Manager. It syncs to your other devices that use the same account.');
  },
};

/** Signed in with the account's only passkey: the step suggests a backup, and can be put off. */
export const BackupNudge: Story = {
  name: 'Signed in: add a backup passkey',
  ...given(singlePasskey),
  play: async ({ canvasElement }) => {
    const { shadow } = await signedInWithPasskey(canvasElement);
    await shown(shadow, 'Add a backup passkey');
    await shown(shadow, 'You have one passkey. Add another on a second device, or in a password manager that syncs, so losing a device never locks you out.');
    for (const name of ['Add a passkey', 'Not now', "Don't ask again"]) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

/** "Not now" on that advice: it goes away, this browser remembers when, and the person stays in. */
export const BackupNudgeDismissed: Story = {
  name: 'Signed in: backup advice put off',
  ...given(singlePasskey),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signedInWithPasskey(canvasElement);
    await shown(shadow, 'Add a backup passkey');
    await click(shadow, 'Not now');
    await waitFor(() => expect(shadow.queryByText('Add a backup passkey')).toBeNull());
    await expect(el.state).toBe('signed-in');
    await shown(shadow, "You're signed in");
    await expect(shadow.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await waitFor(() => expect(Number(localStorage.getItem(NUDGE_KEY))).toBeGreaterThan(0));
  },
};

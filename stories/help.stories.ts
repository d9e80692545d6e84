/**
 * "Need help?" and "I have a recovery code from support": the support contact, the reference to
 * read out, the summary to copy, and redeeming the one-time code a support agent issued. Each
 * story says what the server answers and what the browser's WebAuthn does, then clicks its way
 * there as a person would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { PasskeyLogin } from '../src/index.js';
import { fixtures, problem, type Reply } from '../test/mocks/backend.js';
import { click, element, given, meta as shared, reached, ready, shown, type Args } from './support.js';

const meta = {
  ...shared,
  title: 'Passkey login/Help',
  // Every way in, as a site that has a support desk would likely offer.
  args: { methods: 'passkey hybrid email-code sms-code password' },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

const identifier = 'ada@example.com';

/** The backend's own reference for an error, as problem+json carries it. */
const BACKEND_REFERENCE = 'R-1234';

/** A problem+json answer that names the backend's reference for support. */
function withReference(status: number, code: string, reference: string): Reply {
  const base = problem(status, code) as { status: number; body: Record<string, unknown>; headers: Record<string, string> };
  return { ...base, body: { ...base.body, reference } };
}

/** The server could not check the passkey, and said which error it logged. */
const verifyBroken = given({
  platform: { get: { resolve: true } },
  server: { authenticationVerify: withReference(500, 'server', BACKEND_REFERENCE) },
});

/** The person closed the browser's passkey sheet. */
const passkeyCancelled = { platform: { get: { reject: 'NotAllowedError' } } } as const;

/** The form with "Other ways to sign in" on it (there from the first paint; what it opens loads on intent). */
async function form(canvasElement: HTMLElement) {
  const { el, shadow } = await element(canvasElement);
  await ready(el);
  await shadow.findByRole('button', { name: 'Other ways to sign in' }, { timeout: 5_000 });
  return { el, shadow };
}

/** Types the identifier, presses "Sign in with a passkey" and waits for the failure it ends in. */
async function failedPasskey(canvasElement: HTMLElement, title: string) {
  const { el, shadow } = await form(canvasElement);
  await userEvent.type(await shadow.findByLabelText('Email or username'), identifier);
  await click(shadow, 'Sign in with a passkey');
  await reached(el, shadow, 'failed', title);
  return { el, shadow };
}

/** "Need help?" on the step on screen. */
async function openHelp(el: PasskeyLogin, shadow: Shadow) {
  await click(shadow, 'Need help?');
  await reached(el, shadow, 'help', /^Reference: /);
}

/** A cancelled passkey, "Need help?", then "I have a recovery code from support". */
async function toRedeem(canvasElement: HTMLElement) {
  const { el, shadow } = await failedPasskey(canvasElement, "Passkey sign-in didn't complete");
  await openHelp(el, shadow);
  await click(shadow, 'I have a recovery code from support');
  await reached(el, shadow, 'redeem', 'Enter your recovery code');
  return { el, shadow };
}

/** Types the code the agent read out, grouped as they read it, and presses Continue. */
async function redeemCode(shadow: Shadow) {
  await userEvent.type(shadow.getByLabelText('Recovery code'), '7KQ4-M2XP');
  await click(shadow, 'Continue');
}

const summaryOf = (el: PasskeyLogin) => el.shadowRoot?.querySelector<HTMLTextAreaElement>('#support-summary')?.value ?? '';

/**
 * The server failed to check a passkey and named its log entry: help shows that reference, so
 * support can find exactly this error, and a summary that holds nothing typed.
 */
export const HelpFromFailure: Story = {
  name: 'Help from a failure (backend reference)',
  ...verifyBroken,
  play: async ({ canvasElement }) => {
    const { el, shadow } = await failedPasskey(canvasElement, 'Something went wrong');
    await openHelp(el, shadow);
    await shown(shadow, `Reference: ${BACKEND_REFERENCE}`);
    // What support needs beyond the reference waits behind "Details for support".
    await userEvent.click(shadow.getByText('Details for support'));
    const summary = summaryOf(el);
    await expect(summary).toContain(`reference: ${BACKEND_REFERENCE}`);
    await expect(summary).toContain('failures: server');
    await expect(summary).not.toContain(identifier);
    for (const name of ['Copy summary', 'I have a recovery code from support', 'Back']) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
    // No `support-contact` set: no link to show.
    await expect(shadow.queryByRole('link', { name: 'Contact support' })).toBeNull();
  },
};

/**
 * The site set `support-contact`: "Contact support" opens a mail to the desk with the reference
 * this page made up in its subject, since nothing failed on the server.
 */
export const HelpWithContact: Story = {
  name: 'Help with a support contact',
  args: { 'support-contact': 'mailto:help@example.com?subject=Sign-in%20help%20{reference}' },
  ...given(passkeyCancelled),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await failedPasskey(canvasElement, "Passkey sign-in didn't complete");
    await openHelp(el, shadow);
    const reference = /^Reference: (\S+)$/.exec((await shown(shadow, /^Reference: /)).textContent?.trim() ?? '')?.[1] ?? '';
    // The correlation id the element sends with every request.
    await expect(reference).toMatch(/^[0-9A-F]{8}$/);
    const link = await shadow.findByRole('link', { name: 'Contact support' });
    await expect(link).toHaveAttribute('href', `mailto:help@example.com?subject=Sign-in%20help%20${encodeURIComponent(reference)}`);
    await expect(summaryOf(el)).toContain('failures: cancelled');
  },
};

/** Support gave the person a one-time code: the identifier typed before is already there. */
export const RedeemEntering: Story = {
  name: 'Recovery code from support: entering',
  ...given(passkeyCancelled),
  play: async ({ canvasElement }) => {
    const { shadow } = await toRedeem(canvasElement);
    await shown(shadow, identifier);
    await expect(shadow.getByLabelText('Recovery code')).toHaveAttribute('autocomplete', 'off');
    await expect(shadow.getByRole('button', { name: 'Continue' })).toBeVisible();
  },
};

/** The code was mistyped, already used, or for another account: it says so, and how to go on. */
export const RedeemRefused: Story = {
  name: 'Recovery code from support: refused',
  ...given({ ...passkeyCancelled, server: { recoveryRedeem: problem(400, 'recovery-code-invalid') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toRedeem(canvasElement);
    await redeemCode(shadow);
    await reached(el, shadow, 'redeem', "That recovery code doesn't work");
    await expect(el.shadowRoot?.querySelector('[part~="failure-notice"]')).toHaveAttribute('data-code', 'recovery-code-invalid');
    await expect(shadow.getByLabelText('Recovery code')).toHaveAttribute('aria-invalid', 'true');
    // Kept, to correct rather than type again.
    await expect(shadow.getByLabelText('Recovery code')).not.toHaveValue('');
  },
};

/** The code worked: the person is in, and a new passkey is offered first. */
export const RedeemAccepted: Story = {
  name: 'Recovery code from support: accepted',
  ...given({ ...passkeyCancelled, server: { recoveryRedeem: { body: { ...fixtures.signIn, recovery: true } } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toRedeem(canvasElement);
    await redeemCode(shadow);
    await reached(el, shadow, 'recovered', "You're in. How will you sign in next time?");
    for (const name of ['Create a passkey', 'Set a new password', 'Not now']) {
      await expect(shadow.getByRole('button', { name })).toBeVisible();
    }
  },
};

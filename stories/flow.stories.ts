/**
 * Each step of sign-in and sign-up as a person meets it. Every story sets up the browser and the
 * server, then clicks its way in; the play function ends by checking the step was reached.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { fixtures, problem } from '../test/mocks/backend.js';
import {
  click,
  element,
  given,
  meta as shared,
  patient,
  platformLog,
  reached,
  shown,
  ready,
  signInWithPasskey,
  submitIdentifier,
  toConfirmCreate,
  type Args,
} from './support.js';

const meta = {
  ...shared,
  title: 'Passkey login/Flow',
  tags: ['autodocs'],
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** The docs page shows only this one: the others need their play function to get anywhere. */
const notInDocs = ['!autodocs'];

/** On load: the identifier field offers passkeys from autofill while the buttons wait for a click. */
export const AutofillArmed: Story = {
  name: 'Autofill armed',
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await waitFor(() => expect(platformLog.calls.map((call) => call.kind)).toContain('conditional'));
    const input = await shadow.findByLabelText('Email or username');
    await expect(input).toHaveAttribute('autocomplete', 'username webauthn');
    await shown(shadow, 'Sign in or create an account');
  },
};

/** The session check has not answered yet; the form shows, but autofill waits for it. */
export const CheckingSession: Story = {
  name: 'Checking session',
  tags: notInDocs,
  args: { 'check-session': true, ...patient },
  ...given({ server: { session: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'checking', 'Sign in or create an account');
  },
};

/** "Sign in with a passkey" was pressed before the sign-in options arrived. */
export const GettingReady: Story = {
  name: 'Getting ready',
  tags: notInDocs,
  args: patient,
  ...given({ server: { authenticationOptions: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await click(shadow, 'Sign in with a passkey');
    await reached(el, shadow, 'preparing', 'Getting ready…');
  },
};

/** The browser's passkey sheet is open. */
export const WaitingForPasskey: Story = {
  name: 'Waiting for passkey',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'ceremony', 'Waiting for your passkey');
    await shown(shadow, 'Follow the prompt from your browser or device.');
  },
};

/** The browser shows a QR code for a phone or tablet (hybrid transport). */
export const HybridWaiting: Story = {
  name: 'Phone or tablet (hybrid) waiting',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await click(shadow, 'Use a phone or tablet');
    await reached(el, shadow, 'ceremony', 'Scan the QR code with your phone or tablet and follow its prompt.');
  },
};

/** The passkey answered; the server is checking it. */
export const Verifying: Story = {
  tags: notInDocs,
  args: patient,
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'verifying', 'Signing you in…');
  },
};

export const SignedIn: Story = {
  name: 'Signed in',
  tags: notInDocs,
  ...given({ platform: { get: { resolve: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'signed-in', "You're signed in");
    await shown(shadow, `Signed in as ${fixtures.signIn.user.displayName}`);
  },
};

/** A session already exists when the page loads (`check-session`); no passkey is asked for. */
export const SignedInViaSession: Story = {
  name: 'Signed in via session check',
  tags: notInDocs,
  args: { 'check-session': true },
  ...given({ server: { session: { body: fixtures.signIn } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'signed-in', "You're signed in");
    await expect(platformLog.calls).toHaveLength(0);
  },
};

export const SigningOut: Story = {
  name: 'Signing out',
  tags: notInDocs,
  args: { 'check-session': true, ...patient },
  ...given({ server: { session: { body: fixtures.signIn }, signOut: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'signed-in', "You're signed in");
    await click(shadow, 'Sign out');
    await reached(el, shadow, 'signing-out', 'Signing out…');
  },
};

/** Sign-out failed on the server: the person is still signed in and told so. */
export const SignOutFailed: Story = {
  name: 'Sign-out failed',
  tags: notInDocs,
  args: { 'check-session': true },
  ...given({ server: { session: { body: fixtures.signIn }, signOut: problem(500, 'internal') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'signed-in', "You're signed in");
    await click(shadow, 'Sign out');
    await reached(el, shadow, 'signed-in', "We couldn't sign you out. Try again.");
  },
};

/** A new identifier was submitted and the server is preparing the sign-up. */
export const SignUpChecking: Story = {
  name: 'Sign-up: checking identifier',
  tags: notInDocs,
  args: patient,
  ...given({ server: { registrationOptions: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await submitIdentifier(shadow, 'ada@example.com');
    await reached(el, shadow, 'registering', 'Checking…');
  },
};

/** The handshake before the OS sheet: what is about to happen. */
export const SignUpConfirmCreate: Story = {
  name: 'Sign-up: confirm create',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { shadow } = await toConfirmCreate(canvasElement);
    await expect(shadow.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
  },
};

export const SignUpCreating: Story = {
  name: 'Sign-up: creating passkey',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toConfirmCreate(canvasElement);
    await click(shadow, 'Create a passkey');
    await reached(el, shadow, 'ceremony', 'Creating your passkey');
  },
};

/** Sign-up with an identifier that already has an account: the server answers 409. */
export const Returning: Story = {
  name: 'Returning (identifier taken)',
  tags: notInDocs,
  ...given({ server: { registrationOptions: problem(409, 'identifier-taken') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await submitIdentifier(shadow, 'ada@example.com');
    await reached(el, shadow, 'returning', 'This email or username already has an account. Sign in to it.');
  },
};

/** The authenticator already holds a passkey for this account (InvalidStateError on create). */
export const AlreadyRegistered: Story = {
  name: 'Already registered',
  tags: notInDocs,
  ...given({ platform: { create: { reject: 'InvalidStateError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toConfirmCreate(canvasElement);
    await click(shadow, 'Create a passkey');
    await reached(el, shadow, 'returning', 'You already have a passkey for this account on this device. Sign in with it.');
  },
};

export const IdentifierRequired: Story = {
  name: 'Identifier required',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await submitIdentifier(shadow, '');
    await reached(el, shadow, 'ready', 'Enter your email or username.');
    await expect(shadow.getByLabelText('Email or username')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** The server refused the identifier (400 `invalid-identifier`). */
export const InvalidIdentifier: Story = {
  name: 'Invalid identifier',
  tags: notInDocs,
  ...given({ server: { registrationOptions: problem(400, 'invalid-identifier') } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await submitIdentifier(shadow, 'ada@@example');
    await reached(el, shadow, 'ready', "That email or username can't be used. Check it and try again.");
    await expect(shadow.getByLabelText('Email or username')).toHaveAttribute('aria-invalid', 'true');
  },
};

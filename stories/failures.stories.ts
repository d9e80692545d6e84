/**
 * How each failure looks, reached the way people reach it: the browser's WebAuthn throws the
 * DOMException real browsers throw, or the backend answers the way real backends go wrong.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { fixtures, problem, type Reply } from '../test/mocks/backend.js';
import {
  click,
  element,
  given,
  meta as shared,
  platformLog,
  reached,
  shown,
  signInWithPasskey,
  toConfirmCreate,
  type Args,
} from './support.js';

const meta = {
  ...shared,
  title: 'Passkey login/Failures',
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** Shorthand for stories that fail after "Sign in with a passkey". */
function afterPasskeyClick(title: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'failed', title);
  };
}

/** The person closed the browser's sheet (NotAllowedError): neutral copy, two ways on. */
export const Cancelled: Story = {
  name: 'Modal cancelled',
  ...given({ platform: { get: { reject: 'NotAllowedError' } } }),
  play: async (context) => {
    await afterPasskeyClick("Passkey sign-in didn't complete")(context);
    const { shadow } = await element(context.canvasElement);
    await expect(shadow.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/**
 * The sheet never settles, so the element's watchdog gives up: options `timeout` plus a fixed
 * 15 s margin. With a 1 s options timeout the story takes about 16 s to get there.
 */
export const TimedOut: Story = {
  name: 'Timed out (≈16 s)',
  ...given({ server: { authenticationOptions: { body: { ...fixtures.requestOptions, timeout: 1_000 } } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'ceremony', 'Waiting for your passkey');
    await reached(el, shadow, 'failed', 'That took too long', 25_000);
  },
};

/** Another request was already pending (OperationError), on the automatic retry too. */
export const AlreadyPending: Story = {
  name: 'Already pending twice',
  ...given({ platform: { get: { reject: 'OperationError' } } }),
  play: async (context) => {
    await afterPasskeyClick("Your device couldn't respond")(context);
    await expect(platformLog.calls.filter((call) => call.kind === 'get')).toHaveLength(2);
  },
};

/**
 * The rpId or origin does not match the site (SecurityError). A real browser refuses the
 * autofill request on load already, so the notice is there without a click, and passkey
 * buttons are gone for this page view.
 */
export const SecurityError: Story = {
  name: 'SecurityError (site misconfiguration)',
  ...given({ platform: { conditional: { reject: 'SecurityError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'failed', "Passkeys aren't working on this site right now");
    await expect(shadow.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  },
};

/** This device cannot do what the request asks (NotSupportedError): that button goes away. */
export const NotSupported: Story = {
  name: 'NotSupportedError',
  ...given({ platform: { get: { reject: 'NotSupportedError' } } }),
  play: async (context) => {
    await afterPasskeyClick("This device can't use that kind of passkey")(context);
    const { shadow } = await element(context.canvasElement);
    await expect(shadow.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  },
};

/** No screen lock, or no room for a discoverable credential (ConstraintError on create). */
export const Constraint: Story = {
  name: 'ConstraintError on create',
  ...given({ platform: { create: { reject: 'ConstraintError' } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toConfirmCreate(canvasElement);
    await click(shadow, 'Create a passkey');
    await reached(el, shadow, 'failed', "This device can't create a passkey here");
  },
};

/** A platform hiccup (NotReadableError), on the automatic retry too. */
export const Transient: Story = {
  name: 'Transient NotReadableError twice',
  ...given({ platform: { get: { reject: 'NotReadableError' } } }),
  play: async (context) => {
    await afterPasskeyClick("Your device couldn't respond")(context);
    await expect(platformLog.calls.filter((call) => call.kind === 'get')).toHaveLength(2);
  },
};

/** The passkey was deleted on the server (404): the browser is told to stop offering it. */
export const UnknownCredential: Story = {
  name: 'Unknown credential',
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: problem(404, 'unknown-credential') } }),
  play: async (context) => {
    await afterPasskeyClick("That passkey isn't recognised")(context);
    await waitFor(() => expect(platformLog.signals).toHaveLength(1));
  },
};

export const VerificationFailed: Story = {
  name: 'Verification failed',
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: problem(400, 'verification-failed') } }),
  play: afterPasskeyClick("We couldn't confirm that passkey"),
};

/** The challenge was used or ran out on the server before the passkey answered. */
export const ChallengeExpired: Story = {
  name: 'Challenge expired',
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: problem(400, 'challenge-expired') } }),
  play: afterPasskeyClick('That sign-in request expired'),
};

/** Every request fails at the network level, so the click has nothing to start with. */
export const NetworkDown: Story = {
  name: 'Network down',
  ...given({ server: { authenticationOptions: { network: 'error' } } }),
  play: afterPasskeyClick("We couldn't reach the server"),
};

export const ServerError: Story = {
  name: 'Server error 500',
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: problem(500, 'internal') } }),
  play: afterPasskeyClick('Something went wrong'),
};

/** The endpoint is not wired and a catch-all route answers with the site's HTML page. */
const htmlPage: Reply = { status: 200, raw: '<!doctype html><title>Welcome</title><p>Welcome!</p>', contentType: 'text/html' };

export const HtmlInsteadOfJson: Story = {
  name: 'HTML instead of JSON',
  ...given({ server: { authenticationOptions: htmlPage } }),
  play: afterPasskeyClick('Something went wrong'),
};

const rateLimited: Reply = {
  status: 429,
  body: { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'rate-limited' },
  headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
};

export const RateLimited: Story = {
  name: 'Rate limited',
  ...given({ server: { authenticationOptions: rateLimited } }),
  play: async (context) => {
    await afterPasskeyClick('Too many attempts')(context);
    const { shadow } = await element(context.canvasElement);
    await shown(shadow, /You can try again in 30 seconds\./);
  },
};

/** The server never answers the verify request; `request-timeout` is 2 s here instead of 15. */
export const RequestTimeout: Story = {
  name: 'Request timeout',
  args: { 'request-timeout': 2_000 },
  ...given({ platform: { get: { resolve: true } }, server: { authenticationVerify: { hang: true } } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await signInWithPasskey(canvasElement);
    await reached(el, shadow, 'verifying', 'Signing you in…');
    await reached(el, shadow, 'failed', 'The server is taking too long');
  },
};

/** No `PublicKeyCredential` at all: the form stays, without passkey buttons. */
export const NoWebAuthn: Story = {
  name: 'Browser without WebAuthn',
  ...given({ platform: { noWebAuthn: true } }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'ready', "This browser can't use passkeys. Try another browser, or a phone or tablet.");
    await expect(shadow.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  },
};

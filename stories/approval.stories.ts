/**
 * `<passkey-login-approval>`, on a device where the person is already signed in: the code from
 * the new device goes in, what is asking is shown, and Deny or Approve answers it. Each story says
 * what the server answers the two approval requests, then types and clicks as a person would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { asking, click, CODE, element, enterCode, given, problem, reached, render, shown, toDetails, type Args } from './approval-support.js';

const meta = {
  title: 'Passkey login/Approval',
  component: 'passkey-login-approval',
  render,
  tags: ['autodocs'],
  argTypes: {
    endpoint: { control: 'text' },
    code: { control: 'text' },
    credentials: { control: 'select', options: ['same-origin', 'include', 'omit'] },
    'request-headers': { control: 'text' },
    // Set from the Theme toolbar, which also paints the page behind the element.
    theme: { control: false },
  },
  parameters: {
    docs: {
      subtitle: 'The <passkey-login-approval> element, for the page a signed-in device opens to let a new device in.',
    },
  },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** The docs page shows only the first step: the others need their play function to get there. */
const notInDocs = ['!autodocs'];

/** The first step: one field for the code the new device shows. */
export const Entering: Story = {
  name: 'Entering the code',
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await expect(el.state).toBe('entering');
    await shown(shadow, 'Approve a sign-in');
    const input = await shadow.findByLabelText('Code shown on the new device');
    await expect(input).toHaveAttribute('autocomplete', 'off');
    await expect(input).toHaveAttribute('autocapitalize', 'characters');
    await shown(shadow, '8 letters and digits, like 7KQ2-M9XD.');
  },
};

/** The server has not answered the lookup yet. */
export const LookingUp: Story = {
  name: 'Looking the code up',
  tags: notInDocs,
  ...given({ lookup: 'hang' }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'looking-up', 'Checking the code…');
  },
};

/** What is asking, where the server knows the country: Deny and Approve side by side, alike. */
export const Details: Story = {
  name: 'Details shown',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await shown(shadow, 'ada@example.com');
    await shown(shadow, 'Chrome on macOS');
    await shown(shadow, '2 minutes ago');
    await shown(shadow, 'Germany');
    await shown(shadow, 'This request expires in 10 minutes.');
    await shown(shadow, 'If you did not start this, deny.');
    const deny = await shadow.findByRole('button', { name: 'Deny' });
    const approve = await shadow.findByRole('button', { name: 'Approve' });
    await expect(deny.className).toBe(approve.className);
    await expect(deny.getBoundingClientRect().width).toBe(approve.getBoundingClientRect().width);
    await expect(el.shadowRoot?.activeElement?.textContent?.trim()).toBe('Sign in on a new device?');
  },
};

/** The server has no country for the request, and could not tell the browser. */
export const DetailsWithoutPlace: Story = {
  name: 'Details shown, place unknown',
  tags: notInDocs,
  ...given({ lookup: { body: asking({ place: null, browser: null, os: 'Windows' }) } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await toDetails(canvasElement);
    await shown(shadow, 'Location unknown');
    await shown(shadow, 'Unknown browser on Windows');
  },
};

/** Opened from the QR code on the new device: the code comes with the page and is looked up at once. */
export const FromQrCode: Story = {
  name: 'Details shown, code from the page',
  tags: notInDocs,
  args: { code: CODE },
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'confirming', 'Sign in on a new device?');
  },
};

export const Approved: Story = {
  name: 'Approved',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await click(shadow, 'Approve');
    await reached(el, shadow, 'approved', 'The new device is signed in.');
  },
};

export const Denied: Story = {
  name: 'Denied',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await click(shadow, 'Deny');
    await reached(el, shadow, 'denied', 'The new device was not signed in.');
  },
};

/** No pending request of this account has the code: the field again, with what was typed. */
export const WrongCode: Story = {
  name: 'Wrong code',
  tags: notInDocs,
  ...given({ lookup: problem(400, 'device-code-invalid') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'entering', "That code isn't right");
    const input = await shadow.findByLabelText('Code shown on the new device');
    await expect(input).toHaveValue(CODE);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  },
};

export const Expired: Story = {
  name: 'Expired',
  tags: notInDocs,
  ...given({ lookup: problem(400, 'device-request-expired') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'This request has expired');
    await shown(shadow, 'Ask the new device for a new code, then enter it here.');
    await expect(await shadow.findByRole('button', { name: 'Enter a new code' })).toBeVisible();
  },
};

export const AlreadyUsed: Story = {
  name: 'Already used',
  tags: notInDocs,
  ...given({ lookup: problem(409, 'device-request-used') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'This code has already been used');
  },
};

/** This device has no session: nothing here can approve until the person signs in. */
export const NotSignedIn: Story = {
  name: 'Not signed in',
  tags: notInDocs,
  ...given({ lookup: problem(401, 'unauthenticated') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'Sign in on this device first');
    await expect(shadow.queryByRole('button', { name: 'Approve' })).toBeNull();
    await expect(await shadow.findByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

export const RateLimited: Story = {
  name: 'Rate limited',
  tags: notInDocs,
  ...given({ lookup: problem(429, 'rate-limited', { 'Retry-After': '900' }) }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'entering', 'Too many attempts');
    await shown(shadow, /You can try again in 15 minutes\./);
  },
};

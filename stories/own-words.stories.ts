/**
 * What a brand can change without forking messages or the element: a step's heading and help
 * through its `heading-<step>` and `help-<step>` slots, and, for password managers that do not
 * look into shadow roots, the inputs as the element's own children (`light-dom`).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { click, element, given, meta as shared, reached, ready, shown, type Args } from './support.js';

const meta = {
  ...shared,
  title: 'Passkey login/Own words and password managers',
  args: { methods: 'passkey email-code password' },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

const identifier = 'ada@example.com';

/**
 * Whether slotted content is laid out: content whose slot the step does not render keeps its
 * own styles (so `toBeVisible` passes it) but has no box.
 */
const laidOut = (node: HTMLElement) => node.getClientRects().length > 0;

/** The sign-in form with the bank's heading and a line of help under it. */
export const SlottedHeadingAndHelp: Story = {
  name: 'Slots: heading and help',
  ...given(),
  render: ({ methods, theme }) => html`
    <passkey-login methods=${methods ?? ''} theme=${ifDefined(theme)}>
      <span slot="heading-ready">Sign in to Acme Bank</span>
      <p slot="help-ready" style="margin: 1rem 0 0; font-size: 0.875em">A passkey is the fingerprint, face or screen lock you already use on this device.</p>
      <p slot="help-code" style="margin: 1rem 0 0; font-size: 0.875em">Codes come from no-reply@acme.example and work for 10 minutes.</p>
    </passkey-login>
  `,
  play: async ({ canvasElement }) => {
    const { el } = await element(canvasElement);
    await ready(el);
    const page = within(canvasElement);
    await expect(await page.findByText('Sign in to Acme Bank')).toBeVisible();
    await expect(page.getByText(/A passkey is the fingerprint/)).toBeVisible();
    await expect(laidOut(page.getByText(/Codes come from/))).toBe(false);
  },
};

/** The code step with the site's help under it; the form's words have gone with the form. */
export const SlottedHelpOnCodeStep: Story = {
  name: 'Slots: help on the code step',
  ...SlottedHeadingAndHelp,
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    await userEvent.type(await shadow.findByLabelText('Email or username'), identifier);
    await click(shadow, 'Other ways to sign in');
    await click(shadow, 'Email me a code');
    await reached(el, shadow, 'code', /We emailed a 6-digit code to a•••@example\.com\./);
    const page = within(canvasElement);
    await expect(page.getByText(/Codes come from/)).toBeVisible();
    await expect(laidOut(page.getByText('Sign in to Acme Bank'))).toBe(false);
  },
};

const lightDom = ({ methods, theme }: Args) => html`<passkey-login light-dom methods=${methods ?? ''} theme=${ifDefined(theme)}></passkey-login>`;

/** `light-dom`: the identifier field is the element's own child, styled as in the shadow root. */
export const LightDomForm: Story = {
  name: 'light-dom: sign-in form',
  ...given(),
  render: lightDom,
  play: async ({ canvasElement }) => {
    const { el } = await element(canvasElement);
    await ready(el);
    const input = await within(canvasElement).findByLabelText('Email or username');
    await expect(input.closest('passkey-login')).toBe(el);
    await expect(input).toHaveAttribute('autocomplete', 'username webauthn');
  },
};

/** `light-dom` on the password step: username, password and "Sign in" in one form of the page's. */
export const LightDomPassword: Story = {
  name: 'light-dom: password step',
  ...given(),
  render: lightDom,
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await ready(el);
    const page = within(canvasElement);
    await userEvent.type(await page.findByLabelText('Email or username'), identifier);
    await click(shadow, 'Other ways to sign in');
    await waitFor(() => expect(el.shadowRoot?.querySelector('[data-method="password"]')).not.toBeNull());
    await click(shadow, 'Use my password');
    await reached(el, shadow, 'password', 'Enter your password');
    const password = await page.findByLabelText('Password');
    await expect(password).toHaveAttribute('autocomplete', 'current-password');
    await expect(password.closest('form')?.querySelector('input[autocomplete="username"]')).toHaveValue(identifier);
    await shown(shadow, 'Enter your password');
  },
};

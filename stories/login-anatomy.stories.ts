/**
 * `<passkey-login>` taken apart for designers: three steps a person meets (the sign-in form, the
 * emailed code, a failed passkey sign-in), each with its parts and slots called out and
 * described. The docs page (login-anatomy.mdx) shows them with the custom properties.
 *
 * Every story lives in one world (the server answers everything, the browser's passkey sheet is
 * cancelled), so the docs page, which runs all three at once against one mock, stays consistent.
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import { inTurn, slotPlaceholders } from './anatomy.js';
import { click, element, given, meta as shared, reached, ready, type Args } from './support.js';

/** Every way in, so the form and the failure show all the buttons a site can have. */
const methods = 'passkey hybrid email-code sms-code password';

const meta = {
  title: 'Passkey login/Anatomy',
  component: 'passkey-login',
  render: ({ theme }: Args) => html`
    <part-anatomy theme=${ifDefined(theme)}>
      <passkey-login methods=${methods} theme=${ifDefined(theme)} @passkey-login-success=${(event: Event) => event.preventDefault()}>
        ${slotPlaceholders('passkey-login')}
      </passkey-login>
    </part-anatomy>
  `,
  argTypes: { theme: { control: false } },
  parameters: {
    ...given({ platform: { get: { reject: 'NotAllowedError' } } }).parameters,
    controls: { disable: true },
    docs: { subtitle: 'Every part, slot and custom property of <passkey-login>, called out on the element itself.' },
  },
  beforeEach: shared.beforeEach,
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** The form once the ways in besides a passkey have loaded. */
async function form(canvasElement: HTMLElement) {
  const { el, shadow } = await element(canvasElement);
  await ready(el);
  await shadow.findByRole('button', { name: 'Other ways to sign in' }, { timeout: 5_000 });
  return { el, shadow };
}

/** What a person sees first: the identifier field, the passkey buttons and the quiet links. */
export const SignInForm: Story = {
  name: 'Sign-in form',
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    await form(canvasElement);
  }),
};

/** After "Other ways to sign in" and "Email me a code": the one-time code step. */
export const CodeStep: Story = {
  name: 'Code step',
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    const { el, shadow } = await form(canvasElement);
    await userEvent.type(await shadow.findByLabelText('Email or username'), 'ada@example.com');
    await click(shadow, 'Other ways to sign in');
    await reached(el, shadow, 'choosing', 'Choose how to sign in');
    await waitFor(() => expect(el.shadowRoot?.querySelector('[part~="method-button"]')).not.toBeNull());
    await click(shadow, 'Email me a code');
    await reached(el, shadow, 'code', /We emailed a 6-digit code to a•••@example\.com\./);
  }),
};

/** "Sign in with a passkey", then the browser's sheet closed: the failure step and its ways on. */
export const Failure: Story = {
  name: 'Failed sign-in',
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    const { el, shadow } = await form(canvasElement);
    await click(shadow, 'Sign in with a passkey');
    await reached(el, shadow, 'failed', "Passkey sign-in didn't complete");
  }),
};

/**
 * `<passkey-login-approval>` taken apart for designers: the code field, the question with Deny and
 * Approve, and a refused code, each with its parts and slots called out and described. The docs
 * page (approval-anatomy.mdx) shows them with the custom properties.
 *
 * The docs page runs all three at once against one mock, so the refused code goes to an endpoint
 * of its own rather than to a server that answers differently from story to story.
 */
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { inTurn, slotPlaceholders } from './anatomy.js';
import { CODE, element, enterCode, given, problem, reached, type Args } from './approval-support.js';

const refusing = '/api/anatomy-refused';

const meta = {
  title: 'Passkey login/Approval anatomy',
  component: 'passkey-login-approval',
  render: (args: Args) => html`
    <part-anatomy theme=${ifDefined(args.theme)}>
      <passkey-login-approval endpoint=${ifDefined(args.endpoint)} code=${ifDefined(args.code)} theme=${ifDefined(args.theme)}>
        ${slotPlaceholders('passkey-login-approval')}
      </passkey-login-approval>
    </part-anatomy>
  `,
  argTypes: { theme: { control: false } },
  parameters: {
    msw: {
      handlers: [...given().parameters.msw.handlers, ...given({ lookup: problem(400, 'device-code-invalid') }, refusing).parameters.msw.handlers],
    },
    controls: { disable: true },
    docs: { subtitle: 'Every part, slot and custom property of <passkey-login-approval>, called out on the element itself.' },
  },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** The first step: one field for the code the new device shows. */
export const Entering: Story = {
  name: 'Code field',
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'entering', 'Approve a sign-in');
  }),
};

/** Opened from the new device's QR code, so the code is looked up at once: what asks, Deny, Approve. */
export const Confirming: Story = {
  name: 'Deny or approve',
  args: { code: CODE },
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'confirming', 'Sign in on a new device?');
  }),
};

/** A code no pending request has: the field again, with the failure above it. */
export const WrongCode: Story = {
  name: 'Refused code',
  args: { endpoint: refusing },
  play: inTurn(async ({ canvasElement }: StoryContext<Args>) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'entering', "That code isn't right");
  }),
};

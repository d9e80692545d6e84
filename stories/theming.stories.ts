/**
 * A playground for a brand: every control is one of the element's CSS custom properties (the
 * manifest lists them), and three brands show what they can do. The Theme, Language and
 * Direction toolbars apply on top, so a brand can be checked dark, in Arabic, or at 320 px.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, waitFor } from 'storybook/test';
import { BRANDS, type Tokens } from '../demo/public/brands.js';
import { element, given, meta as shared, ready } from './support.js';

/** The custom properties, without their `--passkey-login-` prefix, and the toolbar's scheme. */
type Brand = Tokens & { theme?: 'light' | 'dark' };

const colour = (description: string) => ({ control: 'color' as const, description, table: { category: 'colours' } });
const length = (description: string) => ({ control: 'text' as const, description, table: { category: 'layout and type' } });

const meta = {
  title: 'Passkey login/Theming',
  component: 'passkey-login',
  render: ({ theme, ...brand }: Brand) => html`
    <passkey-login
      methods="passkey email-code password"
      theme=${ifDefined(theme)}
      style=${styleMap(Object.fromEntries(Object.entries(brand).filter(([, value]) => value).map(([name, value]) => [`--passkey-login-${name}`, value])))}
    ></passkey-login>
  `,
  argTypes: {
    theme: { control: false },
    'color-text': colour('Text (light scheme)'),
    'color-muted': colour('Secondary text (light)'),
    'color-background': colour('Background (light)'),
    'color-surface': colour('Secondary buttons and notices (light)'),
    'color-border': colour('Borders (light)'),
    'color-primary': colour('Primary buttons and links (light)'),
    'color-on-primary': colour('Text on primary buttons (light)'),
    'color-error': colour('Errors (light)'),
    'color-focus': colour('Focus ring (light)'),
    'color-text-dark': colour('Text (dark scheme)'),
    'color-muted-dark': colour('Secondary text (dark)'),
    'color-error-dark': colour('Errors (dark)'),
    'color-background-dark': colour('Background (dark)'),
    'color-surface-dark': colour('Secondary buttons and notices (dark)'),
    'color-border-dark': colour('Borders (dark)'),
    'color-primary-dark': colour('Primary buttons and links (dark)'),
    'color-on-primary-dark': colour('Text on primary buttons (dark)'),
    'color-focus-dark': colour('Focus ring (dark)'),
    radius: length('Corner radius, e.g. 0.5rem'),
    spacing: length('Base spacing, e.g. 1rem'),
    padding: length('Padding around the form (0 inside a card of your own)'),
    'font-family': length('Font'),
    'font-size': length('Base font size'),
    'max-width': length('Maximum width'),
  },
  parameters: {
    ...shared.parameters,
    ...given().parameters,
    docs: { subtitle: 'Brand the element with its CSS custom properties: try them here, copy them to your stylesheet.' },
  },
  beforeEach: shared.beforeEach,
} satisfies Meta<Brand>;
export default meta;

type Story = StoryObj<Brand>;

/** The primary button shows the brand's colour for the scheme on screen: the properties reached the element. */
async function branded(canvasElement: HTMLElement, brand: Brand) {
  const { el } = await element(canvasElement);
  await ready(el);
  const button = await waitFor(() => {
    const found = el.shadowRoot!.querySelector<HTMLElement>('[part~="primary-button"]');
    if (!found) throw new Error('no primary button yet');
    return found;
  });
  const primary = el.getAttribute('theme') === 'dark' ? brand['color-primary-dark'] : brand['color-primary'];
  if (!primary) return;
  const probe = document.createElement('span');
  probe.style.color = primary;
  document.body.append(probe);
  const wanted = getComputedStyle(probe).color;
  probe.remove();
  await expect(getComputedStyle(button).backgroundColor).toBe(wanted);
}

/** Every property at its default: change any control to see it take effect. */
export const Playground: Story = {
  args: {},
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

/** A bank: navy, square, a serif for trust. The brands are the demo page's (demo/public/brands.js). */
export const Bank: Story = {
  args: { ...BRANDS.bank.tokens },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

/** A shop: warm orange, round, roomy. */
export const Shop: Story = {
  args: { ...BRANDS.shop.tokens },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

/** A developer tool: dark in either scheme (its light tokens are dark too), monospace, tight. */
export const DeveloperTool: Story = {
  name: 'Developer tool',
  args: { ...BRANDS['developer-tool'].tokens },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

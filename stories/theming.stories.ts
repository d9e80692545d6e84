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
import { element, given, meta as shared, ready } from './support.js';

/** The custom properties, without their `--passkey-login-` prefix; unset ones keep the default. */
interface Brand {
  theme?: 'light' | 'dark';
  [token: `color-${string}`]: string | undefined;
  'color-text'?: string;
  'color-muted'?: string;
  'color-background'?: string;
  'color-surface'?: string;
  'color-border'?: string;
  'color-primary'?: string;
  'color-on-primary'?: string;
  'color-error'?: string;
  'color-focus'?: string;
  'color-text-dark'?: string;
  'color-muted-dark'?: string;
  'color-error-dark'?: string;
  'color-background-dark'?: string;
  'color-surface-dark'?: string;
  'color-border-dark'?: string;
  'color-primary-dark'?: string;
  'color-on-primary-dark'?: string;
  'color-focus-dark'?: string;
  radius?: string;
  spacing?: string;
  padding?: string;
  'font-family'?: string;
  'font-size'?: string;
  'max-width'?: string;
}

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

/** A bank: navy, square, a serif for trust. */
export const Bank: Story = {
  args: {
    'color-primary': '#0a2a5e',
    'color-on-primary': '#ffffff',
    'color-focus': '#0a2a5e',
    'color-surface': '#eef2f8',
    'color-primary-dark': '#9bbcf2',
    'color-on-primary-dark': '#06152f',
    radius: '0.125rem',
    'font-family': 'Georgia, "Times New Roman", serif',
  },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

/** A shop: warm orange, round, roomy. */
export const Shop: Story = {
  args: {
    'color-primary': '#b93c00',
    'color-on-primary': '#ffffff',
    'color-focus': '#b93c00',
    'color-primary-dark': '#ffb37f',
    'color-on-primary-dark': '#2b1000',
    radius: '1.25rem',
    spacing: '1.125rem',
  },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

/** A developer tool: dark in either scheme (its light tokens are dark too), monospace, tight. */
const night = {
  text: '#e6edf3',
  muted: '#9da7b3',
  background: '#0d1117',
  surface: '#161b22',
  border: '#6e7681',
  primary: '#3fb950',
  'on-primary': '#04260f',
  error: '#ff7b72',
  focus: '#58a6ff',
};
export const DeveloperTool: Story = {
  name: 'Developer tool',
  args: {
    ...Object.fromEntries(Object.entries(night).flatMap(([name, value]) => [[`color-${name}`, value], [`color-${name}-dark`, value]])),
    radius: '0.375rem',
    'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
    'font-size': '0.9375rem',
  },
  play: ({ canvasElement, args }) => branded(canvasElement, args),
};

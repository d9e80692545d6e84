// @ts-check
// Three brands for <passkey-login>, made only of its CSS custom properties: what a site would put
// in its stylesheet. A plain module with no build step, so the demo page imports it as served and
// Storybook's theming stories import the same file. Types: brands.d.ts.

/** The prefix every token name here goes under, e.g. `color-primary` → `--passkey-login-color-primary`. */
export const PREFIX = '--passkey-login-';

/** One palette for both schemes. */
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

/** @type {import('./brands.js').Brands} */
export const BRANDS = {
  bank: {
    name: 'Bank',
    summary: 'Navy, square, a serif for trust.',
    tokens: {
      'color-primary': '#0a2a5e',
      'color-on-primary': '#ffffff',
      'color-focus': '#0a2a5e',
      'color-surface': '#eef2f8',
      'color-primary-dark': '#9bbcf2',
      'color-on-primary-dark': '#06152f',
      radius: '0.125rem',
      'font-family': 'Georgia, "Times New Roman", serif',
    },
  },
  shop: {
    name: 'Shop',
    summary: 'Warm orange, round, roomy.',
    tokens: {
      'color-primary': '#b93c00',
      'color-on-primary': '#ffffff',
      'color-focus': '#b93c00',
      'color-primary-dark': '#ffb37f',
      'color-on-primary-dark': '#2b1000',
      radius: '1.25rem',
      spacing: '1.125rem',
    },
  },
  'developer-tool': {
    name: 'Developer tool',
    summary: 'Dark in either scheme (its light tokens are dark too), monospace, tight.',
    tokens: {
      ...Object.fromEntries(
        Object.entries(night).flatMap(([name, value]) => [
          [`color-${name}`, value],
          [`color-${name}-dark`, value],
        ]),
      ),
      radius: '0.375rem',
      'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
      'font-size': '0.9375rem',
    },
  },
};

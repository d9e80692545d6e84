/**
 * Types of brands.js, for TypeScript code that imports it (Storybook's theming stories).
 */

/** The element's custom properties without their `--passkey-login-` prefix; unset ones keep the default. */
export interface Tokens {
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

export interface Brand {
  /** As a person picks it, e.g. in a menu. */
  name: string;
  /** What makes it that brand, in a few words. */
  summary: string;
  tokens: Tokens;
}

export type BrandId = 'bank' | 'shop' | 'developer-tool';

export type Brands = Readonly<Record<BrandId, Brand>>;

export declare const PREFIX: '--passkey-login-';
export declare const BRANDS: Brands;

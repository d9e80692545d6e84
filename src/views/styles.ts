import { css, unsafeCSS } from 'lit';

/**
 * Tokens first (`--passkey-login-*`, each with a default), then parts, then states. Internal
 * `--_*` variables and class names are not API. Logical properties only, so RTL mirrors.
 *
 * Each colour has a token per scheme: `--passkey-login-color-X` for light and
 * `--passkey-login-color-X-dark` for dark. A site that overrides one colour therefore changes one
 * scheme only, and the other keeps its contrast: a brand background meant for the light page can
 * never end up behind the dark scheme's light text.
 */
const COLOURS: ReadonlyArray<[name: string, light: string, dark: string]> = [
  ['text', '#1b1f24', '#e6e8eb'],
  ['muted', '#57606a', '#a9b0b9'],
  ['background', '#ffffff', '#17191c'],
  ['surface', '#f4f6f8', '#22262b'],
  ['border', '#8c959f', '#5c646e'],
  ['primary', '#0b57d0', '#8ab4f8'],
  ['on-primary', '#ffffff', '#0b1b33'],
  ['error', '#b3261e', '#f28b82'],
  ['focus', '#0b57d0', '#8ab4f8'],
];
// \`light-dark()\` picks by the element's own \`color-scheme\`, which the \`theme\` attribute (or the
// system) sets: one declaration per colour serves both schemes.
const colours = unsafeCSS(
  COLOURS.map(([name, light, dark]) => `--_${name}:light-dark(var(--passkey-login-color-${name},${light}),var(--passkey-login-color-${name}-dark,${dark}));`).join(''),
);

export const styles = css`
  :host {
    ${colours}
    --_radius: var(--passkey-login-radius, 0.5rem);
    --_space: var(--passkey-login-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    max-inline-size: var(--passkey-login-max-width, 26rem);
    padding: var(--passkey-login-padding, calc(var(--_space) * 1.5));
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--_radius);
    font-family: var(--passkey-login-font-family, system-ui, sans-serif);
    font-size: var(--passkey-login-font-size, 1rem);
    line-height: 1.5;
    color-scheme: light dark;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Wider between the groups of a step, tight within one (a field, a set of buttons). */
  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .group,
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  .heading {
    margin: 0;
    font-size: 1.375em;
    font-weight: 650;
    line-height: 1.25;
    outline: none;
  }
  p {
    margin: 0;
  }
  label {
    font-size: 0.9375em;
    font-weight: 600;
  }
  input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  button {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    font: inherit;
    font-weight: 600;
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
    transition: background-color 0.15s, border-color 0.15s, box-shadow 0.15s;
  }
  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
  }
  button.secondary {
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
  }
  /* Hover and press move a button away from the page's own colour, in either scheme. */
  button.primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, var(--_text));
  }
  button.secondary:hover {
    background: var(--_surface);
  }
  button:is(.primary, .secondary):active {
    box-shadow: inset 0 2px 4px color-mix(in srgb, var(--_text) 25%, transparent);
  }
  button.link {
    align-self: start;
    min-block-size: 2.25rem;
    padding-inline: 0.25rem;
    color: var(--_primary);
    background: none;
    border: none;
    font-weight: 500;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  button.link:hover {
    text-decoration-thickness: 2px;
  }
  :is(button, input):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .hint,
  .divider {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .divider {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .divider::before,
  .divider::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
  }
  .field-error {
    color: var(--_error);
    font-size: 0.875em;
  }
  .spinner {
    align-self: center;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    border: 3px solid var(--_border);
    border-block-start-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button,
    input {
      border: 1px solid CanvasText;
    }
    button.primary {
      forced-color-adjust: none;
      color: Canvas;
      background: ButtonText;
    }
  }
`;

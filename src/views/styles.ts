import { css } from 'lit';

/**
 * Tokens first (`--passkey-login-*`, each with a default), then parts, then states. Internal
 * `--_*` variables and class names are not API. Logical properties only, so RTL mirrors.
 */
const darkTokens = css`
  --_text: var(--passkey-login-color-text, #e6e8eb);
  --_muted: var(--passkey-login-color-muted, #a9b0b9);
  --_background: var(--passkey-login-color-background, #17191c);
  --_surface: var(--passkey-login-color-surface, #22262b);
  --_border: var(--passkey-login-color-border, #4a515a);
  --_primary: var(--passkey-login-color-primary, #8ab4f8);
  --_on-primary: var(--passkey-login-color-on-primary, #0b1b33);
  --_error: var(--passkey-login-color-error, #f28b82);
  --_focus: var(--passkey-login-color-focus, #8ab4f8);
`;

export const styles = css`
  :host {
    --_text: var(--passkey-login-color-text, #1b1f24);
    --_muted: var(--passkey-login-color-muted, #57606a);
    --_background: var(--passkey-login-color-background, #ffffff);
    --_surface: var(--passkey-login-color-surface, #f4f6f8);
    --_border: var(--passkey-login-color-border, #8c959f);
    --_primary: var(--passkey-login-color-primary, #0b57d0);
    --_on-primary: var(--passkey-login-color-on-primary, #ffffff);
    --_error: var(--passkey-login-color-error, #b3261e);
    --_focus: var(--passkey-login-color-focus, #0b57d0);
    --_radius: var(--passkey-login-radius, 0.5rem);
    --_space: var(--passkey-login-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    max-inline-size: var(--passkey-login-max-width, 26rem);
    padding: var(--_space);
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--_radius);
    font-family: var(--passkey-login-font-family, system-ui, sans-serif);
    font-size: var(--passkey-login-font-size, 1rem);
    line-height: 1.5;
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
    color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .heading {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
    outline: none;
  }
  p {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  input {
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
  }
  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
  }
  button.secondary {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  button.link {
    align-self: start;
    padding-inline: 0.25rem;
    color: var(--_primary);
    background: none;
    border: none;
    text-decoration: underline;
  }
  /* Headings take focus only so screen readers announce the new step; they are not controls. */
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
  .notice {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: calc(var(--_space) * 0.75);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_muted);
    border-radius: calc(var(--_radius) * 0.75);
  }
  .notice.urgent {
    border-inline-start-color: var(--_error);
  }
  .notice-title {
    outline: none;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .spinner {
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
    .spinner {
      animation-duration: 3s;
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
    input,
    .notice {
      border: 1px solid CanvasText;
    }
    button.primary {
      forced-color-adjust: none;
      color: Canvas;
      background: ButtonText;
    }
  }
`;

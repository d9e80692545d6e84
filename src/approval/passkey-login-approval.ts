import { html, isServer, LitElement, nothing, type PropertyValues } from 'lit';
import { DEFAULT_ENDPOINT, DEFAULT_TIMEOUT_MS, type BackendConfig } from '../backend/config.js';
import { connected, type Speech } from '../l10n/locale.js';
import { speak } from '../l10n/msg.js';
import { setStep } from '../views/step.js';
import { styles } from '../views/styles.js';
import { ApprovalController } from './controller.js';
import { normalizeCode, type ApprovalState, type ApprovalStateKind, type Decision } from './state.js';
import { approvalStyles } from './styles.js';
import { renderApproval, statusText, type ApprovalHandlers } from './views.js';

/** For `request-headers`: a JSON object, anything else ignored with a warning. */
const headersConverter = {
  fromAttribute(value: string | null): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(value || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
    } catch {
      // fall through to the warning
    }
    console.warn('[passkey-login-approval] request-headers must be a JSON object; ignored.');
    return {};
  },
  toAttribute: JSON.stringify,
};

/**
 * Approves a sign-in from a device where the person is already signed in. The new device shows
 * a short code (and a QR code of this page with `?code=`); here the person enters it, sees what
 * is asking (account, browser and OS, when, roughly where, how long the request lasts) and
 * chooses Deny or Approve. Deny and Approve are the same kind of button at the same size (both
 * `secondary-button`), Deny first: neither looks like the expected answer.
 *
 * Put it on a page only signed-in people reach, or let it say "Sign in on this device first".
 * Without a `code` attribute it reads `code` from the page's query string (`?code=7KQ2-M9XD`),
 * and only when that has the shape of a binding code. A code given either way is looked up at
 * once; nothing is approved without a click on Approve.
 *
 * Times and country names are written in the language of the nearest `lang` attribute, else the
 * browser's.
 *
 * @summary Approve or deny a new device's sign-in from a device where you are signed in.
 *
 * @fires {PasskeyLoginApprovalEvent} passkey-login-approval - The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code).
 * @fires {PasskeyLoginFunnelEvent} passkey-login-funnel - For analytics: `detail: {step: 'device-approved' | 'device-denied'}`.
 *
 * @slot header - Above the steps, e.g. a logo.
 * @slot footer - Below the steps, e.g. a help link, or a sign-in link for people who are not signed in.
 * @slot heading-entering - Words of the code step's heading, instead of "Approve a sign-in". Each step has its `heading-<step>` slot, named by the `state` it shows.
 * @slot heading-looking-up - Words of the heading while the code is looked up.
 * @slot heading-confirming - Words of the heading that asks to approve or deny.
 * @slot heading-deciding - Words of the heading while the decision is sent.
 * @slot heading-approved - Words of the heading after approving.
 * @slot heading-denied - Words of the heading after denying.
 * @slot heading-ended - Words of the heading when the request cannot be approved (expired, used, not signed in).
 * @slot help-entering - Help under the code step, e.g. where the code is shown. Each step has its `help-<step>` slot under it; empty unless the site fills it.
 * @slot help-confirming - Help under the question, e.g. how to recognise a sign-in that is not yours.
 * @slot help-approved - Help after approving.
 * @slot help-denied - Help after denying, e.g. how to secure the account.
 * @slot help-ended - Help when the request cannot be approved.
 *
 * @csspart container - The box around everything.
 * @csspart heading - Each step's heading; receives focus when the step changes.
 * @csspart body - Explanatory text of a step.
 * @csspart form - The code step; also `enter`.
 * @csspart enter - The code step.
 * @csspart field - Label, input, hint and field error together.
 * @csspart label - The code label, "Code shown on the new device".
 * @csspart input - The code input; also `code-input`.
 * @csspart code-input - The code input (`autocomplete="off"`, `autocapitalize="characters"`).
 * @csspart hint - Help text: the code's format, and the request's expiry (also `expiry`).
 * @csspart field-error - The message under a code that cannot be one.
 * @csspart button - Every button; each also has `primary-button` or `secondary-button`, and a specific name.
 * @csspart primary-button - The main action of a step ("Continue", "Try again", "Enter a new code").
 * @csspart secondary-button - Deny and Approve, alike on purpose.
 * @csspart continue-button - "Continue" with the code.
 * @csspart confirm - The step showing what asks to sign in, with Deny and Approve.
 * @csspart details - The list of what asks: account, device, when, where.
 * @csspart detail - One value in that list; each also has `account`, `device`, `time` or `place`.
 * @csspart account - The account the new device would be signed in to.
 * @csspart device - Browser and operating system, e.g. "Chrome on macOS".
 * @csspart time - When the new device asked, relative ("2 minutes ago").
 * @csspart place - The country it asked from, or "Location unknown".
 * @csspart expiry - How long the request can still be approved.
 * @csspart warning - "If you did not start this, deny."
 * @csspart actions - The row of Deny and Approve; also `decision`.
 * @csspart decision - The row of Deny and Approve (two equal columns).
 * @csspart decision-button - Deny and Approve; each also has `deny-button` or `approve-button`.
 * @csspart deny-button - "Deny".
 * @csspart approve-button - "Approve".
 * @csspart progress - A step that waits on the server ("Checking the code…", "Approving…").
 * @csspart spinner - The progress indicator.
 * @csspart done - The outcome; also `approved` or `denied`.
 * @csspart approved - "The new device is signed in."
 * @csspart denied - "The new device was not signed in."
 * @csspart ended - The code cannot be approved from here: expired, already used, or not signed in (`data-code` says which).
 * @csspart retry-button - "Try again" (after signing in on this device).
 * @csspart new-code-button - "Enter a new code" (after an expired or used code).
 * @csspart notice - Any message box; failures also have `failure-notice`.
 * @csspart failure-notice - What went wrong (`data-code`), above the field or the decision.
 * @csspart notice-title - A notice's first line.
 * @csspart notice-body - A notice's explanation, with when to try again after a rate limit.
 *
 * @cssprop [--passkey-login-color-text=#1b1f24] - Text colour (dark: #e6e8eb).
 * @cssprop [--passkey-login-color-muted=#57606a] - Secondary text (dark: #a9b0b9).
 * @cssprop [--passkey-login-color-background=#ffffff] - Background (dark: #17191c).
 * @cssprop [--passkey-login-color-surface=#f4f6f8] - Buttons, the details and notices (dark: #22262b).
 * @cssprop [--passkey-login-color-border=#8c959f] - Borders (dark: #4a515a).
 * @cssprop [--passkey-login-color-primary=#0b57d0] - Primary buttons (dark: #8ab4f8).
 * @cssprop [--passkey-login-color-on-primary=#ffffff] - Text on primary buttons (dark: #0b1b33).
 * @cssprop [--passkey-login-color-error=#b3261e] - Errors (dark: #f28b82).
 * @cssprop [--passkey-login-color-focus=#0b57d0] - Focus ring (dark: #8ab4f8).
 * @cssprop [--passkey-login-radius=0.5rem] - Corner radius.
 * @cssprop [--passkey-login-spacing=1rem] - Base spacing.
 * @cssprop [--passkey-login-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--passkey-login-font-size=1rem] - Base font size.
 * @cssprop [--passkey-login-max-width=26rem] - Maximum width.
 */
export class PasskeyLoginApproval extends LitElement {
  static override styles = [styles, approvalStyles];
  static override properties = {
    endpoint: {},
    code: {},
    credentials: {},
    requestHeaders: { attribute: 'request-headers', converter: headersConverter },
    theme: { reflect: true },
  };

  /** Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`. */
  endpoint: string = DEFAULT_ENDPOINT;

  /**
   * The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
   * the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
   * do not matter. When unset, the page's `?code=` query parameter is used.
   */
  code?: string;

  /** `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials: RequestCredentials = 'same-origin';

  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  requestHeaders: Record<string, string> = {};

  /** `light`, `dark`, or unset to follow the system. */
  theme?: 'light' | 'dark';

  // `this` is checked against ApprovalHost here rather than with `implements`: the host's methods
  // are @internal, left out of the published types.
  readonly #controller = new ApprovalController(this);
  /** The step the view last showed, to move focus when the step changes. */
  #shown: string | undefined;
  /** Whether focus was inside before this update, which may remove the focused control. */
  #hadFocus = false;

  /** @internal The locale and direction the element speaks in, and its words. */
  speech: Speech = { lang: 'en' };
  /** The words the first render waits for, in a language other than English. */
  #speaking?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#speaking = connected(this);
  }

  /** No render in the wrong language (once the words are in, an update waits one microtask more). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#speaking ? this.#speaking.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The current step: `entering`, `looking-up`, `confirming`, `deciding`, `approved`, `denied` or `ended`. */
  get state(): ApprovalStateKind {
    return this.#controller.state.kind;
  }

  /** @internal */
  backendConfig(): BackendConfig {
    return {
      endpoint: this.endpoint || DEFAULT_ENDPOINT,
      endpoints: {},
      headers: this.requestHeaders,
      credentials: this.credentials,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    };
  }

  readonly #handlers: ApprovalHandlers = {
    submit: (event) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#code');
      this.#controller.send({ type: 'submit', code: input?.value ?? '' });
    },
    decide: (decision: Decision) => this.#controller.send({ type: 'decide', decision }),
    restart: () => this.#controller.send({ type: 'restart' }),
    retry: () => this.#controller.send({ type: 'retry' }),
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A server render (@lit-labs/ssr) calls this too, on an element without a DOM.
    this.#hadFocus = !isServer && this.matches(':focus-within');
    if (!this.#controller.started) this.#controller.start(this.code ?? codeFromPage());
    else if (changed.has('code')) this.#controller.start(this.code);
  }

  protected override render() {
    const state = this.#controller.state;
    // Headings are made at level 2, whatever a `<passkey-login>` on the page set for its own.
    setStep(state.kind);
    const { lang, dir } = speak(this.speech);
    const format = { now: Date.now() };
    return html`
      <div part="container" lang=${lang} dir=${dir ?? nothing}>
        <slot name="header"></slot>
        <div class="visually-hidden" role="status" aria-live="polite">${statusText(state)}</div>
        ${renderApproval(state, this.#handlers, format)}
        <slot name="help-${state.kind}"></slot>
        <slot name="footer"></slot>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const before = this.#shown;
    this.#shown = step(this.#controller.state);
    if (before !== undefined && before !== this.#shown) this.#moveFocus();
  }

  /**
   * WCAG 2.4.3: focus follows the step, but only when it was inside the element (possibly on a
   * button this update removed), never pulled away from elsewhere on the page.
   */
  #moveFocus(): void {
    if (!this.#hadFocus && !this.matches(':focus-within')) return;
    const target =
      this.renderRoot.querySelector<HTMLElement>('input[data-focus]') ?? this.renderRoot.querySelector<HTMLElement>('[data-focus]');
    target?.focus();
  }
}

/** A step is its kind and what went wrong in it: a new failure in the same step moves focus too. */
function step(state: ApprovalState): string {
  const failure = 'failure' in state ? state.failure?.code : undefined;
  const fieldError = 'fieldError' in state ? state.fieldError : undefined;
  return [state.kind, failure, fieldError].filter(Boolean).join(' ');
}

/**
 * `?code=` of the page, read when the element first renders, never at import time. Only a value
 * shaped like a binding code: a page's `code` parameter may well mean something else.
 */
function codeFromPage(): string | undefined {
  const search = globalThis.location?.search;
  const value = search ? new URLSearchParams(search).get('code') : null;
  return value && normalizeCode(value) ? value : undefined;
}

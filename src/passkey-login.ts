import { adoptStyles, html, isServer, LitElement, nothing, type PropertyValues } from 'lit';
import {
  DEFAULT_ENDPOINT,
  DEFAULT_TIMEOUT_MS,
  type BackendAdapter,
  type BackendConfig,
  type EndpointConfig,
  type EndpointMap,
  URL_OPERATIONS,
} from './backend/config.js';
import { FlowController } from './flow-controller.js';
import { idle } from './idle.js';
import { added, connected, type Messages, type Speech } from './l10n/locale.js';
import { speak } from './l10n/msg.js';
import { PRESETS, type Preset } from './presets/preset.js';
import { canUsePasskeys } from './machine/transition.js';
import type { Event, FailureCode, Method, State, StateKind } from './machine/types.js';
import { styles } from './views/styles.js';
import { loadSteps, stepsIfLoaded } from './load-steps.js';
import { ownStep, renderState, setStep, statusText, type Handlers } from './views/templates.js';

/** For attributes holding a JSON object; anything else is ignored with a warning naming the attribute. */
const json = (name: string) => ({
  fromAttribute(value: string | null): object {
    try {
      const parsed: unknown = JSON.parse(value || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // fall through to the warning
    }
    console.warn(`[passkey-login] ${name} must be a JSON object; ignored.`);
    return {};
  },
});

/** Whether this browser remembers a way in used last time, which the form offers first. */
const remembered = () => {
  try {
    return Boolean(localStorage.getItem('passkey-login.last-method'));
  } catch {
    return false;
  }
};

/** The properties that say where and how requests go (see `backendConfig()`), and `check-session`. */
const BACKEND_SETTINGS: readonly PropertyKey[] = [
  'endpoint',
  'credentials',
  'requestHeaders',
  'requestTimeout',
  ...URL_OPERATIONS.map((operation) => `${operation}Url`),
  'endpoints',
  'fetch',
  'adapter',
  'checkSession',
];

/**
 * Signs people in with passkeys: autofill on the identifier field, a "Sign in with a passkey"
 * button (covers security keys), "Use a phone or tablet", and sign-up by creating a passkey. When
 * a passkey is missing, cancelled or broken, it offers the other ways in the site owner lists in
 * `methods` (email or SMS code, password, with recovery), keeping what was typed. All against the
 * JSON endpoints described in the README's backend contract.
 *
 * @summary Passkey sign-in and sign-up against any JSON backend.
 *
 * @fires {PasskeyLoginStateEvent} passkey-login-state - The flow moved to another state; `detail: {state, previous}`.
 * @fires {PasskeyLoginSuccessEvent} passkey-login-success - Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect.
 * @fires {PasskeyLoginFailureEvent} passkey-login-failure - A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored.
 * @fires {PasskeyLoginDiagnosticEvent} passkey-login-diagnostic - For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn.
 * @fires {PasskeyLoginSignedOutEvent} passkey-login-signed-out - The user signed out.
 * @fires {PasskeyLoginFunnelEvent} passkey-login-funnel - For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret.
 *
 * @slot header - Above the form, e.g. a logo.
 * @slot footer - Below the form, e.g. terms or a help link.
 * @slot heading-ready - Words of the sign-in form's heading, instead of "Sign in or create an account". Each step has its `heading-<step>` slot, named by the `state` it shows.
 * @slot heading-preparing - Words of the heading while a passkey request is prepared.
 * @slot heading-ceremony - Words of the heading while the browser asks for a passkey (to sign in or to create one).
 * @slot heading-verifying - Words of the heading while the passkey is checked.
 * @slot heading-failed - Words of the failure step's heading (the failure itself is in `state` and the `passkey-login-failure` event).
 * @slot heading-confirm-create - Words of the heading of creating an account with a passkey.
 * @slot heading-registering - Words of the heading while a new passkey is saved.
 * @slot heading-returning - Words of the "Welcome back" heading.
 * @slot heading-choosing - Words of the heading of the step listing every way in.
 * @slot heading-code - Words of the one-time code step's heading.
 * @slot heading-password - Words of the password step's heading.
 * @slot heading-recovered - Words of the heading after a recovery code.
 * @slot heading-new-password - Words of the heading of setting a new password.
 * @slot heading-enrol - Words of the heading of the offer to create a passkey after another way in.
 * @slot heading-upgrading - Words of the heading while a sign-in is finished after that offer.
 * @slot heading-signed-in - Words of the signed-in heading.
 * @slot heading-signing-out - Words of the heading while signing out.
 * @slot heading-device - Words of the heading of approving from another device.
 * @slot heading-help - Words of the "Need help?" heading.
 * @slot heading-redeem - Words of the heading of entering a recovery code.
 * @slot help-ready - Help under the sign-in form, e.g. what a passkey is. Each step has its `help-<step>` slot under it, named as its heading slot; empty unless the site fills it.
 * @slot help-failed - Help under a failed passkey sign-in or sign-up.
 * @slot help-choosing - Help under the list of ways in.
 * @slot help-code - Help under the one-time code step, e.g. where codes come from.
 * @slot help-password - Help under the password step.
 * @slot help-device - Help under approving from another device.
 * @slot help-help - More help under "Need help?", e.g. opening hours of support.
 * @slot help-redeem - Help under entering a recovery code.
 * @slot help-signed-in - Help under the signed-in step.
 *
 * @csspart container - The box around everything.
 * @csspart form - The identifier form.
 * @csspart heading - Each step's heading (a heading role at `heading-level`); receives focus when the step changes.
 * @csspart body - Explanatory text of a step.
 * @csspart hint - Help text under a field or button.
 * @csspart field - Label, input and field error together.
 * @csspart label - A field's label.
 * @csspart input - Any text input; each also has a specific name (`identifier-input`, `code-input`, `password-input`, `recovery-code-input`).
 * @csspart identifier-input - The identifier input (`autocomplete="username webauthn"`).
 * @csspart field-error - The message under an invalid input (announced when it appears).
 * @csspart button - Every button; each also has `primary-button`, `secondary-button` or `link-button`, and a specific name.
 * @csspart primary-button - The main action of a step (one per step).
 * @csspart secondary-button - Other actions.
 * @csspart link-button - Quiet actions, such as "Other ways to sign in" or "Need help?".
 * @csspart continue-button - "Continue" with the identifier (sign up, or find the account).
 * @csspart passkey-button - "Sign in with a passkey".
 * @csspart hybrid-button - "Use a phone or tablet".
 * @csspart divider - The "or" between the form and the passkey buttons.
 * @csspart identity - Who a step is for: the identifier given, with "Change".
 * @csspart identity-name - The identifier inside `identity`.
 * @csspart change-button - "Change" next to the identifier: back to the form to edit it.
 * @csspart ways - The stacked buttons of the ways in (chooser, failure, "Welcome back").
 * @csspart method-button - A button for one way in; each also has `<method>-button`, e.g. `email-code-button`, `sms-code-button`, `password-button`, `device-button`.
 * @csspart email-code-button - "Email me a code".
 * @csspart sms-code-button - "Text me a code".
 * @csspart password-button - "Use my password".
 * @csspart device-button - "Approve from another device".
 * @csspart badge - A small label inside a button; "Last used" is also `last-used`.
 * @csspart last-used - The "Last used" badge on the way in that last got someone in on this browser.
 * @csspart links - The row of quiet links at the bottom of a step.
 * @csspart other-ways-button - "Other ways to sign in".
 * @csspart help-button - "Need help?".
 * @csspart back-button - "Back".
 * @csspart notice - Any message box: calm (`role="status"`, an "i" icon) or urgent (`role="alert"`, a warning icon). In a notice with buttons the role is on the title and sentence only, so the buttons are not read out as part of it.
 * @csspart notice-title - A notice's first line.
 * @csspart notice-body - A notice's explanation.
 * @csspart unsupported-notice - "This browser can't use passkeys".
 * @csspart failure - A failed passkey sign-in or sign-up, as a step.
 * @csspart failure-notice - What went wrong and what to do next: the failure step's title and sentence, or a notice inside another step.
 * @csspart retry-button - "Try again".
 * @csspart progress - A step that waits on the browser or the server.
 * @csspart spinner - The progress indicator (still when reduced motion is asked for).
 * @csspart cancel-button - Cancel a running step.
 * @csspart confirm-create - Creating an account with a passkey.
 * @csspart create-button - "Create a passkey".
 * @csspart returning - "Welcome back", for an identifier that already has an account.
 * @csspart chooser - The step listing every way in.
 * @csspart create-account-button - "Create an account", where no passkey was found on this device.
 * @csspart code - The one-time code step.
 * @csspart destination - Where the code went, masked, and when it expires.
 * @csspart code-input - The code input (`autocomplete="one-time-code"`, `inputmode="numeric"`); sent when the last digit is in.
 * @csspart submit-button - The main submit of the code, password and recovery code steps.
 * @csspart resend-button - "Send a new code", with its countdown while it cannot be asked for.
 * @csspart password - The password step.
 * @csspart password-input - A password input (current or new).
 * @csspart show-password-button - The show/hide toggle inside a password field (`aria-pressed`).
 * @csspart forgot-password-button - "Forgot password?", on the password label's row.
 * @csspart recovered - After a recovery code: create a passkey or set a new password.
 * @csspart set-password-button - "Set a new password".
 * @csspart new-password - The step that sets a new password.
 * @csspart not-now-button - "Not now" on an offer.
 * @csspart enrol - The offer to create a passkey on this device after another way in.
 * @csspart signed-in - The signed-in step.
 * @csspart user - Who is signed in.
 * @csspart saved - Where a passkey just added was saved, and whether it syncs.
 * @csspart nudge - The suggestion to add a backup passkey.
 * @csspart actions - The buttons of a notice.
 * @csspart nudge-add-button - "Add a passkey" on the nudge.
 * @csspart never-button - "Don't ask again" on the nudge.
 * @csspart sign-out-button - "Sign out".
 * @csspart device - Approving this sign-in from another device.
 * @csspart device-code - The code to type on the other device (never broken across lines).
 * @csspart qr - The QR code of the approval page.
 * @csspart waiting - "Waiting for approval…".
 * @csspart poll-notice - Said while the approval cannot be checked, as polling goes on.
 * @csspart help - "Need help?".
 * @csspart reference - The support reference.
 * @csspart link - A link styled as a button; the support contact is also `support-link`.
 * @csspart support-link - "Contact support".
 * @csspart have-code-button - "I have a recovery code from support".
 * @csspart details - "Details for support", the disclosure holding the summary.
 * @csspart summary - The summary for support (nothing secret in it).
 * @csspart copy-button - "Copy summary".
 * @csspart redeem - Entering a recovery code from support.
 * @csspart recovery-code-input - The recovery code input.
 *
 * @cssstate starting - An element of the page's markup, upgraded, waiting for autofill to arm
 * before it shows its form (100 ms at most, and only where the page itself came back within 30 ms):
 * keep its place as for `:not(:defined)`.
 *
 * @cssprop [--passkey-login-color-text=#1b1f24] - Text colour (dark: #e6e8eb).
 * @cssprop [--passkey-login-color-muted=#57606a] - Secondary text (dark: #a9b0b9).
 * @cssprop [--passkey-login-color-background=#ffffff] - Background (dark: #17191c).
 * @cssprop [--passkey-login-color-surface=#f4f6f8] - Secondary buttons and notices (dark: #22262b).
 * @cssprop [--passkey-login-color-border=#8c959f] - Borders (dark: #4a515a).
 * @cssprop [--passkey-login-color-primary=#0b57d0] - Primary buttons and links (dark: #8ab4f8).
 * @cssprop [--passkey-login-color-on-primary=#ffffff] - Text on primary buttons (dark: #0b1b33).
 * @cssprop [--passkey-login-color-error=#b3261e] - Errors (dark: #f28b82).
 * @cssprop [--passkey-login-color-focus=#0b57d0] - Focus ring (dark: #8ab4f8).
 * @cssprop [--passkey-login-radius=0.5rem] - Corner radius.
 * @cssprop [--passkey-login-spacing=1rem] - Base spacing.
 * @cssprop [--passkey-login-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--passkey-login-font-size=1rem] - Base font size.
 * @cssprop [--passkey-login-max-width=26rem] - Maximum width.
 */
export class PasskeyLogin extends LitElement {
  static override styles = styles;
  static override properties = {
    endpoint: {},
    credentials: {},
    requestHeaders: { attribute: 'request-headers', converter: json('request-headers') },
    requestTimeout: { attribute: 'request-timeout', type: Number },
    authenticationOptionsUrl: { attribute: 'authentication-options-url' },
    authenticationVerifyUrl: { attribute: 'authentication-verify-url' },
    registrationOptionsUrl: { attribute: 'registration-options-url' },
    registrationVerifyUrl: { attribute: 'registration-verify-url' },
    sessionUrl: { attribute: 'session-url' },
    signOutUrl: { attribute: 'sign-out-url' },
    endpoints: { converter: json('endpoints') },
    fetch: { attribute: false },
    adapter: { attribute: false },
    methods: {},
    fallbackRoutes: { attribute: 'fallback-routes', converter: json('fallback-routes') },
    supportContact: { attribute: 'support-contact' },
    approveUrl: { attribute: 'approve-url' },
    checkSession: { attribute: 'check-session', type: Boolean },
    signUp: { attribute: 'sign-up' },
    headingLevel: { attribute: 'heading-level', type: Number },
    lightDom: { attribute: 'light-dom', type: Boolean },
    passwordMinLength: { attribute: 'password-min-length', type: Number },
    preset: {},
    redirect: {},
    theme: { reflect: true },
  };

  /** Base URL of the backend; each operation's default path hangs from it (see the README's contract). */
  endpoint: string = '/api/auth';

  /** `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials: RequestCredentials = 'same-origin';

  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  requestHeaders: Record<string, string> = {};

  /** Milliseconds before a backend request is given up as timed out. */
  requestTimeout: number = 15_000;

  /** Overrides the URL of the authentication options request. */
  authenticationOptionsUrl?: string;

  /** Overrides the URL of the authentication verify request. */
  authenticationVerifyUrl?: string;

  /** Overrides the URL of the registration options request. */
  registrationOptionsUrl?: string;

  /** Overrides the URL of the registration verify request. */
  registrationVerifyUrl?: string;

  /** Overrides the URL of the session request. */
  sessionUrl?: string;

  /** Overrides the URL of the sign-out request. */
  signOutUrl?: string;

  /**
   * Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
   * `authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
   * `session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
   * Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
   * `{"codeSend": {"url": "/otp/start"}}`.
   */
  endpoints: EndpointMap = {};

  /** Replaces `fetch` for every backend request, e.g. to sign requests. */
  fetch?: typeof globalThis.fetch;

  /**
   * For a backend whose request or answer shapes differ from the contract: `request`, `response`
   * and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend").
   */
  adapter?: BackendAdapter;

  /**
   * The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
   * `hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
   * The backend's `methods` answer may narrow the list for an identifier.
   */
  methods?: string | Method[];

  /**
   * What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
   * failure code → method. The identifier is carried over.
   */
  fallbackRoutes?: Partial<Record<FailureCode, Method>>;

  /**
   * "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
   * support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`.
   */
  supportContact?: string;

  /**
   * The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
   * a QR code with the binding code filled in (`{code}` in it, or added as `?code=`).
   */
  approveUrl?: string;

  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  checkSession = false;

  /**
   * `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
   * backend offers for the identifier (or a passkey), never to creating one.
   */
  signUp: 'passkey' | 'off' = 'passkey';

  /** Where to go after sign-in when the backend names no redirect. Nothing happens when neither does. */
  redirect?: string;

  /**
   * A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
   * own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
   * The site's own `endpoints`, `adapter` and `methods` still win, operation by operation.
   */
  preset?: string | Preset;

  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  headingLevel = 2;

  /**
   * The shortest new password the backend takes: said before the first try ("Use at least 8
   * characters") and checked before sending.
   */
  passwordMinLength = 8;

  /** `light`, `dark`, or unset to follow the system. */
  theme?: 'light' | 'dark';

  /**
   * Puts the identifier and password inputs among the element's own children (light DOM), in forms
   * of their own, for password managers that do not look into shadow roots. Read when the element
   * is connected; it loads a small file. See the README, "Password managers".
   */
  lightDom = false;

  // `this` is checked against FlowHost here rather than with `implements`: the host's methods are
  // @internal, left out of the published types.
  readonly #flow = new FlowController(this);
  /** The preset in effect, once loaded, and the `preset` value it was loaded for. */
  #preset: Preset | undefined;
  #presetFor: unknown;
  /** The state the view last showed, to move focus when the step changes. */
  #shown: State | undefined;
  #viewsFailed = false;

  /**
   * Adds a language, or replaces some of a language's messages (ids as in the XLIFF files), for
   * every element on the page. `{0}`, `{1}` stand for the values of the English sentence, in its
   * order. `messages` may be a function that loads them when the language is first needed.
   */
  static addMessages(locale: string, messages: Messages | (() => Promise<Messages>)): void {
    (added[locale] ??= []).push(messages);
    void import('./l10n/localizer.js').then((module) => module.relocalize());
  }

  /** @internal The locale and direction the element speaks in, and its words. */
  speech: Speech = { lang: 'en' };
  /** The words the first render waits for, in a language other than English. */
  #speaking?: Promise<unknown>;

  /** `light-dom`'s controller, once asked for. */
  #lightDom?: Promise<unknown>;

  /**
   * Someone about to use the element (a pointer over it, focus in it): the steps beyond the form
   * load now, not with every page view, and are in by the time a passkey request fails.
   */
  readonly #intent = () => void this.loadViews().catch(() => {});

  override connectedCallback(): void {
    super.connectedCallback();
    const { held } = this.#flow;
    if (held) {
      // Only on the first connection: `held` is over by the time the element can connect again.
      const { states } = this.attachInternals();
      states.add('starting');
      void held.then(() => states.delete('starting'));
    }
    this.addEventListener('pointerover', this.#intent);
    this.addEventListener('focusin', this.#intent);
    // The way used last time is in storage, whose first read on a page takes milliseconds (5 in
    // a trace at 1× CPU): once the page has a moment, not between the answers that arm autofill.
    idle(() => remembered() && this.#intent());
    const words = connected(this);
    // The first render waits for it too, so the inputs never move out from under someone typing.
    // Offline, they stay in the shadow root: still usable, if not by every password manager.
    this.#speaking = this.lightDom ? Promise.all([words, (this.#lightDom ??= import('./light-dom.js').then((module) => module.attach(this), () => {}))]) : words;
  }

  /** No render in the wrong language (once the words are in, an update waits one microtask more). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#speaking ? this.#speaking.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Resolves once the form is on screen, for an element of the page's markup too (see `FlowController.held`). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#flow.held;
    return super.getUpdateComplete();
  }

  /** The step the element shows, e.g. `ready`, `ceremony`, `signed-in`: `checking` until its form is on screen. */
  get state(): StateKind {
    return this.#flow.shown;
  }

  /** @internal The ways in the preset's backend has, for a site that sets no `methods`. */
  get presetMethods(): Method[] | undefined {
    return this.#preset?.methods;
  }

  /**
   * @internal Makes the `preset` set now part of the configuration; a promise while a named one
   * loads, so that the first requests wait for it.
   */
  presetReady(): Promise<void> | undefined {
    const preset = this.preset;
    if (preset === this.#presetFor) return undefined;
    this.#presetFor = preset;
    this.#preset = typeof preset === 'object' ? preset : undefined;
    if (!preset || typeof preset !== 'string') return undefined;
    // Unknown, or offline: the element goes on with its own settings, and the requests say what fails.
    return (PRESETS[preset]?.() ?? Promise.reject()).then(
      (module) => {
        if (this.#presetFor === preset) this.#preset = module.default();
      },
      () => console.warn(`[passkey-login] preset "${preset}" could not be loaded; known are ${Object.keys(PRESETS).join()}.`),
    );
  }

  /** @internal */
  backendConfig(): BackendConfig {
    // The fallback operations have no `*-url` attribute: theirs come from `endpoints` alone. A
    // preset lies under the site's own settings.
    const endpoints: EndpointMap = { ...this.#preset?.endpoints, ...this.endpoints };
    for (const operation of URL_OPERATIONS) {
      // Each `*-url` attribute is the `url` of one operation; the endpoints property wins.
      const url = this[`${operation}Url`];
      const fromProperty: EndpointConfig | false | undefined = this.endpoints[operation];
      if (fromProperty === false) continue;
      if (url || fromProperty) endpoints[operation] = { ...(url ? { url } : {}), ...fromProperty };
    }
    return {
      endpoint: this.endpoint || DEFAULT_ENDPOINT,
      endpoints,
      headers: this.requestHeaders,
      credentials: this.credentials,
      timeoutMs: this.requestTimeout > 0 ? this.requestTimeout : DEFAULT_TIMEOUT_MS,
      ...(this.fetch ? { fetch: this.fetch } : {}),
      ...(this.adapter || this.#preset?.adapter ? { adapter: this.adapter ?? this.#preset?.adapter } : {}),
    };
  }

  /** @internal */
  identifierInput(): HTMLInputElement | null {
    return (this.lightDom ? this : this.renderRoot)?.querySelector<HTMLInputElement>('[part~=identifier-input]') ?? null;
  }

  readonly #handlers: Handlers = {
    // Typing is also an interaction (see `interact`): one event, one update per keystroke.
    input: (event) => this.#flow.send({ type: 'input', identifier: (event.target as HTMLInputElement).value }),
    interact: () => this.#flow.send({ type: 'interact' }),
    submit: (event) => {
      event.preventDefault();
      this.#flow.send({ type: 'submit' });
    },
    signIn: (ceremony) => this.#flow.send({ type: 'sign-in', ceremony }),
    // Read from `methods` itself as well, so a button the site left out never shows while the
    // steps chunk (which narrows the ways in by `methods` too) is on its way.
    listed: (ceremony) => new RegExp(`(^|[\\s,])${ceremony}([\\s,]|$)`).test(this.#methodNames()),
    send: (event: Event) => this.#flow.send(event),
  };

  /** Escape cancels a wait or steps back, as in a dialog. */
  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const { state } = this.#flow.snapshot;
    // The waits of a sign-in are the entry's own; the other steps' meaning loads with them.
    const next = stepsIfLoaded()?.escapeEvent(state) ?? (state.kind === 'preparing' || state.kind === 'ceremony' ? { type: 'cancel' as const } : undefined);
    if (!next) return;
    event.preventDefault();
    this.#hadFocus = true;
    this.#flow.send(next);
  };

  /** Whether `methods` (or the preset's) names a way in that is not a passkey; the default has none. */
  #otherWays(): boolean {
    return /(?:^|[\s,])(?!(?:passkey|hybrid)(?:[\s,]|$))[^\s,]/.test(this.#methodNames());
  }

  /** `methods` (or the preset's) as written, the default when unset; an array reads as its names with commas. */
  #methodNames(): string {
    return String(this.methods ?? this.presetMethods ?? 'passkey hybrid');
  }

  protected override render() {
    if (this.#flow.held) return nothing;
    const snapshot = this.#flow.snapshot;
    const views = stepsIfLoaded();
    // The form is the same step while a session is checked: a site's words for it stay put.
    const step = this.state === 'checking' ? 'ready' : this.state;
    setStep(step, this.headingLevel);
    const { lang, dir } = speak(this.speech);
    return html`
      <div part="container" lang=${lang} dir=${dir ?? nothing} @keydown=${this.#onKeydown}>
        <slot name="header"></slot>
        <div class="visually-hidden" role="status" aria-live="polite">${statusText(snapshot, views)}</div>
        ${renderState(snapshot, this.#handlers, views, this.#viewsFailed ? this.#intent : undefined, !views && this.#otherWays())}
        <slot name="help-${step}"></slot>
        <slot name="footer"></slot>
      </div>
    `;
  }

  #views?: Promise<void>;

  /** @internal */
  loadViews(): Promise<void> {
    return (this.#views ??= loadSteps().then(
      (steps) => {
        // Constructable sheets, like the element's own: nothing inline for a strict CSP.
        adoptStyles(this.renderRoot as ShadowRoot, [styles, steps.fallbackStyles]);
        this.#viewsFailed = false;
        this.#flow.configure();
        this.requestUpdate();
      },
      (error: unknown) => {
        // Offline: said where the views were needed, with a way to try again.
        this.#views = undefined;
        this.#viewsFailed = true;
        this.requestUpdate();
        throw error;
      },
    ));
  }

  /** Whether focus was inside before this update, which may remove the focused button. */
  #hadFocus = false;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A server render (@lit-labs/ssr) calls this too, on an element without a DOM.
    this.#hadFocus = !isServer && this.matches(':focus-within');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (['methods', 'fallbackRoutes', 'supportContact', 'approveUrl', 'passwordMinLength'].some((name) => changed.has(name))) this.#flow.configure();
    if (BACKEND_SETTINGS.some((name) => changed.has(name))) this.#flow.configurationChanged();
    if (changed.has('signUp')) this.#flow.signUpChanged();
    if (changed.has('preset')) this.#flow.presetChanged();
    const { state, context } = this.#flow.snapshot;
    // Without the other steps' views, the form shows as it will with them, and the waits of a
    // passkey sign-in; any other step loads them, as does a form with more to say (no passkeys
    // here; the way in used last time on this browser is looked up on connect).
    const before = this.#shown;
    if (!this.#viewsFailed && (!ownStep(state) || !canUsePasskeys(context))) this.#intent();
    this.#shown = state;
    if (!before || before === state || before.kind === 'checking') return;
    // A step is its kind and phase: "sending" → "entering" a code is a new step, focus follows.
    const step = (s: State) => s.kind + ('phase' in s ? s.phase : '');
    const error = (s: State) => ('fieldError' in s ? s.fieldError : undefined);
    if (step(before) !== step(state) || (error(state) && error(state) !== error(before))) this.#moveFocus();
  }

  /**
   * WCAG 2.4.3: focus follows the step, but only when it was inside the element (possibly on a
   * button this update removed), never pulled away from elsewhere on the page.
   */
  #moveFocus(): void {
    if (!this.#hadFocus && !this.matches(':focus-within')) return;
    // With `light-dom`, the step's input is among the element's children.
    const target =
      this.querySelector<HTMLElement>('input[data-focus]') ??
      this.renderRoot.querySelector<HTMLElement>('input[data-focus]') ??
      this.renderRoot.querySelector<HTMLElement>('[data-focus]');
    target?.focus();
    // Back to change what was typed, or a refused code to correct: all of it selected.
    if (target instanceof HTMLInputElement && target.hasAttribute('data-select')) target.select();
  }
}

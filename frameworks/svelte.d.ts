import type {
  PasskeyLogin,
  PasskeyLoginStateEvent,
  PasskeyLoginSuccessEvent,
  PasskeyLoginFailureEvent,
  PasskeyLoginDiagnosticEvent,
  PasskeyLoginSignedOutEvent,
  PasskeyLoginFunnelEvent,
} from "passkey-login";
import type { PasskeyLoginApproval, PasskeyLoginApprovalEvent, PasskeyLoginFunnelEvent } from "passkey-login";

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: JSX.Element;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Sets the HTML or XML markup contained within the element. */
  innerHTML?: string;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: JSX.CSSProperties;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Sets the text content of the element */
  textContent?: string;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

type PasskeyLoginProps = {
  /** Base URL of the backend; each operation's default path hangs from it (see the README's contract). */
  endpoint?: PasskeyLogin["endpoint"];
  /** `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials?: PasskeyLogin["credentials"];
  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "request-headers"?: PasskeyLogin["requestHeaders"];
  /** Milliseconds before a backend request is given up as timed out. */
  "request-timeout"?: PasskeyLogin["requestTimeout"];
  /** Overrides the URL of the authentication options request. */
  "authentication-options-url"?: PasskeyLogin["authenticationOptionsUrl"];
  /** Overrides the URL of the authentication verify request. */
  "authentication-verify-url"?: PasskeyLogin["authenticationVerifyUrl"];
  /** Overrides the URL of the registration options request. */
  "registration-options-url"?: PasskeyLogin["registrationOptionsUrl"];
  /** Overrides the URL of the registration verify request. */
  "registration-verify-url"?: PasskeyLogin["registrationVerifyUrl"];
  /** Overrides the URL of the session request. */
  "session-url"?: PasskeyLogin["sessionUrl"];
  /** Overrides the URL of the sign-out request. */
  "sign-out-url"?: PasskeyLogin["signOutUrl"];
  /** Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
`authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
`session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
`{"codeSend": {"url": "/otp/start"}}`. */
  endpoints?: PasskeyLogin["endpoints"];
  /** The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
`hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
The backend's `methods` answer may narrow the list for an identifier. */
  methods?: PasskeyLogin["methods"];
  /** What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
failure code → method. The identifier is carried over. */
  "fallback-routes"?: PasskeyLogin["fallbackRoutes"];
  /** "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`. */
  "support-contact"?: PasskeyLogin["supportContact"];
  /** The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
a QR code with the binding code filled in (`{code}` in it, or added as `?code=`). */
  "approve-url"?: PasskeyLogin["approveUrl"];
  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  "check-session"?: PasskeyLogin["checkSession"];
  /** `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
backend offers for the identifier (or a passkey), never to creating one. */
  "sign-up"?: PasskeyLogin["signUp"];
  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  "heading-level"?: PasskeyLogin["headingLevel"];
  /** Puts the identifier and password inputs among the element's own children (light DOM), in forms
of their own, for password managers that do not look into shadow roots. Read when the element
is connected; it loads a small file. See the README, "Password managers". */
  "light-dom"?: PasskeyLogin["lightDom"];
  /** The shortest new password the backend takes: said before the first try ("Use at least 8
characters") and checked before sending. */
  "password-min-length"?: PasskeyLogin["passwordMinLength"];
  /** A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
The site's own `endpoints`, `adapter` and `methods` still win, operation by operation. */
  preset?: PasskeyLogin["preset"];
  /** Where to go after sign-in when the backend names no redirect. Nothing happens when neither does. */
  redirect?: PasskeyLogin["redirect"];
  /** `light`, `dark`, or unset to follow the system. */
  theme?: PasskeyLogin["theme"];
  /** Replaces `fetch` for every backend request, e.g. to sign requests. */
  "bind:fetch"?: PasskeyLogin["fetch"];
  fetch?: PasskeyLogin["fetch"];
  /** For a backend whose request or answer shapes differ from the contract: `request`, `response`
and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend"). */
  "bind:adapter"?: PasskeyLogin["adapter"];
  adapter?: PasskeyLogin["adapter"];
  /** The step the element shows, e.g. `ready`, `ceremony`, `signed-in`: `checking` until its form is on screen. */
  "bind:state"?: PasskeyLogin["state"];
  state?: PasskeyLogin["state"];
  /** The flow moved to another state; `detail: {state, previous}`. */
  "on:passkey-login-state"?: (e: PasskeyLoginStateEvent) => void;
  "onpasskey-login-state"?: (e: PasskeyLoginStateEvent) => void;
  /** Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect. */
  "on:passkey-login-success"?: (e: PasskeyLoginSuccessEvent) => void;
  "onpasskey-login-success"?: (e: PasskeyLoginSuccessEvent) => void;
  /** A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored. */
  "on:passkey-login-failure"?: (e: PasskeyLoginFailureEvent) => void;
  "onpasskey-login-failure"?: (e: PasskeyLoginFailureEvent) => void;
  /** For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn. */
  "on:passkey-login-diagnostic"?: (e: PasskeyLoginDiagnosticEvent) => void;
  "onpasskey-login-diagnostic"?: (e: PasskeyLoginDiagnosticEvent) => void;
  /** The user signed out. */
  "on:passkey-login-signed-out"?: (e: PasskeyLoginSignedOutEvent) => void;
  "onpasskey-login-signed-out"?: (e: PasskeyLoginSignedOutEvent) => void;
  /** For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret. */
  "on:passkey-login-funnel"?: (e: PasskeyLoginFunnelEvent) => void;
  "onpasskey-login-funnel"?: (e: PasskeyLoginFunnelEvent) => void;
};

type PasskeyLoginApprovalProps = {
  /** Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`. */
  endpoint?: PasskeyLoginApproval["endpoint"];
  /** The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
do not matter. When unset, the page's `?code=` query parameter is used. */
  code?: PasskeyLoginApproval["code"];
  /** `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials?: PasskeyLoginApproval["credentials"];
  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "request-headers"?: PasskeyLoginApproval["requestHeaders"];
  /** `light`, `dark`, or unset to follow the system. */
  theme?: PasskeyLoginApproval["theme"];
  /** The current step: `entering`, `looking-up`, `confirming`, `deciding`, `approved`, `denied` or `ended`. */
  "bind:state"?: PasskeyLoginApproval["state"];
  state?: PasskeyLoginApproval["state"];
  /** The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code). */
  "on:passkey-login-approval"?: (e: PasskeyLoginApprovalEvent) => void;
  "onpasskey-login-approval"?: (e: PasskeyLoginApprovalEvent) => void;
  /** For analytics: `detail: {step: 'device-approved' | 'device-denied'}`. */
  "on:passkey-login-funnel"?: (e: PasskeyLoginFunnelEvent) => void;
  "onpasskey-login-funnel"?: (e: PasskeyLoginFunnelEvent) => void;
};

export type CustomElements = {
  /**
   * Passkey sign-in and sign-up against any JSON backend.
   * ---
   *
   *
   * ### **Events:**
   *  - **passkey-login-state** - The flow moved to another state; `detail: {state, previous}`.
   * - **passkey-login-success** - Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect.
   * - **passkey-login-failure** - A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored.
   * - **passkey-login-diagnostic** - For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn.
   * - **passkey-login-signed-out** - The user signed out.
   * - **passkey-login-funnel** - For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret.
   *
   * ### **Methods:**
   *  - **addMessages(locale: _string_, messages: _Messages | (() => Promise<Messages>)_): _void_** - Adds a language, or replaces some of a language's messages (ids as in the XLIFF files), for
   * every element on the page. `{0}`, `{1}` stand for the values of the English sentence, in its
   * order. `messages` may be a function that loads them when the language is first needed.
   *
   *
   * ### **Slots:**
   *  - **header** - Above the form, e.g. a logo.
   * - **footer** - Below the form, e.g. terms or a help link.
   * - **heading-ready** - Words of the sign-in form's heading, instead of "Sign in or create an account". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - **heading-preparing** - Words of the heading while a passkey request is prepared.
   * - **heading-ceremony** - Words of the heading while the browser asks for a passkey (to sign in or to create one).
   * - **heading-verifying** - Words of the heading while the passkey is checked.
   * - **heading-failed** - Words of the failure step's heading (the failure itself is in `state` and the `passkey-login-failure` event).
   * - **heading-confirm-create** - Words of the heading of creating an account with a passkey.
   * - **heading-registering** - Words of the heading while a new passkey is saved.
   * - **heading-returning** - Words of the "Welcome back" heading.
   * - **heading-choosing** - Words of the heading of the step listing every way in.
   * - **heading-code** - Words of the one-time code step's heading.
   * - **heading-password** - Words of the password step's heading.
   * - **heading-recovered** - Words of the heading after a recovery code.
   * - **heading-new-password** - Words of the heading of setting a new password.
   * - **heading-enrol** - Words of the heading of the offer to create a passkey after another way in.
   * - **heading-upgrading** - Words of the heading while a sign-in is finished after that offer.
   * - **heading-signed-in** - Words of the signed-in heading.
   * - **heading-signing-out** - Words of the heading while signing out.
   * - **heading-device** - Words of the heading of approving from another device.
   * - **heading-help** - Words of the "Need help?" heading.
   * - **heading-redeem** - Words of the heading of entering a recovery code.
   * - **help-ready** - Help under the sign-in form, e.g. what a passkey is. Each step has its `help-<step>` slot under it, named as its heading slot; empty unless the site fills it.
   * - **help-failed** - Help under a failed passkey sign-in or sign-up.
   * - **help-choosing** - Help under the list of ways in.
   * - **help-code** - Help under the one-time code step, e.g. where codes come from.
   * - **help-password** - Help under the password step.
   * - **help-device** - Help under approving from another device.
   * - **help-help** - More help under "Need help?", e.g. opening hours of support.
   * - **help-redeem** - Help under entering a recovery code.
   * - **help-signed-in** - Help under the signed-in step.
   *
   * ### **CSS Properties:**
   *  - **--passkey-login-color-text** - Text colour (dark: #e6e8eb). _(default: #1b1f24)_
   * - **--passkey-login-color-muted** - Secondary text (dark: #a9b0b9). _(default: #57606a)_
   * - **--passkey-login-color-background** - Background (dark: #17191c). _(default: #ffffff)_
   * - **--passkey-login-color-surface** - Secondary buttons and notices (dark: #22262b). _(default: #f4f6f8)_
   * - **--passkey-login-color-border** - Borders (dark: #4a515a). _(default: #8c959f)_
   * - **--passkey-login-color-primary** - Primary buttons and links (dark: #8ab4f8). _(default: #0b57d0)_
   * - **--passkey-login-color-on-primary** - Text on primary buttons (dark: #0b1b33). _(default: #ffffff)_
   * - **--passkey-login-color-error** - Errors (dark: #f28b82). _(default: #b3261e)_
   * - **--passkey-login-color-focus** - Focus ring (dark: #8ab4f8). _(default: #0b57d0)_
   * - **--passkey-login-radius** - Corner radius. _(default: 0.5rem)_
   * - **--passkey-login-spacing** - Base spacing. _(default: 1rem)_
   * - **--passkey-login-font-family** - Font. _(default: system-ui, sans-serif)_
   * - **--passkey-login-font-size** - Base font size. _(default: 1rem)_
   * - **--passkey-login-max-width** - Maximum width. _(default: 26rem)_
   *
   * ### **CSS Parts:**
   *  - **container** - The box around everything.
   * - **form** - The identifier form.
   * - **heading** - Each step's heading (a heading role at `heading-level`); receives focus when the step changes.
   * - **body** - Explanatory text of a step.
   * - **hint** - Help text under a field or button.
   * - **field** - Label, input and field error together.
   * - **label** - A field's label.
   * - **input** - Any text input; each also has a specific name (`identifier-input`, `code-input`, `password-input`, `recovery-code-input`).
   * - **identifier-input** - The identifier input (`autocomplete="username webauthn"`).
   * - **field-error** - The message under an invalid input (announced when it appears).
   * - **button** - Every button; each also has `primary-button`, `secondary-button` or `link-button`, and a specific name.
   * - **primary-button** - The main action of a step (one per step).
   * - **secondary-button** - Other actions.
   * - **link-button** - Quiet actions, such as "Other ways to sign in" or "Need help?".
   * - **continue-button** - "Continue" with the identifier (sign up, or find the account).
   * - **passkey-button** - "Sign in with a passkey".
   * - **hybrid-button** - "Use a phone or tablet".
   * - **divider** - The "or" between the form and the passkey buttons.
   * - **identity** - Who a step is for: the identifier given, with "Change".
   * - **identity-name** - The identifier inside `identity`.
   * - **change-button** - "Change" next to the identifier: back to the form to edit it.
   * - **ways** - The stacked buttons of the ways in (chooser, failure, "Welcome back").
   * - **method-button** - A button for one way in; each also has `<method>-button`, e.g. `email-code-button`, `sms-code-button`, `password-button`, `device-button`.
   * - **email-code-button** - "Email me a code".
   * - **sms-code-button** - "Text me a code".
   * - **password-button** - "Use my password".
   * - **device-button** - "Approve from another device".
   * - **badge** - A small label inside a button; "Last used" is also `last-used`.
   * - **last-used** - The "Last used" badge on the way in that last got someone in on this browser.
   * - **links** - The row of quiet links at the bottom of a step.
   * - **other-ways-button** - "Other ways to sign in".
   * - **help-button** - "Need help?".
   * - **back-button** - "Back".
   * - **notice** - Any message box: calm (`role="status"`, an "i" icon) or urgent (`role="alert"`, a warning icon). In a notice with buttons the role is on the title and sentence only, so the buttons are not read out as part of it.
   * - **notice-title** - A notice's first line.
   * - **notice-body** - A notice's explanation.
   * - **unsupported-notice** - "This browser can't use passkeys".
   * - **failure** - A failed passkey sign-in or sign-up, as a step.
   * - **failure-notice** - What went wrong and what to do next: the failure step's title and sentence, or a notice inside another step.
   * - **retry-button** - "Try again".
   * - **progress** - A step that waits on the browser or the server.
   * - **spinner** - The progress indicator (still when reduced motion is asked for).
   * - **cancel-button** - Cancel a running step.
   * - **confirm-create** - Creating an account with a passkey.
   * - **create-button** - "Create a passkey".
   * - **returning** - "Welcome back", for an identifier that already has an account.
   * - **chooser** - The step listing every way in.
   * - **create-account-button** - "Create an account", where no passkey was found on this device.
   * - **code** - The one-time code step.
   * - **destination** - Where the code went, masked, and when it expires.
   * - **code-input** - The code input (`autocomplete="one-time-code"`, `inputmode="numeric"`); sent when the last digit is in.
   * - **submit-button** - The main submit of the code, password and recovery code steps.
   * - **resend-button** - "Send a new code", with its countdown while it cannot be asked for.
   * - **password** - The password step.
   * - **password-input** - A password input (current or new).
   * - **show-password-button** - The show/hide toggle inside a password field (`aria-pressed`).
   * - **forgot-password-button** - "Forgot password?", on the password label's row.
   * - **recovered** - After a recovery code: create a passkey or set a new password.
   * - **set-password-button** - "Set a new password".
   * - **new-password** - The step that sets a new password.
   * - **not-now-button** - "Not now" on an offer.
   * - **enrol** - The offer to create a passkey on this device after another way in.
   * - **signed-in** - The signed-in step.
   * - **user** - Who is signed in.
   * - **saved** - Where a passkey just added was saved, and whether it syncs.
   * - **nudge** - The suggestion to add a backup passkey.
   * - **actions** - The buttons of a notice.
   * - **nudge-add-button** - "Add a passkey" on the nudge.
   * - **never-button** - "Don't ask again" on the nudge.
   * - **sign-out-button** - "Sign out".
   * - **device** - Approving this sign-in from another device.
   * - **device-code** - The code to type on the other device (never broken across lines).
   * - **qr** - The QR code of the approval page.
   * - **waiting** - "Waiting for approval…".
   * - **poll-notice** - Said while the approval cannot be checked, as polling goes on.
   * - **help** - "Need help?".
   * - **reference** - The support reference.
   * - **link** - A link styled as a button; the support contact is also `support-link`.
   * - **support-link** - "Contact support".
   * - **have-code-button** - "I have a recovery code from support".
   * - **details** - "Details for support", the disclosure holding the summary.
   * - **summary** - The summary for support (nothing secret in it).
   * - **copy-button** - "Copy summary".
   * - **redeem** - Entering a recovery code from support.
   * - **recovery-code-input** - The recovery code input.
   */
  "passkey-login": Partial<PasskeyLoginProps & BaseProps & BaseEvents>;

  /**
   * Approve or deny a new device's sign-in from a device where you are signed in.
   * ---
   *
   *
   * ### **Events:**
   *  - **passkey-login-approval** - The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code).
   * - **passkey-login-funnel** - For analytics: `detail: {step: 'device-approved' | 'device-denied'}`.
   *
   * ### **Slots:**
   *  - **header** - Above the steps, e.g. a logo.
   * - **footer** - Below the steps, e.g. a help link, or a sign-in link for people who are not signed in.
   * - **heading-entering** - Words of the code step's heading, instead of "Approve a sign-in". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - **heading-looking-up** - Words of the heading while the code is looked up.
   * - **heading-confirming** - Words of the heading that asks to approve or deny.
   * - **heading-deciding** - Words of the heading while the decision is sent.
   * - **heading-approved** - Words of the heading after approving.
   * - **heading-denied** - Words of the heading after denying.
   * - **heading-ended** - Words of the heading when the request cannot be approved (expired, used, not signed in).
   * - **help-entering** - Help under the code step, e.g. where the code is shown. Each step has its `help-<step>` slot under it; empty unless the site fills it.
   * - **help-confirming** - Help under the question, e.g. how to recognise a sign-in that is not yours.
   * - **help-approved** - Help after approving.
   * - **help-denied** - Help after denying, e.g. how to secure the account.
   * - **help-ended** - Help when the request cannot be approved.
   *
   * ### **CSS Properties:**
   *  - **--passkey-login-color-text** - Text colour (dark: #e6e8eb). _(default: #1b1f24)_
   * - **--passkey-login-color-muted** - Secondary text (dark: #a9b0b9). _(default: #57606a)_
   * - **--passkey-login-color-background** - Background (dark: #17191c). _(default: #ffffff)_
   * - **--passkey-login-color-surface** - Buttons, the details and notices (dark: #22262b). _(default: #f4f6f8)_
   * - **--passkey-login-color-border** - Borders (dark: #4a515a). _(default: #8c959f)_
   * - **--passkey-login-color-primary** - Primary buttons (dark: #8ab4f8). _(default: #0b57d0)_
   * - **--passkey-login-color-on-primary** - Text on primary buttons (dark: #0b1b33). _(default: #ffffff)_
   * - **--passkey-login-color-error** - Errors (dark: #f28b82). _(default: #b3261e)_
   * - **--passkey-login-color-focus** - Focus ring (dark: #8ab4f8). _(default: #0b57d0)_
   * - **--passkey-login-radius** - Corner radius. _(default: 0.5rem)_
   * - **--passkey-login-spacing** - Base spacing. _(default: 1rem)_
   * - **--passkey-login-font-family** - Font. _(default: system-ui, sans-serif)_
   * - **--passkey-login-font-size** - Base font size. _(default: 1rem)_
   * - **--passkey-login-max-width** - Maximum width. _(default: 26rem)_
   *
   * ### **CSS Parts:**
   *  - **container** - The box around everything.
   * - **heading** - Each step's heading; receives focus when the step changes.
   * - **body** - Explanatory text of a step.
   * - **form** - The code step; also `enter`.
   * - **enter** - The code step.
   * - **field** - Label, input, hint and field error together.
   * - **label** - The code label, "Code shown on the new device".
   * - **input** - The code input; also `code-input`.
   * - **code-input** - The code input (`autocomplete="off"`, `autocapitalize="characters"`).
   * - **hint** - Help text: the code's format, and the request's expiry (also `expiry`).
   * - **field-error** - The message under a code that cannot be one.
   * - **button** - Every button; each also has `primary-button` or `secondary-button`, and a specific name.
   * - **primary-button** - The main action of a step ("Continue", "Try again", "Enter a new code").
   * - **secondary-button** - Deny and Approve, alike on purpose.
   * - **continue-button** - "Continue" with the code.
   * - **confirm** - The step showing what asks to sign in, with Deny and Approve.
   * - **details** - The list of what asks: account, device, when, where.
   * - **detail** - One value in that list; each also has `account`, `device`, `time` or `place`.
   * - **account** - The account the new device would be signed in to.
   * - **device** - Browser and operating system, e.g. "Chrome on macOS".
   * - **time** - When the new device asked, relative ("2 minutes ago").
   * - **place** - The country it asked from, or "Location unknown".
   * - **expiry** - How long the request can still be approved.
   * - **warning** - "If you did not start this, deny."
   * - **actions** - The row of Deny and Approve; also `decision`.
   * - **decision** - The row of Deny and Approve (two equal columns).
   * - **decision-button** - Deny and Approve; each also has `deny-button` or `approve-button`.
   * - **deny-button** - "Deny".
   * - **approve-button** - "Approve".
   * - **progress** - A step that waits on the server ("Checking the code…", "Approving…").
   * - **spinner** - The progress indicator.
   * - **done** - The outcome; also `approved` or `denied`.
   * - **approved** - "The new device is signed in."
   * - **denied** - "The new device was not signed in."
   * - **ended** - The code cannot be approved from here: expired, already used, or not signed in (`data-code` says which).
   * - **retry-button** - "Try again" (after signing in on this device).
   * - **new-code-button** - "Enter a new code" (after an expired or used code).
   * - **notice** - Any message box; failures also have `failure-notice`.
   * - **failure-notice** - What went wrong (`data-code`), above the field or the decision.
   * - **notice-title** - A notice's first line.
   * - **notice-body** - A notice's explanation, with when to try again after a rate limit.
   */
  "passkey-login-approval": Partial<PasskeyLoginApprovalProps & BaseProps & BaseEvents>;
};

declare global {
  namespace svelteHTML {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}

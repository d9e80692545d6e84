import type {
  PasskeyLogin,
  PasskeyLoginDiagnosticEvent,
  PasskeyLoginFailureEvent,
  PasskeyLoginFunnelEvent,
  PasskeyLoginSignedOutEvent,
  PasskeyLoginStateEvent,
  PasskeyLoginSuccessEvent,
  PasskeyLoginApproval,
  PasskeyLoginApprovalEvent,
} from "passkey-login";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<
  Prefix extends string = "",
  Suffix extends string = "",
> = {
  [
    Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`
  ]: CustomElements[Key];
};

/**
 * A generic type for strongly typing custom events with their targets
 * @template T - The type of the event target (extends EventTarget)
 * @template D - The type of the detail payload for the custom event
 */
type TypedEvent<T extends EventTarget, E = Event> = E & {
  target: T;
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl" | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no" | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: "auto" | "hint" | "manual" | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: "top" | "bottom" | "left" | "right" | "auto" | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: "show" | "hide" | "toggle" | undefined;
};

type BaseEvents = {};

/** `PasskeyLogin` component event */
export type PasskeyLoginElementEvent<E = Event> = TypedEvent<PasskeyLogin, E>;
/** `passkey-login-state` event type */
export type PasskeyLoginPasskeyLoginStateElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginStateEvent>;
/** `passkey-login-success` event type */
export type PasskeyLoginPasskeyLoginSuccessElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginSuccessEvent>;
/** `passkey-login-failure` event type */
export type PasskeyLoginPasskeyLoginFailureElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginFailureEvent>;
/** `passkey-login-diagnostic` event type */
export type PasskeyLoginPasskeyLoginDiagnosticElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginDiagnosticEvent>;
/** `passkey-login-signed-out` event type */
export type PasskeyLoginPasskeyLoginSignedOutElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginSignedOutEvent>;
/** `passkey-login-funnel` event type */
export type PasskeyLoginPasskeyLoginFunnelElementEvent =
  PasskeyLoginElementEvent<PasskeyLoginFunnelEvent>;

export type PasskeyLoginProps = {
  /** Base URL of the backend; each operation's default path hangs from it (see the README's contract). */
  endpoint?: PasskeyLogin["endpoint"] | undefined;
  /** `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials?: PasskeyLogin["credentials"] | undefined;
  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "request-headers"?: PasskeyLogin["requestHeaders"] | undefined;
  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  requestHeaders?: PasskeyLogin["requestHeaders"] | undefined;
  /** Milliseconds before a backend request is given up as timed out. */
  "request-timeout"?: PasskeyLogin["requestTimeout"] | undefined;
  /** Milliseconds before a backend request is given up as timed out. */
  requestTimeout?: PasskeyLogin["requestTimeout"] | undefined;
  /** Overrides the URL of the authentication options request. */
  "authentication-options-url"?:
    PasskeyLogin["authenticationOptionsUrl"] | undefined;
  /** Overrides the URL of the authentication options request. */
  authenticationOptionsUrl?:
    PasskeyLogin["authenticationOptionsUrl"] | undefined;
  /** Overrides the URL of the authentication verify request. */
  "authentication-verify-url"?:
    PasskeyLogin["authenticationVerifyUrl"] | undefined;
  /** Overrides the URL of the authentication verify request. */
  authenticationVerifyUrl?: PasskeyLogin["authenticationVerifyUrl"] | undefined;
  /** Overrides the URL of the registration options request. */
  "registration-options-url"?:
    PasskeyLogin["registrationOptionsUrl"] | undefined;
  /** Overrides the URL of the registration options request. */
  registrationOptionsUrl?: PasskeyLogin["registrationOptionsUrl"] | undefined;
  /** Overrides the URL of the registration verify request. */
  "registration-verify-url"?: PasskeyLogin["registrationVerifyUrl"] | undefined;
  /** Overrides the URL of the registration verify request. */
  registrationVerifyUrl?: PasskeyLogin["registrationVerifyUrl"] | undefined;
  /** Overrides the URL of the session request. */
  "session-url"?: PasskeyLogin["sessionUrl"] | undefined;
  /** Overrides the URL of the session request. */
  sessionUrl?: PasskeyLogin["sessionUrl"] | undefined;
  /** Overrides the URL of the sign-out request. */
  "sign-out-url"?: PasskeyLogin["signOutUrl"] | undefined;
  /** Overrides the URL of the sign-out request. */
  signOutUrl?: PasskeyLogin["signOutUrl"] | undefined;
  /** Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
`authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
`session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
`{"codeSend": {"url": "/otp/start"}}`. */
  endpoints?: PasskeyLogin["endpoints"] | undefined;
  /** The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
`hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
The backend's `methods` answer may narrow the list for an identifier. */
  methods?: PasskeyLogin["methods"] | undefined;
  /** What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
failure code → method. The identifier is carried over. */
  "fallback-routes"?: PasskeyLogin["fallbackRoutes"] | undefined;
  /** What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
failure code → method. The identifier is carried over. */
  fallbackRoutes?: PasskeyLogin["fallbackRoutes"] | undefined;
  /** "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`. */
  "support-contact"?: PasskeyLogin["supportContact"] | undefined;
  /** "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`. */
  supportContact?: PasskeyLogin["supportContact"] | undefined;
  /** The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
a QR code with the binding code filled in (`{code}` in it, or added as `?code=`). */
  "approve-url"?: PasskeyLogin["approveUrl"] | undefined;
  /** The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
a QR code with the binding code filled in (`{code}` in it, or added as `?code=`). */
  approveUrl?: PasskeyLogin["approveUrl"] | undefined;
  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  "check-session"?: PasskeyLogin["checkSession"] | undefined;
  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  checkSession?: PasskeyLogin["checkSession"] | undefined;
  /** `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
backend offers for the identifier (or a passkey), never to creating one. */
  "sign-up"?: PasskeyLogin["signUp"] | undefined;
  /** `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
backend offers for the identifier (or a passkey), never to creating one. */
  signUp?: PasskeyLogin["signUp"] | undefined;
  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  "heading-level"?: PasskeyLogin["headingLevel"] | undefined;
  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  headingLevel?: PasskeyLogin["headingLevel"] | undefined;
  /** Puts the identifier and password inputs among the element's own children (light DOM), in forms
of their own, for password managers that do not look into shadow roots. Read when the element
is connected; it loads a small file. See the README, "Password managers". */
  "light-dom"?: PasskeyLogin["lightDom"] | undefined;
  /** Puts the identifier and password inputs among the element's own children (light DOM), in forms
of their own, for password managers that do not look into shadow roots. Read when the element
is connected; it loads a small file. See the README, "Password managers". */
  lightDom?: PasskeyLogin["lightDom"] | undefined;
  /** The shortest new password the backend takes: said before the first try ("Use at least 8
characters") and checked before sending. */
  "password-min-length"?: PasskeyLogin["passwordMinLength"] | undefined;
  /** The shortest new password the backend takes: said before the first try ("Use at least 8
characters") and checked before sending. */
  passwordMinLength?: PasskeyLogin["passwordMinLength"] | undefined;
  /** A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
The site's own `endpoints`, `adapter` and `methods` still win, operation by operation. */
  preset?: PasskeyLogin["preset"] | undefined;
  /** Where to go after sign-in when the backend names no redirect. Nothing happens when neither does. */
  redirect?: PasskeyLogin["redirect"] | undefined;
  /** `light`, `dark`, or unset to follow the system. */
  theme?: PasskeyLogin["theme"] | undefined;
  /** Replaces `fetch` for every backend request, e.g. to sign requests. */
  fetch?: PasskeyLogin["fetch"] | undefined;
  /** For a backend whose request or answer shapes differ from the contract: `request`, `response`
and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend"). */
  adapter?: PasskeyLogin["adapter"] | undefined;

  /** The flow moved to another state; `detail: {state, previous}`. */
  "onpasskey-login-state"?:
    ((e: PasskeyLoginPasskeyLoginStateElementEvent) => void) | undefined;
  /** Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect. */
  "onpasskey-login-success"?:
    ((e: PasskeyLoginPasskeyLoginSuccessElementEvent) => void) | undefined;
  /** A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored. */
  "onpasskey-login-failure"?:
    ((e: PasskeyLoginPasskeyLoginFailureElementEvent) => void) | undefined;
  /** For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn. */
  "onpasskey-login-diagnostic"?:
    ((e: PasskeyLoginPasskeyLoginDiagnosticElementEvent) => void) | undefined;
  /** The user signed out. */
  "onpasskey-login-signed-out"?:
    ((e: PasskeyLoginPasskeyLoginSignedOutElementEvent) => void) | undefined;
  /** For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret. */
  "onpasskey-login-funnel"?:
    ((e: PasskeyLoginPasskeyLoginFunnelElementEvent) => void) | undefined;
};

export type PasskeyLoginSolidJsProps = {
  /** Base URL of the backend; each operation's default path hangs from it (see the README's contract). */
  "prop:endpoint"?: PasskeyLogin["endpoint"] | undefined;
  /** `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  "prop:credentials"?: PasskeyLogin["credentials"] | undefined;
  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "attr:request-headers"?: PasskeyLogin["requestHeaders"] | undefined;
  /** Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "prop:requestHeaders"?: PasskeyLogin["requestHeaders"] | undefined;
  /** Milliseconds before a backend request is given up as timed out. */
  "attr:request-timeout"?: PasskeyLogin["requestTimeout"] | undefined;
  /** Milliseconds before a backend request is given up as timed out. */
  "prop:requestTimeout"?: PasskeyLogin["requestTimeout"] | undefined;
  /** Overrides the URL of the authentication options request. */
  "attr:authentication-options-url"?:
    PasskeyLogin["authenticationOptionsUrl"] | undefined;
  /** Overrides the URL of the authentication options request. */
  "prop:authenticationOptionsUrl"?:
    PasskeyLogin["authenticationOptionsUrl"] | undefined;
  /** Overrides the URL of the authentication verify request. */
  "attr:authentication-verify-url"?:
    PasskeyLogin["authenticationVerifyUrl"] | undefined;
  /** Overrides the URL of the authentication verify request. */
  "prop:authenticationVerifyUrl"?:
    PasskeyLogin["authenticationVerifyUrl"] | undefined;
  /** Overrides the URL of the registration options request. */
  "attr:registration-options-url"?:
    PasskeyLogin["registrationOptionsUrl"] | undefined;
  /** Overrides the URL of the registration options request. */
  "prop:registrationOptionsUrl"?:
    PasskeyLogin["registrationOptionsUrl"] | undefined;
  /** Overrides the URL of the registration verify request. */
  "attr:registration-verify-url"?:
    PasskeyLogin["registrationVerifyUrl"] | undefined;
  /** Overrides the URL of the registration verify request. */
  "prop:registrationVerifyUrl"?:
    PasskeyLogin["registrationVerifyUrl"] | undefined;
  /** Overrides the URL of the session request. */
  "attr:session-url"?: PasskeyLogin["sessionUrl"] | undefined;
  /** Overrides the URL of the session request. */
  "prop:sessionUrl"?: PasskeyLogin["sessionUrl"] | undefined;
  /** Overrides the URL of the sign-out request. */
  "attr:sign-out-url"?: PasskeyLogin["signOutUrl"] | undefined;
  /** Overrides the URL of the sign-out request. */
  "prop:signOutUrl"?: PasskeyLogin["signOutUrl"] | undefined;
  /** Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
`authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
`session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
`{"codeSend": {"url": "/otp/start"}}`. */
  "prop:endpoints"?: PasskeyLogin["endpoints"] | undefined;
  /** The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
`hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
The backend's `methods` answer may narrow the list for an identifier. */
  "prop:methods"?: PasskeyLogin["methods"] | undefined;
  /** What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
failure code → method. The identifier is carried over. */
  "attr:fallback-routes"?: PasskeyLogin["fallbackRoutes"] | undefined;
  /** What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
failure code → method. The identifier is carried over. */
  "prop:fallbackRoutes"?: PasskeyLogin["fallbackRoutes"] | undefined;
  /** "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`. */
  "attr:support-contact"?: PasskeyLogin["supportContact"] | undefined;
  /** "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`. */
  "prop:supportContact"?: PasskeyLogin["supportContact"] | undefined;
  /** The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
a QR code with the binding code filled in (`{code}` in it, or added as `?code=`). */
  "attr:approve-url"?: PasskeyLogin["approveUrl"] | undefined;
  /** The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
a QR code with the binding code filled in (`{code}` in it, or added as `?code=`). */
  "prop:approveUrl"?: PasskeyLogin["approveUrl"] | undefined;
  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  "bool:check-session"?: PasskeyLogin["checkSession"] | undefined;
  /** Ask the backend on load whether a session exists, and show the signed-in state if so. */
  "prop:checkSession"?: PasskeyLogin["checkSession"] | undefined;
  /** `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
backend offers for the identifier (or a passkey), never to creating one. */
  "attr:sign-up"?: PasskeyLogin["signUp"] | undefined;
  /** `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
backend offers for the identifier (or a passkey), never to creating one. */
  "prop:signUp"?: PasskeyLogin["signUp"] | undefined;
  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  "attr:heading-level"?: PasskeyLogin["headingLevel"] | undefined;
  /** The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section. */
  "prop:headingLevel"?: PasskeyLogin["headingLevel"] | undefined;
  /** Puts the identifier and password inputs among the element's own children (light DOM), in forms
of their own, for password managers that do not look into shadow roots. Read when the element
is connected; it loads a small file. See the README, "Password managers". */
  "bool:light-dom"?: PasskeyLogin["lightDom"] | undefined;
  /** Puts the identifier and password inputs among the element's own children (light DOM), in forms
of their own, for password managers that do not look into shadow roots. Read when the element
is connected; it loads a small file. See the README, "Password managers". */
  "prop:lightDom"?: PasskeyLogin["lightDom"] | undefined;
  /** The shortest new password the backend takes: said before the first try ("Use at least 8
characters") and checked before sending. */
  "attr:password-min-length"?: PasskeyLogin["passwordMinLength"] | undefined;
  /** The shortest new password the backend takes: said before the first try ("Use at least 8
characters") and checked before sending. */
  "prop:passwordMinLength"?: PasskeyLogin["passwordMinLength"] | undefined;
  /** A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
The site's own `endpoints`, `adapter` and `methods` still win, operation by operation. */
  "prop:preset"?: PasskeyLogin["preset"] | undefined;
  /** Where to go after sign-in when the backend names no redirect. Nothing happens when neither does. */
  "prop:redirect"?: PasskeyLogin["redirect"] | undefined;
  /** `light`, `dark`, or unset to follow the system. */
  "prop:theme"?: PasskeyLogin["theme"] | undefined;
  /** Replaces `fetch` for every backend request, e.g. to sign requests. */
  "prop:fetch"?: PasskeyLogin["fetch"] | undefined;
  /** For a backend whose request or answer shapes differ from the contract: `request`, `response`
and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend"). */
  "prop:adapter"?: PasskeyLogin["adapter"] | undefined;
  /** The flow moved to another state; `detail: {state, previous}`. */
  "on:passkey-login-state"?:
    ((e: PasskeyLoginPasskeyLoginStateElementEvent) => void) | undefined;
  /** Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect. */
  "on:passkey-login-success"?:
    ((e: PasskeyLoginPasskeyLoginSuccessElementEvent) => void) | undefined;
  /** A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored. */
  "on:passkey-login-failure"?:
    ((e: PasskeyLoginPasskeyLoginFailureElementEvent) => void) | undefined;
  /** For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn. */
  "on:passkey-login-diagnostic"?:
    ((e: PasskeyLoginPasskeyLoginDiagnosticElementEvent) => void) | undefined;
  /** The user signed out. */
  "on:passkey-login-signed-out"?:
    ((e: PasskeyLoginPasskeyLoginSignedOutElementEvent) => void) | undefined;
  /** For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret. */
  "on:passkey-login-funnel"?:
    ((e: PasskeyLoginPasskeyLoginFunnelElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PasskeyLoginApproval` component event */
export type PasskeyLoginApprovalElementEvent<E = Event> = TypedEvent<
  PasskeyLoginApproval,
  E
>;
/** `passkey-login-approval` event type */
export type PasskeyLoginApprovalPasskeyLoginApprovalElementEvent =
  PasskeyLoginApprovalElementEvent<PasskeyLoginApprovalEvent>;
/** `passkey-login-funnel` event type */
export type PasskeyLoginApprovalPasskeyLoginFunnelElementEvent =
  PasskeyLoginApprovalElementEvent<PasskeyLoginFunnelEvent>;

export type PasskeyLoginApprovalProps = {
  /** Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`. */
  endpoint?: PasskeyLoginApproval["endpoint"] | undefined;
  /** The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
do not matter. When unset, the page's `?code=` query parameter is used. */
  code?: PasskeyLoginApproval["code"] | undefined;
  /** `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  credentials?: PasskeyLoginApproval["credentials"] | undefined;
  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "request-headers"?: PasskeyLoginApproval["requestHeaders"] | undefined;
  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  requestHeaders?: PasskeyLoginApproval["requestHeaders"] | undefined;
  /** `light`, `dark`, or unset to follow the system. */
  theme?: PasskeyLoginApproval["theme"] | undefined;

  /** The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code). */
  "onpasskey-login-approval"?:
    | ((e: PasskeyLoginApprovalPasskeyLoginApprovalElementEvent) => void)
    | undefined;
  /** For analytics: `detail: {step: 'device-approved' | 'device-denied'}`. */
  "onpasskey-login-funnel"?:
    | ((e: PasskeyLoginApprovalPasskeyLoginFunnelElementEvent) => void)
    | undefined;
};

export type PasskeyLoginApprovalSolidJsProps = {
  /** Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`. */
  "prop:endpoint"?: PasskeyLoginApproval["endpoint"] | undefined;
  /** The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
do not matter. When unset, the page's `?code=` query parameter is used. */
  "prop:code"?: PasskeyLoginApproval["code"] | undefined;
  /** `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`. */
  "prop:credentials"?: PasskeyLoginApproval["credentials"] | undefined;
  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "attr:request-headers"?: PasskeyLoginApproval["requestHeaders"] | undefined;
  /** Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`. */
  "prop:requestHeaders"?: PasskeyLoginApproval["requestHeaders"] | undefined;
  /** `light`, `dark`, or unset to follow the system. */
  "prop:theme"?: PasskeyLoginApproval["theme"] | undefined;
  /** The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code). */
  "on:passkey-login-approval"?:
    | ((e: PasskeyLoginApprovalPasskeyLoginApprovalElementEvent) => void)
    | undefined;
  /** For analytics: `detail: {step: 'device-approved' | 'device-denied'}`. */
  "on:passkey-login-funnel"?:
    | ((e: PasskeyLoginApprovalPasskeyLoginFunnelElementEvent) => void)
    | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   * Signs people in with passkeys: autofill on the identifier field, a "Sign in with a passkey"
   * button (covers security keys), "Use a phone or tablet", and sign-up by creating a passkey. When
   * a passkey is missing, cancelled or broken, it offers the other ways in the site owner lists in
   * `methods` (email or SMS code, password, with recovery), keeping what was typed. All against the
   * JSON endpoints described in the README's backend contract.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `endpoint`: Base URL of the backend; each operation's default path hangs from it (see the README's contract).
   * - `credentials`: `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`.
   * - `request-headers`/`requestHeaders`: Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`.
   * - `request-timeout`/`requestTimeout`: Milliseconds before a backend request is given up as timed out.
   * - `authentication-options-url`/`authenticationOptionsUrl`: Overrides the URL of the authentication options request.
   * - `authentication-verify-url`/`authenticationVerifyUrl`: Overrides the URL of the authentication verify request.
   * - `registration-options-url`/`registrationOptionsUrl`: Overrides the URL of the registration options request.
   * - `registration-verify-url`/`registrationVerifyUrl`: Overrides the URL of the registration verify request.
   * - `session-url`/`sessionUrl`: Overrides the URL of the session request.
   * - `sign-out-url`/`signOutUrl`: Overrides the URL of the sign-out request.
   * - `endpoints`: Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
   * `authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
   * `session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
   * Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
   * `{"codeSend": {"url": "/otp/start"}}`.
   * - `methods`: The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
   * `hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
   * The backend's `methods` answer may narrow the list for an identifier.
   * - `fallback-routes`/`fallbackRoutes`: What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
   * failure code → method. The identifier is carried over.
   * - `support-contact`/`supportContact`: "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
   * support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`.
   * - `approve-url`/`approveUrl`: The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
   * a QR code with the binding code filled in (`{code}` in it, or added as `?code=`).
   * - `check-session`/`checkSession`: Ask the backend on load whether a session exists, and show the signed-in state if so.
   * - `sign-up`/`signUp`: `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
   * backend offers for the identifier (or a passkey), never to creating one.
   * - `heading-level`/`headingLevel`: The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section.
   * - `light-dom`/`lightDom`: Puts the identifier and password inputs among the element's own children (light DOM), in forms
   * of their own, for password managers that do not look into shadow roots. Read when the element
   * is connected; it loads a small file. See the README, "Password managers".
   * - `password-min-length`/`passwordMinLength`: The shortest new password the backend takes: said before the first try ("Use at least 8
   * characters") and checked before sending.
   * - `preset`: A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
   * own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
   * The site's own `endpoints`, `adapter` and `methods` still win, operation by operation.
   * - `redirect`: Where to go after sign-in when the backend names no redirect. Nothing happens when neither does.
   * - `theme`: `light`, `dark`, or unset to follow the system.
   * - `fetch`: Replaces `fetch` for every backend request, e.g. to sign requests. (property only)
   * - `adapter`: For a backend whose request or answer shapes differ from the contract: `request`, `response`
   * and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend"). (property only)
   * - `state`: The step the element shows, e.g. `ready`, `ceremony`, `signed-in`: `checking` until its form is on screen. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `passkey-login-state`: The flow moved to another state; `detail: {state, previous}`.
   * - `passkey-login-success`: Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect.
   * - `passkey-login-failure`: A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored.
   * - `passkey-login-diagnostic`: For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn.
   * - `passkey-login-signed-out`: The user signed out.
   * - `passkey-login-funnel`: For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the form, e.g. a logo.
   * - `footer`: Below the form, e.g. terms or a help link.
   * - `heading-ready`: Words of the sign-in form's heading, instead of "Sign in or create an account". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - `heading-preparing`: Words of the heading while a passkey request is prepared.
   * - `heading-ceremony`: Words of the heading while the browser asks for a passkey (to sign in or to create one).
   * - `heading-verifying`: Words of the heading while the passkey is checked.
   * - `heading-failed`: Words of the failure step's heading (the failure itself is in `state` and the `passkey-login-failure` event).
   * - `heading-confirm-create`: Words of the heading of creating an account with a passkey.
   * - `heading-registering`: Words of the heading while a new passkey is saved.
   * - `heading-returning`: Words of the "Welcome back" heading.
   * - `heading-choosing`: Words of the heading of the step listing every way in.
   * - `heading-code`: Words of the one-time code step's heading.
   * - `heading-password`: Words of the password step's heading.
   * - `heading-recovered`: Words of the heading after a recovery code.
   * - `heading-new-password`: Words of the heading of setting a new password.
   * - `heading-enrol`: Words of the heading of the offer to create a passkey after another way in.
   * - `heading-upgrading`: Words of the heading while a sign-in is finished after that offer.
   * - `heading-signed-in`: Words of the signed-in heading.
   * - `heading-signing-out`: Words of the heading while signing out.
   * - `heading-device`: Words of the heading of approving from another device.
   * - `heading-help`: Words of the "Need help?" heading.
   * - `heading-redeem`: Words of the heading of entering a recovery code.
   * - `help-ready`: Help under the sign-in form, e.g. what a passkey is. Each step has its `help-<step>` slot under it, named as its heading slot; empty unless the site fills it.
   * - `help-failed`: Help under a failed passkey sign-in or sign-up.
   * - `help-choosing`: Help under the list of ways in.
   * - `help-code`: Help under the one-time code step, e.g. where codes come from.
   * - `help-password`: Help under the password step.
   * - `help-device`: Help under approving from another device.
   * - `help-help`: More help under "Need help?", e.g. opening hours of support.
   * - `help-redeem`: Help under entering a recovery code.
   * - `help-signed-in`: Help under the signed-in step.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `addMessages(locale: string, messages: Messages | (() => Promise<Messages>)) => void`: Adds a language, or replaces some of a language's messages (ids as in the XLIFF files), for
   * every element on the page. `{0}`, `{1}` stand for the values of the English sentence, in its
   * order. `messages` may be a function that loads them when the language is first needed.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--passkey-login-color-text`: Text colour (dark: #e6e8eb). (default: `#1b1f24`)
   * - `--passkey-login-color-muted`: Secondary text (dark: #a9b0b9). (default: `#57606a`)
   * - `--passkey-login-color-background`: Background (dark: #17191c). (default: `#ffffff`)
   * - `--passkey-login-color-surface`: Secondary buttons and notices (dark: #22262b). (default: `#f4f6f8`)
   * - `--passkey-login-color-border`: Borders (dark: #4a515a). (default: `#8c959f`)
   * - `--passkey-login-color-primary`: Primary buttons and links (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-color-on-primary`: Text on primary buttons (dark: #0b1b33). (default: `#ffffff`)
   * - `--passkey-login-color-error`: Errors (dark: #f28b82). (default: `#b3261e`)
   * - `--passkey-login-color-focus`: Focus ring (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-radius`: Corner radius. (default: `0.5rem`)
   * - `--passkey-login-spacing`: Base spacing. (default: `1rem`)
   * - `--passkey-login-font-family`: Font. (default: `system-ui, sans-serif`)
   * - `--passkey-login-font-size`: Base font size. (default: `1rem`)
   * - `--passkey-login-max-width`: Maximum width. (default: `26rem`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `container`: The box around everything.
   * - `form`: The identifier form.
   * - `heading`: Each step's heading (a heading role at `heading-level`); receives focus when the step changes.
   * - `body`: Explanatory text of a step.
   * - `hint`: Help text under a field or button.
   * - `field`: Label, input and field error together.
   * - `label`: A field's label.
   * - `input`: Any text input; each also has a specific name (`identifier-input`, `code-input`, `password-input`, `recovery-code-input`).
   * - `identifier-input`: The identifier input (`autocomplete="username webauthn"`).
   * - `field-error`: The message under an invalid input (announced when it appears).
   * - `button`: Every button; each also has `primary-button`, `secondary-button` or `link-button`, and a specific name.
   * - `primary-button`: The main action of a step (one per step).
   * - `secondary-button`: Other actions.
   * - `link-button`: Quiet actions, such as "Other ways to sign in" or "Need help?".
   * - `continue-button`: "Continue" with the identifier (sign up, or find the account).
   * - `passkey-button`: "Sign in with a passkey".
   * - `hybrid-button`: "Use a phone or tablet".
   * - `divider`: The "or" between the form and the passkey buttons.
   * - `identity`: Who a step is for: the identifier given, with "Change".
   * - `identity-name`: The identifier inside `identity`.
   * - `change-button`: "Change" next to the identifier: back to the form to edit it.
   * - `ways`: The stacked buttons of the ways in (chooser, failure, "Welcome back").
   * - `method-button`: A button for one way in; each also has `<method>-button`, e.g. `email-code-button`, `sms-code-button`, `password-button`, `device-button`.
   * - `email-code-button`: "Email me a code".
   * - `sms-code-button`: "Text me a code".
   * - `password-button`: "Use my password".
   * - `device-button`: "Approve from another device".
   * - `badge`: A small label inside a button; "Last used" is also `last-used`.
   * - `last-used`: The "Last used" badge on the way in that last got someone in on this browser.
   * - `links`: The row of quiet links at the bottom of a step.
   * - `other-ways-button`: "Other ways to sign in".
   * - `help-button`: "Need help?".
   * - `back-button`: "Back".
   * - `notice`: Any message box: calm (`role="status"`, an "i" icon) or urgent (`role="alert"`, a warning icon). In a notice with buttons the role is on the title and sentence only, so the buttons are not read out as part of it.
   * - `notice-title`: A notice's first line.
   * - `notice-body`: A notice's explanation.
   * - `unsupported-notice`: "This browser can't use passkeys".
   * - `failure`: A failed passkey sign-in or sign-up, as a step.
   * - `failure-notice`: What went wrong and what to do next: the failure step's title and sentence, or a notice inside another step.
   * - `retry-button`: "Try again".
   * - `progress`: A step that waits on the browser or the server.
   * - `spinner`: The progress indicator (still when reduced motion is asked for).
   * - `cancel-button`: Cancel a running step.
   * - `confirm-create`: Creating an account with a passkey.
   * - `create-button`: "Create a passkey".
   * - `returning`: "Welcome back", for an identifier that already has an account.
   * - `chooser`: The step listing every way in.
   * - `create-account-button`: "Create an account", where no passkey was found on this device.
   * - `code`: The one-time code step.
   * - `destination`: Where the code went, masked, and when it expires.
   * - `code-input`: The code input (`autocomplete="one-time-code"`, `inputmode="numeric"`); sent when the last digit is in.
   * - `submit-button`: The main submit of the code, password and recovery code steps.
   * - `resend-button`: "Send a new code", with its countdown while it cannot be asked for.
   * - `password`: The password step.
   * - `password-input`: A password input (current or new).
   * - `show-password-button`: The show/hide toggle inside a password field (`aria-pressed`).
   * - `forgot-password-button`: "Forgot password?", on the password label's row.
   * - `recovered`: After a recovery code: create a passkey or set a new password.
   * - `set-password-button`: "Set a new password".
   * - `new-password`: The step that sets a new password.
   * - `not-now-button`: "Not now" on an offer.
   * - `enrol`: The offer to create a passkey on this device after another way in.
   * - `signed-in`: The signed-in step.
   * - `user`: Who is signed in.
   * - `saved`: Where a passkey just added was saved, and whether it syncs.
   * - `nudge`: The suggestion to add a backup passkey.
   * - `actions`: The buttons of a notice.
   * - `nudge-add-button`: "Add a passkey" on the nudge.
   * - `never-button`: "Don't ask again" on the nudge.
   * - `sign-out-button`: "Sign out".
   * - `device`: Approving this sign-in from another device.
   * - `device-code`: The code to type on the other device (never broken across lines).
   * - `qr`: The QR code of the approval page.
   * - `waiting`: "Waiting for approval…".
   * - `poll-notice`: Said while the approval cannot be checked, as polling goes on.
   * - `help`: "Need help?".
   * - `reference`: The support reference.
   * - `link`: A link styled as a button; the support contact is also `support-link`.
   * - `support-link`: "Contact support".
   * - `have-code-button`: "I have a recovery code from support".
   * - `details`: "Details for support", the disclosure holding the summary.
   * - `summary`: The summary for support (nothing secret in it).
   * - `copy-button`: "Copy summary".
   * - `redeem`: Entering a recovery code from support.
   * - `recovery-code-input`: The recovery code input.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `starting`: An element of the page's markup, upgraded, waiting for autofill to arm before it shows its form (100 ms at most, and only where the page itself came back within 30 ms): keep its place as for `:not(:defined)`.
   */
  "passkey-login": Partial<
    PasskeyLoginProps & BaseProps<PasskeyLogin> & BaseEvents
  >;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `endpoint`: Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`.
   * - `code`: The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
   * the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
   * do not matter. When unset, the page's `?code=` query parameter is used.
   * - `credentials`: `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`.
   * - `request-headers`/`requestHeaders`: Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`.
   * - `theme`: `light`, `dark`, or unset to follow the system.
   * - `state`: The current step: `entering`, `looking-up`, `confirming`, `deciding`, `approved`, `denied` or `ended`. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `passkey-login-approval`: The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code).
   * - `passkey-login-funnel`: For analytics: `detail: {step: 'device-approved' | 'device-denied'}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the steps, e.g. a logo.
   * - `footer`: Below the steps, e.g. a help link, or a sign-in link for people who are not signed in.
   * - `heading-entering`: Words of the code step's heading, instead of "Approve a sign-in". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - `heading-looking-up`: Words of the heading while the code is looked up.
   * - `heading-confirming`: Words of the heading that asks to approve or deny.
   * - `heading-deciding`: Words of the heading while the decision is sent.
   * - `heading-approved`: Words of the heading after approving.
   * - `heading-denied`: Words of the heading after denying.
   * - `heading-ended`: Words of the heading when the request cannot be approved (expired, used, not signed in).
   * - `help-entering`: Help under the code step, e.g. where the code is shown. Each step has its `help-<step>` slot under it; empty unless the site fills it.
   * - `help-confirming`: Help under the question, e.g. how to recognise a sign-in that is not yours.
   * - `help-approved`: Help after approving.
   * - `help-denied`: Help after denying, e.g. how to secure the account.
   * - `help-ended`: Help when the request cannot be approved.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--passkey-login-color-text`: Text colour (dark: #e6e8eb). (default: `#1b1f24`)
   * - `--passkey-login-color-muted`: Secondary text (dark: #a9b0b9). (default: `#57606a`)
   * - `--passkey-login-color-background`: Background (dark: #17191c). (default: `#ffffff`)
   * - `--passkey-login-color-surface`: Buttons, the details and notices (dark: #22262b). (default: `#f4f6f8`)
   * - `--passkey-login-color-border`: Borders (dark: #4a515a). (default: `#8c959f`)
   * - `--passkey-login-color-primary`: Primary buttons (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-color-on-primary`: Text on primary buttons (dark: #0b1b33). (default: `#ffffff`)
   * - `--passkey-login-color-error`: Errors (dark: #f28b82). (default: `#b3261e`)
   * - `--passkey-login-color-focus`: Focus ring (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-radius`: Corner radius. (default: `0.5rem`)
   * - `--passkey-login-spacing`: Base spacing. (default: `1rem`)
   * - `--passkey-login-font-family`: Font. (default: `system-ui, sans-serif`)
   * - `--passkey-login-font-size`: Base font size. (default: `1rem`)
   * - `--passkey-login-max-width`: Maximum width. (default: `26rem`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `container`: The box around everything.
   * - `heading`: Each step's heading; receives focus when the step changes.
   * - `body`: Explanatory text of a step.
   * - `form`: The code step; also `enter`.
   * - `enter`: The code step.
   * - `field`: Label, input, hint and field error together.
   * - `label`: The code label, "Code shown on the new device".
   * - `input`: The code input; also `code-input`.
   * - `code-input`: The code input (`autocomplete="off"`, `autocapitalize="characters"`).
   * - `hint`: Help text: the code's format, and the request's expiry (also `expiry`).
   * - `field-error`: The message under a code that cannot be one.
   * - `button`: Every button; each also has `primary-button` or `secondary-button`, and a specific name.
   * - `primary-button`: The main action of a step ("Continue", "Try again", "Enter a new code").
   * - `secondary-button`: Deny and Approve, alike on purpose.
   * - `continue-button`: "Continue" with the code.
   * - `confirm`: The step showing what asks to sign in, with Deny and Approve.
   * - `details`: The list of what asks: account, device, when, where.
   * - `detail`: One value in that list; each also has `account`, `device`, `time` or `place`.
   * - `account`: The account the new device would be signed in to.
   * - `device`: Browser and operating system, e.g. "Chrome on macOS".
   * - `time`: When the new device asked, relative ("2 minutes ago").
   * - `place`: The country it asked from, or "Location unknown".
   * - `expiry`: How long the request can still be approved.
   * - `warning`: "If you did not start this, deny."
   * - `actions`: The row of Deny and Approve; also `decision`.
   * - `decision`: The row of Deny and Approve (two equal columns).
   * - `decision-button`: Deny and Approve; each also has `deny-button` or `approve-button`.
   * - `deny-button`: "Deny".
   * - `approve-button`: "Approve".
   * - `progress`: A step that waits on the server ("Checking the code…", "Approving…").
   * - `spinner`: The progress indicator.
   * - `done`: The outcome; also `approved` or `denied`.
   * - `approved`: "The new device is signed in."
   * - `denied`: "The new device was not signed in."
   * - `ended`: The code cannot be approved from here: expired, already used, or not signed in (`data-code` says which).
   * - `retry-button`: "Try again" (after signing in on this device).
   * - `new-code-button`: "Enter a new code" (after an expired or used code).
   * - `notice`: Any message box; failures also have `failure-notice`.
   * - `failure-notice`: What went wrong (`data-code`), above the field or the decision.
   * - `notice-title`: A notice's first line.
   * - `notice-body`: A notice's explanation, with when to try again after a rate limit.
   */
  "passkey-login-approval": Partial<
    PasskeyLoginApprovalProps & BaseProps<PasskeyLoginApproval> & BaseEvents
  >;
};

export type CustomElementsSolidJs = {
  /**
   * Signs people in with passkeys: autofill on the identifier field, a "Sign in with a passkey"
   * button (covers security keys), "Use a phone or tablet", and sign-up by creating a passkey. When
   * a passkey is missing, cancelled or broken, it offers the other ways in the site owner lists in
   * `methods` (email or SMS code, password, with recovery), keeping what was typed. All against the
   * JSON endpoints described in the README's backend contract.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `endpoint`: Base URL of the backend; each operation's default path hangs from it (see the README's contract).
   * - `credentials`: `credentials` mode for every request: `same-origin` (default), `include` for a backend on another origin, or `omit`.
   * - `request-headers`/`requestHeaders`: Extra headers for every request, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`.
   * - `request-timeout`/`requestTimeout`: Milliseconds before a backend request is given up as timed out.
   * - `authentication-options-url`/`authenticationOptionsUrl`: Overrides the URL of the authentication options request.
   * - `authentication-verify-url`/`authenticationVerifyUrl`: Overrides the URL of the authentication verify request.
   * - `registration-options-url`/`registrationOptionsUrl`: Overrides the URL of the registration options request.
   * - `registration-verify-url`/`registrationVerifyUrl`: Overrides the URL of the registration verify request.
   * - `session-url`/`sessionUrl`: Overrides the URL of the session request.
   * - `sign-out-url`/`signOutUrl`: Overrides the URL of the sign-out request.
   * - `endpoints`: Full per-operation configuration (URL, method, headers, credentials), keyed by operation:
   * `authenticationOptions`, `authenticationVerify`, `registrationOptions`, `registrationVerify`,
   * `session`, `signOut`, `methods`, `codeSend`, `codeVerify`, `passwordSignIn`, `passwordSet`.
   * Takes precedence over the `*-url` attributes. As an attribute, a JSON object, e.g.
   * `{"codeSend": {"url": "/otp/start"}}`.
   * - `methods`: The ways in on offer, in order of preference, separated by spaces or commas: `passkey`,
   * `hybrid` (a phone or tablet), `email-code`, `sms-code`, `password`. Default `passkey hybrid`.
   * The backend's `methods` answer may narrow the list for an identifier.
   * - `fallback-routes`/`fallbackRoutes`: What to do on a given failure instead of showing it, e.g. `{"cancelled": "email-code"}`:
   * failure code → method. The identifier is carried over.
   * - `support-contact`/`supportContact`: "Need help?" links here: a URL, or a `mailto:` link. `{reference}` in it is replaced by the
   * support reference the help step shows, e.g. `mailto:help@example.com?subject=Sign-in%20{reference}`.
   * - `approve-url`/`approveUrl`: The site's page with `<passkey-login-approval>`, for "Approve from another device": shown as
   * a QR code with the binding code filled in (`{code}` in it, or added as `?code=`).
   * - `check-session`/`checkSession`: Ask the backend on load whether a session exists, and show the signed-in state if so.
   * - `sign-up`/`signUp`: `off` for a site where accounts are made elsewhere: Continue then leads to the ways in the
   * backend offers for the identifier (or a passkey), never to creating one.
   * - `heading-level`/`headingLevel`: The level of each step's heading: 2 by default; 1 on a page that is only sign-in, 3 inside a section.
   * - `light-dom`/`lightDom`: Puts the identifier and password inputs among the element's own children (light DOM), in forms
   * of their own, for password managers that do not look into shadow roots. Read when the element
   * is connected; it loads a small file. See the README, "Password managers".
   * - `password-min-length`/`passwordMinLength`: The shortest new password the backend takes: said before the first try ("Use at least 8
   * characters") and checked before sending.
   * - `preset`: A known backend's API instead of the contract's: `better-auth` or `authjs` (each loads its
   * own small file), or a `Preset` object (e.g. `betterAuth({…})` from `passkey-login/presets/better-auth`).
   * The site's own `endpoints`, `adapter` and `methods` still win, operation by operation.
   * - `redirect`: Where to go after sign-in when the backend names no redirect. Nothing happens when neither does.
   * - `theme`: `light`, `dark`, or unset to follow the system.
   * - `fetch`: Replaces `fetch` for every backend request, e.g. to sign requests. (property only)
   * - `adapter`: For a backend whose request or answer shapes differ from the contract: `request`, `response`
   * and `error` mappers, or `call` to replace HTTP altogether (see the README, "Any backend"). (property only)
   * - `state`: The step the element shows, e.g. `ready`, `ceremony`, `signed-in`: `checking` until its form is on screen. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `passkey-login-state`: The flow moved to another state; `detail: {state, previous}`.
   * - `passkey-login-success`: Signed in; `detail: {user, redirect?, source}`. Cancelable: `preventDefault()` stops the redirect.
   * - `passkey-login-failure`: A step failed; `detail: {code, source, status?}`. Never fired for a passkey autofill request the user ignored.
   * - `passkey-login-diagnostic`: For developers: a likely misconfiguration (`detail: {code, message}`), also logged with console.warn.
   * - `passkey-login-signed-out`: The user signed out.
   * - `passkey-login-funnel`: For analytics: one step of the sign-in funnel; `detail: {step, source?, reason?, method?, methods?, durationMs?}`, never personal data or a secret.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the form, e.g. a logo.
   * - `footer`: Below the form, e.g. terms or a help link.
   * - `heading-ready`: Words of the sign-in form's heading, instead of "Sign in or create an account". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - `heading-preparing`: Words of the heading while a passkey request is prepared.
   * - `heading-ceremony`: Words of the heading while the browser asks for a passkey (to sign in or to create one).
   * - `heading-verifying`: Words of the heading while the passkey is checked.
   * - `heading-failed`: Words of the failure step's heading (the failure itself is in `state` and the `passkey-login-failure` event).
   * - `heading-confirm-create`: Words of the heading of creating an account with a passkey.
   * - `heading-registering`: Words of the heading while a new passkey is saved.
   * - `heading-returning`: Words of the "Welcome back" heading.
   * - `heading-choosing`: Words of the heading of the step listing every way in.
   * - `heading-code`: Words of the one-time code step's heading.
   * - `heading-password`: Words of the password step's heading.
   * - `heading-recovered`: Words of the heading after a recovery code.
   * - `heading-new-password`: Words of the heading of setting a new password.
   * - `heading-enrol`: Words of the heading of the offer to create a passkey after another way in.
   * - `heading-upgrading`: Words of the heading while a sign-in is finished after that offer.
   * - `heading-signed-in`: Words of the signed-in heading.
   * - `heading-signing-out`: Words of the heading while signing out.
   * - `heading-device`: Words of the heading of approving from another device.
   * - `heading-help`: Words of the "Need help?" heading.
   * - `heading-redeem`: Words of the heading of entering a recovery code.
   * - `help-ready`: Help under the sign-in form, e.g. what a passkey is. Each step has its `help-<step>` slot under it, named as its heading slot; empty unless the site fills it.
   * - `help-failed`: Help under a failed passkey sign-in or sign-up.
   * - `help-choosing`: Help under the list of ways in.
   * - `help-code`: Help under the one-time code step, e.g. where codes come from.
   * - `help-password`: Help under the password step.
   * - `help-device`: Help under approving from another device.
   * - `help-help`: More help under "Need help?", e.g. opening hours of support.
   * - `help-redeem`: Help under entering a recovery code.
   * - `help-signed-in`: Help under the signed-in step.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `addMessages(locale: string, messages: Messages | (() => Promise<Messages>)) => void`: Adds a language, or replaces some of a language's messages (ids as in the XLIFF files), for
   * every element on the page. `{0}`, `{1}` stand for the values of the English sentence, in its
   * order. `messages` may be a function that loads them when the language is first needed.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--passkey-login-color-text`: Text colour (dark: #e6e8eb). (default: `#1b1f24`)
   * - `--passkey-login-color-muted`: Secondary text (dark: #a9b0b9). (default: `#57606a`)
   * - `--passkey-login-color-background`: Background (dark: #17191c). (default: `#ffffff`)
   * - `--passkey-login-color-surface`: Secondary buttons and notices (dark: #22262b). (default: `#f4f6f8`)
   * - `--passkey-login-color-border`: Borders (dark: #4a515a). (default: `#8c959f`)
   * - `--passkey-login-color-primary`: Primary buttons and links (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-color-on-primary`: Text on primary buttons (dark: #0b1b33). (default: `#ffffff`)
   * - `--passkey-login-color-error`: Errors (dark: #f28b82). (default: `#b3261e`)
   * - `--passkey-login-color-focus`: Focus ring (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-radius`: Corner radius. (default: `0.5rem`)
   * - `--passkey-login-spacing`: Base spacing. (default: `1rem`)
   * - `--passkey-login-font-family`: Font. (default: `system-ui, sans-serif`)
   * - `--passkey-login-font-size`: Base font size. (default: `1rem`)
   * - `--passkey-login-max-width`: Maximum width. (default: `26rem`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `container`: The box around everything.
   * - `form`: The identifier form.
   * - `heading`: Each step's heading (a heading role at `heading-level`); receives focus when the step changes.
   * - `body`: Explanatory text of a step.
   * - `hint`: Help text under a field or button.
   * - `field`: Label, input and field error together.
   * - `label`: A field's label.
   * - `input`: Any text input; each also has a specific name (`identifier-input`, `code-input`, `password-input`, `recovery-code-input`).
   * - `identifier-input`: The identifier input (`autocomplete="username webauthn"`).
   * - `field-error`: The message under an invalid input (announced when it appears).
   * - `button`: Every button; each also has `primary-button`, `secondary-button` or `link-button`, and a specific name.
   * - `primary-button`: The main action of a step (one per step).
   * - `secondary-button`: Other actions.
   * - `link-button`: Quiet actions, such as "Other ways to sign in" or "Need help?".
   * - `continue-button`: "Continue" with the identifier (sign up, or find the account).
   * - `passkey-button`: "Sign in with a passkey".
   * - `hybrid-button`: "Use a phone or tablet".
   * - `divider`: The "or" between the form and the passkey buttons.
   * - `identity`: Who a step is for: the identifier given, with "Change".
   * - `identity-name`: The identifier inside `identity`.
   * - `change-button`: "Change" next to the identifier: back to the form to edit it.
   * - `ways`: The stacked buttons of the ways in (chooser, failure, "Welcome back").
   * - `method-button`: A button for one way in; each also has `<method>-button`, e.g. `email-code-button`, `sms-code-button`, `password-button`, `device-button`.
   * - `email-code-button`: "Email me a code".
   * - `sms-code-button`: "Text me a code".
   * - `password-button`: "Use my password".
   * - `device-button`: "Approve from another device".
   * - `badge`: A small label inside a button; "Last used" is also `last-used`.
   * - `last-used`: The "Last used" badge on the way in that last got someone in on this browser.
   * - `links`: The row of quiet links at the bottom of a step.
   * - `other-ways-button`: "Other ways to sign in".
   * - `help-button`: "Need help?".
   * - `back-button`: "Back".
   * - `notice`: Any message box: calm (`role="status"`, an "i" icon) or urgent (`role="alert"`, a warning icon). In a notice with buttons the role is on the title and sentence only, so the buttons are not read out as part of it.
   * - `notice-title`: A notice's first line.
   * - `notice-body`: A notice's explanation.
   * - `unsupported-notice`: "This browser can't use passkeys".
   * - `failure`: A failed passkey sign-in or sign-up, as a step.
   * - `failure-notice`: What went wrong and what to do next: the failure step's title and sentence, or a notice inside another step.
   * - `retry-button`: "Try again".
   * - `progress`: A step that waits on the browser or the server.
   * - `spinner`: The progress indicator (still when reduced motion is asked for).
   * - `cancel-button`: Cancel a running step.
   * - `confirm-create`: Creating an account with a passkey.
   * - `create-button`: "Create a passkey".
   * - `returning`: "Welcome back", for an identifier that already has an account.
   * - `chooser`: The step listing every way in.
   * - `create-account-button`: "Create an account", where no passkey was found on this device.
   * - `code`: The one-time code step.
   * - `destination`: Where the code went, masked, and when it expires.
   * - `code-input`: The code input (`autocomplete="one-time-code"`, `inputmode="numeric"`); sent when the last digit is in.
   * - `submit-button`: The main submit of the code, password and recovery code steps.
   * - `resend-button`: "Send a new code", with its countdown while it cannot be asked for.
   * - `password`: The password step.
   * - `password-input`: A password input (current or new).
   * - `show-password-button`: The show/hide toggle inside a password field (`aria-pressed`).
   * - `forgot-password-button`: "Forgot password?", on the password label's row.
   * - `recovered`: After a recovery code: create a passkey or set a new password.
   * - `set-password-button`: "Set a new password".
   * - `new-password`: The step that sets a new password.
   * - `not-now-button`: "Not now" on an offer.
   * - `enrol`: The offer to create a passkey on this device after another way in.
   * - `signed-in`: The signed-in step.
   * - `user`: Who is signed in.
   * - `saved`: Where a passkey just added was saved, and whether it syncs.
   * - `nudge`: The suggestion to add a backup passkey.
   * - `actions`: The buttons of a notice.
   * - `nudge-add-button`: "Add a passkey" on the nudge.
   * - `never-button`: "Don't ask again" on the nudge.
   * - `sign-out-button`: "Sign out".
   * - `device`: Approving this sign-in from another device.
   * - `device-code`: The code to type on the other device (never broken across lines).
   * - `qr`: The QR code of the approval page.
   * - `waiting`: "Waiting for approval…".
   * - `poll-notice`: Said while the approval cannot be checked, as polling goes on.
   * - `help`: "Need help?".
   * - `reference`: The support reference.
   * - `link`: A link styled as a button; the support contact is also `support-link`.
   * - `support-link`: "Contact support".
   * - `have-code-button`: "I have a recovery code from support".
   * - `details`: "Details for support", the disclosure holding the summary.
   * - `summary`: The summary for support (nothing secret in it).
   * - `copy-button`: "Copy summary".
   * - `redeem`: Entering a recovery code from support.
   * - `recovery-code-input`: The recovery code input.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `starting`: An element of the page's markup, upgraded, waiting for autofill to arm before it shows its form (100 ms at most, and only where the page itself came back within 30 ms): keep its place as for `:not(:defined)`.
   */
  "passkey-login": Partial<
    PasskeyLoginProps &
      PasskeyLoginSolidJsProps &
      BaseProps<PasskeyLogin> &
      BaseEvents
  >;

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
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `endpoint`: Base URL of the backend; the approval requests go to `{endpoint}/device/approval/lookup` and `…/decide`.
   * - `code`: The code the new device shows, e.g. from the page's `?code=`. Looked up at once when it has
   * the shape of a code; setting it again starts over with the new one. Case, spaces and dashes
   * do not matter. When unset, the page's `?code=` query parameter is used.
   * - `credentials`: `credentials` mode for both requests: `same-origin` (default), `include` for a backend on another origin, or `omit`.
   * - `request-headers`/`requestHeaders`: Extra headers for both requests, as a JSON object, e.g. `{"X-CSRF-Token": "…"}`.
   * - `theme`: `light`, `dark`, or unset to follow the system.
   * - `state`: The current step: `entering`, `looking-up`, `confirming`, `deciding`, `approved`, `denied` or `ended`. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `passkey-login-approval`: The backend recorded the decision; `detail: {decision: 'approved' | 'denied'}`, nothing else (no account, no code).
   * - `passkey-login-funnel`: For analytics: `detail: {step: 'device-approved' | 'device-denied'}`.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the steps, e.g. a logo.
   * - `footer`: Below the steps, e.g. a help link, or a sign-in link for people who are not signed in.
   * - `heading-entering`: Words of the code step's heading, instead of "Approve a sign-in". Each step has its `heading-<step>` slot, named by the `state` it shows.
   * - `heading-looking-up`: Words of the heading while the code is looked up.
   * - `heading-confirming`: Words of the heading that asks to approve or deny.
   * - `heading-deciding`: Words of the heading while the decision is sent.
   * - `heading-approved`: Words of the heading after approving.
   * - `heading-denied`: Words of the heading after denying.
   * - `heading-ended`: Words of the heading when the request cannot be approved (expired, used, not signed in).
   * - `help-entering`: Help under the code step, e.g. where the code is shown. Each step has its `help-<step>` slot under it; empty unless the site fills it.
   * - `help-confirming`: Help under the question, e.g. how to recognise a sign-in that is not yours.
   * - `help-approved`: Help after approving.
   * - `help-denied`: Help after denying, e.g. how to secure the account.
   * - `help-ended`: Help when the request cannot be approved.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--passkey-login-color-text`: Text colour (dark: #e6e8eb). (default: `#1b1f24`)
   * - `--passkey-login-color-muted`: Secondary text (dark: #a9b0b9). (default: `#57606a`)
   * - `--passkey-login-color-background`: Background (dark: #17191c). (default: `#ffffff`)
   * - `--passkey-login-color-surface`: Buttons, the details and notices (dark: #22262b). (default: `#f4f6f8`)
   * - `--passkey-login-color-border`: Borders (dark: #4a515a). (default: `#8c959f`)
   * - `--passkey-login-color-primary`: Primary buttons (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-color-on-primary`: Text on primary buttons (dark: #0b1b33). (default: `#ffffff`)
   * - `--passkey-login-color-error`: Errors (dark: #f28b82). (default: `#b3261e`)
   * - `--passkey-login-color-focus`: Focus ring (dark: #8ab4f8). (default: `#0b57d0`)
   * - `--passkey-login-radius`: Corner radius. (default: `0.5rem`)
   * - `--passkey-login-spacing`: Base spacing. (default: `1rem`)
   * - `--passkey-login-font-family`: Font. (default: `system-ui, sans-serif`)
   * - `--passkey-login-font-size`: Base font size. (default: `1rem`)
   * - `--passkey-login-max-width`: Maximum width. (default: `26rem`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `container`: The box around everything.
   * - `heading`: Each step's heading; receives focus when the step changes.
   * - `body`: Explanatory text of a step.
   * - `form`: The code step; also `enter`.
   * - `enter`: The code step.
   * - `field`: Label, input, hint and field error together.
   * - `label`: The code label, "Code shown on the new device".
   * - `input`: The code input; also `code-input`.
   * - `code-input`: The code input (`autocomplete="off"`, `autocapitalize="characters"`).
   * - `hint`: Help text: the code's format, and the request's expiry (also `expiry`).
   * - `field-error`: The message under a code that cannot be one.
   * - `button`: Every button; each also has `primary-button` or `secondary-button`, and a specific name.
   * - `primary-button`: The main action of a step ("Continue", "Try again", "Enter a new code").
   * - `secondary-button`: Deny and Approve, alike on purpose.
   * - `continue-button`: "Continue" with the code.
   * - `confirm`: The step showing what asks to sign in, with Deny and Approve.
   * - `details`: The list of what asks: account, device, when, where.
   * - `detail`: One value in that list; each also has `account`, `device`, `time` or `place`.
   * - `account`: The account the new device would be signed in to.
   * - `device`: Browser and operating system, e.g. "Chrome on macOS".
   * - `time`: When the new device asked, relative ("2 minutes ago").
   * - `place`: The country it asked from, or "Location unknown".
   * - `expiry`: How long the request can still be approved.
   * - `warning`: "If you did not start this, deny."
   * - `actions`: The row of Deny and Approve; also `decision`.
   * - `decision`: The row of Deny and Approve (two equal columns).
   * - `decision-button`: Deny and Approve; each also has `deny-button` or `approve-button`.
   * - `deny-button`: "Deny".
   * - `approve-button`: "Approve".
   * - `progress`: A step that waits on the server ("Checking the code…", "Approving…").
   * - `spinner`: The progress indicator.
   * - `done`: The outcome; also `approved` or `denied`.
   * - `approved`: "The new device is signed in."
   * - `denied`: "The new device was not signed in."
   * - `ended`: The code cannot be approved from here: expired, already used, or not signed in (`data-code` says which).
   * - `retry-button`: "Try again" (after signing in on this device).
   * - `new-code-button`: "Enter a new code" (after an expired or used code).
   * - `notice`: Any message box; failures also have `failure-notice`.
   * - `failure-notice`: What went wrong (`data-code`), above the field or the decision.
   * - `notice-title`: A notice's first line.
   * - `notice-body`: A notice's explanation, with when to try again after a rate limit.
   */
  "passkey-login-approval": Partial<
    PasskeyLoginApprovalProps &
      PasskeyLoginApprovalSolidJsProps &
      BaseProps<PasskeyLoginApproval> &
      BaseEvents
  >;
};

export type CustomCssProperties = {
  /** Text colour (dark: #e6e8eb). */
  "--passkey-login-color-text"?: string | undefined;
  /** Secondary text (dark: #a9b0b9). */
  "--passkey-login-color-muted"?: string | undefined;
  /** Background (dark: #17191c). */
  "--passkey-login-color-background"?: string | undefined;
  /** Secondary buttons and notices (dark: #22262b). */
  "--passkey-login-color-surface"?: string | undefined;
  /** Borders (dark: #4a515a). */
  "--passkey-login-color-border"?: string | undefined;
  /** Primary buttons and links (dark: #8ab4f8). */
  "--passkey-login-color-primary"?: string | undefined;
  /** Text on primary buttons (dark: #0b1b33). */
  "--passkey-login-color-on-primary"?: string | undefined;
  /** Errors (dark: #f28b82). */
  "--passkey-login-color-error"?: string | undefined;
  /** Focus ring (dark: #8ab4f8). */
  "--passkey-login-color-focus"?: string | undefined;
  /** Corner radius. */
  "--passkey-login-radius"?: string | undefined;
  /** Base spacing. */
  "--passkey-login-spacing"?: string | undefined;
  /** Font. */
  "--passkey-login-font-family"?: string | undefined;
  /** Base font size. */
  "--passkey-login-font-size"?: string | undefined;
  /** Maximum width. */
  "--passkey-login-max-width"?: string | undefined;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-dev-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@builder.io/qwik" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@stencil/core" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "hono/jsx" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react-native" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

/**
 * The data the sign-in flow is made of: states, events, effects and failure codes.
 * Pure types: nothing here may import Lit, touch the DOM or fetch.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

/** Tri-state support, as in WebAuthn L3 §5.1.7 `getClientCapabilities()`: a missing key is unknown, not false. */
export type Support = 'supported' | 'unsupported' | 'unknown';

export interface Capabilities {
  /** `PublicKeyCredential` and `navigator.credentials` exist. */
  webauthn: boolean;
  conditionalGet: Support;
  hybridTransport: Support;
  userVerifyingPlatformAuthenticator: Support;
  /** A passkey can be created silently after a password sign-in (`create()` with conditional mediation). */
  conditionalCreate: Support;
  /** `get()` with `uiMode: 'immediate'`: answers at once, without a sheet, when no passkey is on this device. */
  immediateGet: Support;
}

/**
 * Every way a step can fail, closed. The view translates these codes; it never shows a browser's
 * or a server's own message.
 */
export type FailureCode =
  // WebAuthn ceremonies (see classify.ts for the mapping from DOMException names)
  | 'cancelled'
  | 'pending'
  | 'security'
  | 'not-supported'
  | 'constraint'
  | 'transient'
  | 'bad-options'
  | 'timed-out'
  | 'unsupported'
  // immediate mode (`uiMode: 'immediate'`) found no passkey on this device
  | 'no-passkey-here'
  // backend
  | 'network'
  | 'request-timeout'
  | 'server'
  | 'bad-response'
  | 'verification-failed'
  | 'unknown-credential'
  | 'challenge-expired'
  | 'invalid-identifier'
  | 'identifier-taken'
  | 'rate-limited'
  | 'forbidden'
  | 'unauthenticated'
  | 'failed'
  // a create() outcome that is not a failure for the user: they already have a passkey here
  | 'already-registered'
  // one-time codes and passwords
  | 'code-invalid'
  | 'code-expired'
  | 'too-many-tries'
  | 'account-locked'
  | 'resend-too-soon'
  | 'delivery-failed'
  | 'invalid-credentials'
  | 'invalid-password'
  // a recovery code from support
  | 'recovery-code-invalid';

export interface Failure {
  code: FailureCode;
  /** HTTP status, for backend failures. */
  status?: number;
  /** Seconds until a retry is allowed (429 `Retry-After`). */
  retryAfter?: number;
  /** Wrong tries left on the current code (`code-invalid`). */
  triesLeft?: number;
  /** The backend's reference for this error (problem `reference`), for support. */
  reference?: string;
}

/** Which user action or automatic step a ceremony or request belongs to. */
export type Source =
  | 'autofill'
  | 'passkey'
  | 'hybrid'
  | 'create'
  | 'register'
  | 'session'
  | 'sign-out'
  | 'email-code'
  | 'sms-code'
  | 'password'
  /** Signed in by a recovery code ("Forgot password?"). */
  | 'recovery'
  /** Adding a passkey to an account that is already signed in. */
  | 'enrol'
  /** Signed in by a recovery code a support agent issued. */
  | 'support'
  /** Approved from a device where the person was already signed in. */
  | 'device';

/**
 * Ways in a site owner can offer, in preference order (the `methods` attribute). `hybrid` is a
 * passkey on another device through the browser's QR code.
 */
export type Method = 'passkey' | 'hybrid' | 'email-code' | 'sms-code' | 'password' | 'device';

/** A request to approve this browser from a signed-in device, as the backend answered it. */
export interface DeviceRequest {
  /** What this browser polls with. */
  id: string;
  /** What the person types on the signed-in device, e.g. `7KQ2-M9XD`. */
  code: string;
  /** Seconds it stays valid, from `at`. */
  expiresIn: number;
  /** Seconds to wait before the first poll. */
  pollAfter: number;
  /** When the answer arrived (`Date.now()`). */
  at: number;
}

/** Where a one-time code goes. */
export type CodeChannel = 'email' | 'sms';

/** What a code signs in for: a plain sign-in, or "Forgot password?". */
export type CodePurpose = 'sign-in' | 'recovery';

/** The backend's answer to "send a code", with its durations turned into page times (ms). */
export interface CodeSent {
  channel: CodeChannel;
  /** Masked by the backend, e.g. `j•••@example.com`. */
  destination: string;
  /** Digits in the code, when the backend says a length a code can have. */
  length?: number;
  /** Seconds the code stays valid, from `at`. */
  expiresIn: number;
  /** Seconds before another code may be asked for, from `at`. */
  resendAfter: number;
  /** When the answer arrived (`Date.now()`), for the countdown the view shows. */
  at: number;
}

/** The fallback settings and what is known of them; set by the `configure` event. */
export interface Fallbacks {
  /** The site owner's list, in preference order. */
  methods: Method[];
  /** What to do on a given failure instead of showing it (e.g. `cancelled` → `email-code`). */
  routes: Partial<Record<FailureCode, Method>>;
  /** The backend's narrowing of `methods` for `narrowedFor`. */
  narrowed?: Method[];
  narrowedFor?: string;
  /** The identifier a `methods` request is out for: the steps listing ways in wait for it. */
  asking?: string;
  /** The method that last got someone in on this browser. */
  lastUsed?: Method;
  /** The enrolment offer was dismissed recently: do not ask again yet. */
  offerSnoozed: boolean;
  /** The backup-passkey nudge was dismissed recently, or for good. */
  nudgeSnoozed?: boolean;
  /** How to reach support: a URL or `mailto:` link; `{reference}` in it becomes the reference code. */
  support?: string;
  /** The site's approval page; `{code}` in it becomes the binding code (shown as a QR code). */
  approve?: string;
  /** The correlation id this element sends with every request, shown by "Need help?". */
  reference?: string;
  /** The shortest new password the backend takes, said before the first error. */
  passwordMinLength?: number;
}

/** Modal WebAuthn `get()` flavours the user can pick. */
export type GetCeremony = 'passkey' | 'hybrid';

export interface User {
  id: string;
  name: string;
  displayName?: string;
}

/** What the backend answers on a successful sign-in or sign-up (see the README's contract). */
export interface SignInResult {
  user: User;
  redirect?: string;
}

/** Where a passkey just added was saved, when the backend can tell (from the authenticator's AAGUID). */
export interface SavedPasskey {
  /** E.g. "Google Password Manager", "iCloud Keychain". */
  provider?: string;
  /** Backup-eligible: the passkey syncs to the person's other devices; absent when the backend did not say. */
  synced?: boolean;
}

/** Why the signed-in step suggests another passkey: the account has only one, or only device-bound ones. */
export type Nudge = 'single' | 'device-bound';

/** Buttons a failure view may offer; only ones that lead somewhere are listed. */
export type NextAction = 'retry' | 'hybrid';

export type Autofill =
  /** Not requested (unsupported, disabled, or not yet possible). */
  | 'off'
  /** Waiting for fresh options before arming. */
  | 'waiting'
  /** A conditional request is in flight. */
  | 'armed'
  /** Failed twice in a row without the user doing anything: re-armed on the next interaction. */
  | 'paused';

export type State =
  | { kind: 'checking' }
  /** `edit`: back to change the identifier, which then has focus. */
  | { kind: 'ready'; fieldError?: FieldError; edit?: true }
  /**
   * `identified`: an identifier was typed, so the step shows it (with "Change") instead of the
   * identifier field, and autofill, which needs that field, rests.
   */
  | { kind: 'failed'; failure: Failure; source: Source; actions: NextAction[]; identified?: true }
  /** `back`: started from the chooser, so Cancel goes back there. */
  | { kind: 'preparing'; ceremony: GetCeremony; back?: 'choosing' }
  | {
      kind: 'ceremony';
      ceremony: GetCeremony;
      attempt: number;
      options: PublicKeyCredentialRequestOptionsJSON;
      back?: 'choosing';
    }
  | {
      kind: 'ceremony';
      ceremony: 'create';
      attempt: number;
      options: PublicKeyCredentialCreationOptionsJSON;
    }
  | { kind: 'verifying'; source: Source; rpId?: string }
  | { kind: 'registering' }
  | { kind: 'confirm-create'; options: PublicKeyCredentialCreationOptionsJSON }
  | { kind: 'returning'; reason: 'identifier-taken' | 'already-registered' }
  | {
      kind: 'signed-in';
      result: SignInResult;
      source: Source;
      failure?: Failure;
      /** A passkey was just added: where it went. */
      saved?: SavedPasskey;
      nudge?: Nudge;
    }
  | { kind: 'signing-out'; result: SignInResult }
  // Fallbacks (steps/fallbacks/machine.ts)
  /**
   * "Other ways to sign in": the identifier and every method on offer. `noPasskeyHere`: the
   * browser found no passkey on this device (immediate mode), and the step says so.
   */
  | { kind: 'choosing'; fieldError?: FieldError; noPasskeyHere?: true }
  | {
      kind: 'code';
      channel: CodeChannel;
      purpose: CodePurpose;
      phase: 'sending' | 'entering' | 'verifying';
      sent?: CodeSent;
      /** The cooldown has passed: another code may be asked for. */
      canResend: boolean;
      expired: boolean;
      failure?: Failure;
      fieldError?: FieldError;
    }
  | { kind: 'password'; phase: 'entering' | 'verifying'; failure?: Failure; fieldError?: FieldError }
  /** A recovery code worked: create a passkey, or set a new password. */
  | { kind: 'recovered'; result: SignInResult; source?: 'support' }
  | {
      kind: 'new-password';
      result: SignInResult;
      phase: 'entering' | 'saving';
      failure?: Failure;
      fieldError?: FieldError;
      /** Recovered with a code from support rather than "Forgot password?". */
      source?: 'support';
    }
  /** Offer to add a passkey on this device to an account just signed in another way. */
  | {
      kind: 'enrol';
      result: SignInResult;
      source: Source;
      phase: 'offer' | 'preparing' | 'creating' | 'saving';
      failure?: Failure;
      /** Started from the signed-in step's nudge: the success event has been sent already. */
      announced?: true;
    }
  /** After a password sign-in, a silent conditional create runs before the flow finishes. */
  | { kind: 'upgrading'; result: SignInResult }
  /** "Need help?": how to reach support, a reference and a diagnostic summary; `back` is where it was opened. */
  | { kind: 'help'; back: State }
  /**
   * "Approve from a device where you're signed in": a binding code to type there, polled until
   * it is approved, denied or expires.
   */
  | {
      kind: 'device';
      phase: 'requesting' | 'waiting' | 'denied' | 'expired';
      request?: DeviceRequest;
      polls: number;
      failure?: Failure;
      /** The last poll failed (the server is down, slow or answered nonsense): still polling, and saying so. */
      pollFailure?: Failure;
    }
  /** "I have a recovery code from support". */
  | { kind: 'redeem'; phase: 'entering' | 'verifying'; failure?: Failure; fieldError?: FieldError };

export type StateKind = State['kind'];

export type FieldError = 'identifier-required' | 'identifier-invalid' | 'code-required' | 'code-format' | 'password-required' | 'password-too-short';

export interface AuthOptions {
  id: number;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** Everything the flow remembers across states. */
export interface Context {
  identifier: string;
  capabilities?: Capabilities;
  /** Fresh authentication options not yet used by any ceremony that reached the server. */
  auth?: AuthOptions;
  /** An authentication options request is in flight. */
  fetchingAuth: boolean;
  /** Id to give the next options that arrive; lets stale ceremonies be told apart. */
  nextOptionsId: number;
  /** Passkeys turned off for this page view (SecurityError: a site misconfiguration). */
  passkeysDisabled: boolean;
  /** Modal ceremonies that failed with NotSupportedError and are no longer offered. */
  hidden: GetCeremony[];
  autofill: Autofill;
  /** Conditional requests that failed in a row without user interaction. */
  autofillFailures: number;
  /** The site turned passkey sign-up off (`sign-up="off"`): Continue leads to the ways in instead. */
  signUpOff?: true;
  /** A passkey was created in this visit (sign-up, the offer): none is suggested again until the next. */
  createdPasskey?: true;
  /** An autofill pick came back `challenge-expired` and was re-armed quietly; the next one is shown. */
  expiryRearmed?: true;
  /** Registration options kept for "Try again" after a create failure. */
  creation?: PublicKeyCredentialCreationOptionsJSON;
  checkSession: boolean;
  /** The session check (when asked for) has not answered yet. */
  sessionPending: boolean;
  /** Absent until the fallback part of the flow has loaded and been configured. */
  fallbacks?: Fallbacks;
  /** Immediate mode found no passkey on this device: later clicks open the browser's sheet. */
  immediateTried?: true;
  /** What "Need help?" reports: the failure codes seen on this page, and the last backend reference. */
  support?: { seen: FailureCode[]; reference?: string };
}

export interface Snapshot {
  state: State;
  context: Context;
}

export type Event =
  | { type: 'capabilities-detected'; capabilities: Capabilities }
  | { type: 'session-found'; result: SignInResult }
  | { type: 'session-absent' }
  | { type: 'input'; identifier: string }
  /** Focus or typing in the identifier field: a user is here, so a paused autofill may re-arm. */
  | { type: 'interact' }
  | { type: 'options-loaded'; options: PublicKeyCredentialRequestOptionsJSON }
  | { type: 'options-failed'; failure: Failure }
  /** The challenge of the current options is about to expire on the server. */
  | { type: 'options-stale' }
  | { type: 'autofill-succeeded'; optionsId: number; response: AuthenticationResponseJSON }
  | { type: 'autofill-failed'; optionsId: number; failure: Failure }
  | { type: 'sign-in'; ceremony: GetCeremony }
  | { type: 'submit' }
  | { type: 'registration-options-loaded'; options: PublicKeyCredentialCreationOptionsJSON }
  | { type: 'registration-options-failed'; failure: Failure }
  | { type: 'create' }
  | { type: 'ceremony-succeeded'; response: AuthenticationResponseJSON }
  | { type: 'created'; response: RegistrationResponseJSON }
  | { type: 'ceremony-failed'; failure: Failure }
  | { type: 'verified'; result: SignInResult; saved?: SavedPasskey }
  | { type: 'verify-failed'; failure: Failure; credentialId?: string }
  /** The user pressed our Cancel while a ceremony or request was running. */
  | { type: 'cancel' }
  | { type: 'retry' }
  | { type: 'start-over' }
  | { type: 'sign-out' }
  | { type: 'signed-out' }
  | { type: 'sign-out-failed'; failure: Failure }
  /** The page came back from the back/forward cache: old requests are gone. */
  | { type: 'page-restored' }
  /** Another `<passkey-login>` on the page signed out: the session this one shows has ended. */
  | { type: 'signed-out-elsewhere' }
  /** Another `<passkey-login>` on the page signed in: this one shows it instead of its form. */
  | { type: 'signed-in-elsewhere'; result: SignInResult }
  /** The site turned passkey sign-up on or off. */
  | { type: 'sign-up'; enabled: boolean }
  /** The backend configuration changed: requests already out went to the old one. */
  | { type: 'reconfigured'; checkSession: boolean }
  // Fallbacks (steps/fallbacks/machine.ts)
  /** The settings part of `Fallbacks`; what the backend narrowed is kept. */
  | ({ type: 'configure' } & Omit<Fallbacks, 'narrowed' | 'narrowedFor' | 'asking'>)
  | { type: 'choose' }
  | { type: 'use-method'; method: Method }
  /** `methods` undefined: no answer (failed, or the backend has no such operation), so no narrowing. */
  | { type: 'methods-loaded'; identifier: string; methods?: Method[] }
  | { type: 'code-sent'; sent: CodeSent }
  | { type: 'code-send-failed'; failure: Failure }
  /** Secrets ride on events and effects only; no state or context ever holds them. */
  | { type: 'code-submit'; code: string }
  | { type: 'code-verified'; result: SignInResult; recovery: boolean }
  | { type: 'code-failed'; failure: Failure }
  | { type: 'resend' }
  | { type: 'resend-ready' }
  | { type: 'code-timed-out' }
  | { type: 'password-submit'; password: string }
  /** The person typed into a field whose error is showing: the error has been answered. */
  | { type: 'typing' }
  | { type: 'password-failed'; failure: Failure }
  | { type: 'forgot-password' }
  | { type: 'set-password' }
  | { type: 'password-saved' }
  | { type: 'enrol' }
  | { type: 'dismiss' }
  | { type: 'upgrade-done' }
  | { type: 'help' }
  | { type: 'back' }
  | { type: 'redeem-start' }
  | { type: 'redeem-submit'; code: string }
  | { type: 'device-requested'; request: DeviceRequest }
  | { type: 'device-request-failed'; failure: Failure }
  | { type: 'device-poll' }
  | { type: 'device-status'; status: 'pending' | 'denied' | 'expired' | 'used'; pollAfter?: number }
  /** A poll got no usable answer; polling goes on until the request expires. */
  | { type: 'device-poll-failed'; failure: Failure }
  | { type: 'device-approved'; result: SignInResult }
  | { type: 'passkeys-loaded'; count: number; synced: number }
  | { type: 'nudge-add' }
  | { type: 'nudge-dismiss'; forever: boolean }

export type EventType = Event['type'];

export type Diagnostic =
  | 'security-error'
  | 'bad-options'
  | 'ceremony-pending'
  | 'ceremony-stalled'
  | 'bad-response'
  | 'autofill-input-missing'
  /** A number from the backend outside any sensible range was bounded (a wait, a length, a timeout). */
  | 'out-of-range'
  /** A field the contract does not use had a value the element could not use either: it was left aside. */
  | 'ignored-field'
  /** An adapter's mapper threw something that is not a `BackendFailure`: a bug in the adapter, not the backend. */
  | 'adapter-threw'
  /** The backend said the challenge had expired twice in a row, right after issuing it. */
  | 'challenge-not-kept'
  /** Polls of a device approval keep failing. */
  | 'poll-failing';

export type Effect =
  | { type: 'detect-capabilities' }
  | { type: 'check-session' }
  | { type: 'fetch-auth-options' }
  /** Send `options-stale` after this long, replacing any earlier schedule. */
  | { type: 'schedule-refresh'; afterMs: number }
  | { type: 'arm-autofill'; optionsId: number; options: PublicKeyCredentialRequestOptionsJSON }
  /** Abort whatever WebAuthn request this element has in flight, marking it as our own abort. */
  | { type: 'abort-ceremony' }
  | { type: 'start-get'; ceremony: GetCeremony; options: PublicKeyCredentialRequestOptionsJSON; immediate?: true }
  | { type: 'fetch-registration-options'; identifier: string }
  | { type: 'start-create'; options: PublicKeyCredentialCreationOptionsJSON }
  | { type: 'verify-authentication'; response: AuthenticationResponseJSON; source: Source }
  | { type: 'verify-registration'; response: RegistrationResponseJSON }
  | { type: 'signal-unknown-credential'; credentialId: string; rpId?: string }
  | { type: 'sign-out' }
  | { type: 'emit-success'; result: SignInResult; source: Source }
  | { type: 'emit-failure'; failure: Failure; source: Source }
  | { type: 'emit-signed-out' }
  /** `detail` says, for developers, what exactly was seen (a field, a value). */
  | { type: 'diagnostic'; code: Diagnostic; failure?: Failure; detail?: string }
  /** Cancel the pending backend request, if any, for the step being left. */
  | { type: 'abort-request' }
  /** Cancel every backend request in flight: they were sent with a configuration that no longer holds. */
  | { type: 'abort-requests' }
  // Fallbacks: carried out by fallback-effects.ts
  | { type: 'fetch-methods'; identifier: string }
  | { type: 'send-code'; identifier: string; channel: CodeChannel; purpose: CodePurpose }
  /** The identifier and channel go along for backends that look a code up by who it was sent to. */
  | { type: 'verify-code'; code: string; identifier: string; channel: CodeChannel }
  /** Send `event` after `afterMs`; a later timer with the same `name` replaces it. */
  | { type: 'timer'; name: 'resend' | 'expiry' | 'upgrade' | 'poll'; afterMs: number; event: Event }
  | { type: 'clear-timers' }
  /** Listen for an SMS code through WebOTP where the browser has it. */
  | { type: 'listen-otp' }
  | { type: 'password-sign-in'; identifier: string; password: string }
  | { type: 'set-password'; password: string }
  /** Options to add a passkey to the signed-in account; `conditional` for the silent upgrade. */
  | { type: 'fetch-enrol-options'; conditional?: true }
  | { type: 'conditional-create'; options: PublicKeyCredentialCreationOptionsJSON }
  | { type: 'remember-method'; method: Method }
  | { type: 'snooze-offer' }
  | { type: 'redeem'; identifier: string; code: string }
  | { type: 'device-request'; identifier?: string }
  | { type: 'device-status'; id: string }
  /** Verify a passkey added to the signed-in account, keeping where it was saved. */
  | { type: 'verify-enrolment'; response: RegistrationResponseJSON }
  /** The signed-in account's passkeys, for the nudge. */
  | { type: 'fetch-passkeys' }
  | { type: 'snooze-nudge'; forever: boolean };

export interface Transition {
  snapshot: Snapshot;
  effects: Effect[];
}

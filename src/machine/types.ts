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
  signalUnknownCredential: Support;
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
  | 'already-registered';

export interface Failure {
  code: FailureCode;
  /** HTTP status, for backend failures. */
  status?: number;
  /** Seconds until a retry is allowed (429 `Retry-After`). */
  retryAfter?: number;
}

/** Which user action or automatic step a ceremony or request belongs to. */
export type Source = 'autofill' | 'passkey' | 'hybrid' | 'create' | 'register' | 'session' | 'sign-out';

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
  | { kind: 'ready'; fieldError?: FieldError }
  | { kind: 'failed'; failure: Failure; source: Source; actions: NextAction[] }
  | { kind: 'preparing'; ceremony: GetCeremony }
  | {
      kind: 'ceremony';
      ceremony: GetCeremony;
      attempt: number;
      options: PublicKeyCredentialRequestOptionsJSON;
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
  | { kind: 'signed-in'; result: SignInResult; source: Source; failure?: Failure }
  | { kind: 'signing-out'; result: SignInResult };

export type StateKind = State['kind'];

export type FieldError = 'identifier-required' | 'identifier-invalid';

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
  /**
   * The options `auth` replaced on a refresh: their challenge is still live for a while, and a
   * passkey picked from the old autofill request in that moment should still count.
   */
  replaced?: AuthOptions;
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
  /** Registration options kept for "Try again" after a create failure. */
  creation?: PublicKeyCredentialCreationOptionsJSON;
  checkSession: boolean;
  /** The session check (when asked for) has not answered yet. */
  sessionPending: boolean;
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
  | { type: 'verified'; result: SignInResult }
  | { type: 'verify-failed'; failure: Failure; credentialId?: string }
  /** The user pressed our Cancel while a ceremony or request was running. */
  | { type: 'cancel' }
  | { type: 'retry' }
  | { type: 'start-over' }
  | { type: 'sign-out' }
  | { type: 'signed-out' }
  | { type: 'sign-out-failed'; failure: Failure }
  /** The page came back from the back/forward cache: old requests are gone. */
  | { type: 'page-restored' };

export type EventType = Event['type'];

export type Diagnostic =
  | 'security-error'
  | 'bad-options'
  | 'ceremony-pending'
  | 'ceremony-stalled'
  | 'bad-response'
  | 'autofill-input-missing';

export type Effect =
  | { type: 'detect-capabilities' }
  | { type: 'check-session' }
  | { type: 'fetch-auth-options' }
  /** Send `options-stale` after this long, replacing any earlier schedule. */
  | { type: 'schedule-refresh'; afterMs: number }
  | { type: 'arm-autofill'; optionsId: number; options: PublicKeyCredentialRequestOptionsJSON }
  /** Abort whatever WebAuthn request this element has in flight, marking it as our own abort. */
  | { type: 'abort-ceremony' }
  | { type: 'start-get'; ceremony: GetCeremony; options: PublicKeyCredentialRequestOptionsJSON }
  | { type: 'fetch-registration-options'; identifier: string }
  | { type: 'start-create'; options: PublicKeyCredentialCreationOptionsJSON }
  | { type: 'verify-authentication'; response: AuthenticationResponseJSON; source: Source }
  | { type: 'verify-registration'; response: RegistrationResponseJSON }
  | { type: 'signal-unknown-credential'; credentialId: string; rpId?: string }
  | { type: 'sign-out' }
  | { type: 'emit-success'; result: SignInResult; source: Source }
  | { type: 'emit-failure'; failure: Failure; source: Source }
  | { type: 'emit-signed-out' }
  | { type: 'diagnostic'; code: Diagnostic; failure?: Failure }
  /** Cancel the pending backend request, if any, for the step being left. */
  | { type: 'abort-request' };

export interface Transition {
  snapshot: Snapshot;
  effects: Effect[];
}

/** What each of the element's events carries (`detail`): never a credential, a challenge or anything typed. */
import type { Diagnostic, FailureCode, Method, Source, StateKind, User } from '../machine/types.js';

export interface StateDetail {
  state: StateKind;
  previous: StateKind;
}

export interface SuccessDetail {
  /** The user object the backend answered with. */
  user: User;
  /** Where the element will navigate next, unless the event is cancelled. */
  redirect?: string;
  /** How the user got in: `autofill`, `passkey` (button), `hybrid` (phone or tablet), `create` (sign-up) or `session` (already signed in). */
  source: Source;
}

export interface FailureDetail {
  code: FailureCode;
  /** Which step failed: `autofill`, `passkey`, `hybrid`, `create`, `register`, … */
  source: Source;
  /** HTTP status, when the backend answered with an error. */
  status?: number;
}

export interface DiagnosticDetail {
  code: Diagnostic;
  /** For developers, in English: what is most likely misconfigured. */
  message: string;
}

/** The steps of the sign-in funnel, for analytics and auditing. */
export type FunnelStep =
  | 'attempt'
  | 'failure'
  | 'fallback-offered'
  | 'fallback-chosen'
  | 'success'
  | 'enrol-offered'
  | 'enrol-accepted'
  | 'enrol-declined'
  | 'device-requested'
  | 'device-approved'
  | 'device-denied'
  | 'help-opened';

/**
 * One step of the funnel. Never personal data or a secret: no identifier, no user, no code, no
 * password, no credential; only what kind of thing happened, and how long it took.
 */
export interface FunnelDetail {
  step: FunnelStep;
  /**
   * How: `autofill`, `passkey`, `hybrid`, `create` (sign-up), `enrol` (a passkey added after
   * signing in), `email-code`, `sms-code`, `password`, `recovery`, `support` (a support recovery
   * code), or `session`.
   */
  source?: Source;
  /** `failure`: the failure code. */
  reason?: FailureCode;
  /** `fallback-chosen`: the method picked. */
  method?: Method;
  /** `fallback-offered`: the methods on offer, in order. */
  methods?: Method[];
  /** `failure` and `success`: milliseconds since the attempt they end. */
  durationMs?: number;
}

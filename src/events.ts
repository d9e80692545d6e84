/**
 * The element's public events: each a class, bubbling and composed so a page can listen on any
 * ancestor, declared in the global event maps so `addEventListener` is typed. No event carries a
 * credential, a challenge or anything the user typed.
 */
import type { Diagnostic, FailureCode, Method, Source, StateKind, User } from './machine/types.js';

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

const init = { bubbles: true, composed: true } as const;

export class PasskeyLoginStateEvent extends CustomEvent<StateDetail> {
  static readonly type = 'passkey-login-state';
  constructor(detail: StateDetail) {
    super(PasskeyLoginStateEvent.type, { ...init, detail });
  }
}

/** Cancel it (`preventDefault()`) to stay on the page instead of following `redirect`. */
export class PasskeyLoginSuccessEvent extends CustomEvent<SuccessDetail> {
  static readonly type = 'passkey-login-success';
  constructor(detail: SuccessDetail) {
    super(PasskeyLoginSuccessEvent.type, { ...init, cancelable: true, detail });
  }
}

export class PasskeyLoginFailureEvent extends CustomEvent<FailureDetail> {
  static readonly type = 'passkey-login-failure';
  constructor(detail: FailureDetail) {
    super(PasskeyLoginFailureEvent.type, { ...init, detail });
  }
}

export class PasskeyLoginDiagnosticEvent extends CustomEvent<DiagnosticDetail> {
  static readonly type = 'passkey-login-diagnostic';
  constructor(detail: DiagnosticDetail) {
    super(PasskeyLoginDiagnosticEvent.type, { ...init, detail });
  }
}

export class PasskeyLoginSignedOutEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'passkey-login-signed-out';
  constructor() {
    super(PasskeyLoginSignedOutEvent.type, { ...init, detail: {} });
  }
}

export class PasskeyLoginFunnelEvent extends CustomEvent<FunnelDetail> {
  static readonly type = 'passkey-login-funnel';
  constructor(detail: FunnelDetail) {
    super(PasskeyLoginFunnelEvent.type, { ...init, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-funnel': PasskeyLoginFunnelEvent;
    'passkey-login-state': PasskeyLoginStateEvent;
    'passkey-login-success': PasskeyLoginSuccessEvent;
    'passkey-login-failure': PasskeyLoginFailureEvent;
    'passkey-login-diagnostic': PasskeyLoginDiagnosticEvent;
    'passkey-login-signed-out': PasskeyLoginSignedOutEvent;
  }
}

/**
 * The element's public events: each a class, bubbling and composed so a page can listen on any
 * ancestor, declared in the global event maps so `addEventListener` is typed. No event carries a
 * credential, a challenge or anything the user typed.
 */
import type { Diagnostic, FailureCode, Source, StateKind, User } from './machine/types.js';

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

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-state': PasskeyLoginStateEvent;
    'passkey-login-success': PasskeyLoginSuccessEvent;
    'passkey-login-failure': PasskeyLoginFailureEvent;
    'passkey-login-diagnostic': PasskeyLoginDiagnosticEvent;
    'passkey-login-signed-out': PasskeyLoginSignedOutEvent;
  }
}

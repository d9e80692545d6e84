/**
 * The steps of approving a sign-in from a device where the person is already signed in, as pure
 * data: no Lit, no DOM, no fetch. The controller runs the request a step asks for (`looking-up`,
 * `deciding`) and feeds the answer back as an event.
 */

/** What the person chose on the approving device. */
export type Decision = 'approve' | 'deny';

/** What the backend answered a decision with; also the detail of the public event. */
export type DecisionOutcome = 'approved' | 'denied';

/**
 * Every way a step can fail, closed. The first four are the backend's own problem codes for these
 * operations; the rest are the shared transport and server failures.
 */
export type ApprovalFailureCode =
  | 'device-code-invalid'
  | 'device-request-expired'
  | 'device-request-used'
  | 'unauthenticated'
  | 'rate-limited'
  | 'network'
  | 'request-timeout'
  | 'server'
  | 'failed';

export interface ApprovalFailure {
  code: ApprovalFailureCode;
  /** Seconds before another try is allowed (`Retry-After`). */
  retryAfter?: number;
}

/** What the lookup says is asking to sign in; shown before the person decides. */
export interface ApprovalRequest {
  /** The account the new device will be signed in to. */
  account: string;
  /** E.g. `Chrome`; null when the backend could not tell. */
  browser: string | null;
  /** E.g. `macOS`; null when the backend could not tell. */
  os: string | null;
  /** When the new device asked, in page time (ms since the epoch). */
  requestedAt: number;
  /** ISO 3166-1 alpha-2 country, when the backend knows it. */
  place: string | null;
  /** When the request stops being answerable, in page time (ms since the epoch). */
  expiresAt: number;
}

/** Why the code field refuses what was typed, before anything is sent. */
export type CodeFieldError = 'code-required' | 'code-format';

export type ApprovalState =
  /** The code field; `code` is what is in it. */
  | { kind: 'entering'; code: string; fieldError?: CodeFieldError; failure?: ApprovalFailure }
  | { kind: 'looking-up'; code: string }
  /** What is asking, with Deny and Approve. A failed decision keeps the step and says why. */
  | { kind: 'confirming'; code: string; request: ApprovalRequest; failure?: ApprovalFailure }
  | { kind: 'deciding'; code: string; request: ApprovalRequest; decision: Decision }
  | { kind: 'approved' }
  | { kind: 'denied' }
  /**
   * The code leads nowhere from this device: it expired, was already answered, or this device is
   * not signed in. `code` is kept so "Try again" after signing in needs no retyping.
   */
  | { kind: 'ended'; code: string; failure: ApprovalFailure };

export type ApprovalStateKind = ApprovalState['kind'];

export type ApprovalEvent =
  | { type: 'submit'; code: string }
  | { type: 'found'; request: ApprovalRequest }
  | { type: 'decide'; decision: Decision }
  | { type: 'decided'; outcome: DecisionOutcome }
  | { type: 'failed'; failure: ApprovalFailure }
  /** The request on screen ran out before anyone decided. */
  | { type: 'expired' }
  /** "Enter a new code": back to an empty field. */
  | { type: 'restart' }
  /** "Try again" with the same code, e.g. after signing in on this device. */
  | { type: 'retry' };

/**
 * Crockford's base32, as the reference server issues codes: no I, L, O or U, so nothing reads
 * as something else.
 */
const ALPHABET = /^[0-9A-HJKMNP-TV-Z]{8}$/;
const GROUP = 4;

/**
 * The code as it was issued (`7KQ2-M9XD`), whatever the person typed: lower case, spaces, any
 * dash or none. The letters Crockford reads as digits (O as 0; I and L as 1) are read that way,
 * like the server does. Undefined when it cannot be a code.
 */
export function normalizeCode(typed: string): string | undefined {
  const characters = typed
    .toUpperCase()
    // Hyphens, en and em dashes and the minus sign all turn up when a code is copied.
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!ALPHABET.test(characters)) return undefined;
  return `${characters.slice(0, GROUP)}-${characters.slice(GROUP)}`;
}

/** Failures after which this code cannot be approved from here, whatever is tried. */
const ENDING: readonly ApprovalFailureCode[] = ['device-request-expired', 'device-request-used', 'unauthenticated'];

/** The first step: looking the code up at once when one was given that can be a code. */
export function initialState(code: string | undefined): ApprovalState {
  const typed = code ?? '';
  const normalized = normalizeCode(typed);
  return normalized ? { kind: 'looking-up', code: normalized } : { kind: 'entering', code: typed };
}

export function transition(state: ApprovalState, event: ApprovalEvent): ApprovalState {
  switch (event.type) {
    case 'submit': {
      if (state.kind !== 'entering') return state;
      if (!event.code.trim()) return { kind: 'entering', code: event.code, fieldError: 'code-required' };
      const code = normalizeCode(event.code);
      if (!code) return { kind: 'entering', code: event.code, fieldError: 'code-format' };
      return { kind: 'looking-up', code };
    }
    case 'found':
      return state.kind === 'looking-up' ? { kind: 'confirming', code: state.code, request: event.request } : state;
    case 'decide':
      return state.kind === 'confirming' ? { kind: 'deciding', code: state.code, request: state.request, decision: event.decision } : state;
    case 'decided':
      return state.kind === 'deciding' ? { kind: event.outcome } : state;
    case 'failed':
      return failed(state, event.failure);
    case 'expired':
      return state.kind === 'confirming' ? { kind: 'ended', code: state.code, failure: { code: 'device-request-expired' } } : state;
    case 'restart':
      return state.kind === 'ended' ? { kind: 'entering', code: '' } : state;
    case 'retry':
      return state.kind === 'ended' ? { kind: 'looking-up', code: state.code } : state;
  }
}

function failed(state: ApprovalState, failure: ApprovalFailure): ApprovalState {
  if (state.kind !== 'looking-up' && state.kind !== 'deciding') return state;
  if (ENDING.includes(failure.code)) return { kind: 'ended', code: state.code, failure };
  // A wrong code goes back to the field with what was typed, so a typo is one fix away. After a
  // decision it means the request is gone (the new device asked again): the same way back.
  if (state.kind === 'looking-up' || failure.code === 'device-code-invalid') return { kind: 'entering', code: state.code, failure };
  // The decision did not land (network, server, rate limit): the same choice, with the reason.
  return { kind: 'confirming', code: state.code, request: state.request, failure };
}

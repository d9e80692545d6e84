import type { Failure, FailureCode } from '../machine/types.js';

export type Operation = 'get' | 'create';

export type Classified = { kind: 'aborted' } | { kind: 'failed'; failure: Failure; name: string };

/**
 * DOMException names and what each means for the person. The rest (NotReadableError, UnknownError,
 * InvalidStateError from get(), a library's plain Error) are `transient`, unless the message says
 * that WebAuthn itself is missing.
 */
const BY_NAME = {
  // No prototype: an error named `constructor` is no name of ours.
  __proto__: null,
  AbortError: 'cancelled',
  // Cancel, timeout, no credential, unfocused page and TLS errors all look alike by design
  // (WebAuthn L3 §14.5.2, privacy).
  NotAllowedError: 'cancelled',
  // Chrome: "A request is already pending." — another ceremony is still in flight in this tab.
  OperationError: 'pending',
  SecurityError: 'security',
  // Our own name, from immediate.ts: immediate mode's NotAllowedError, said plainly.
  NoPasskeyHereError: 'no-passkey-here',
  NotSupportedError: 'not-supported',
  ConstraintError: 'constraint',
  TypeError: 'bad-options',
  RangeError: 'bad-options',
  EncodingError: 'bad-options',
  DataError: 'bad-options',
} as unknown as Record<string, FailureCode | undefined>;

/**
 * The one place that turns what a WebAuthn call threw into our closed set of failure codes
 * (see FAILURES.md for the table this follows).
 *
 * @simplewebauthn/browser wraps some DOMExceptions in a `WebAuthnError` that keeps the original as
 * `cause`; we classify by the original name, never by message text, except where Chrome reuses a
 * name for two meanings.
 */
export function classifyError(error: unknown, operation: Operation, abortedByUs: boolean): Classified {
  const original = unwrap(error);
  const name = typeof original.name === 'string' ? original.name : 'Error';
  // @simplewebauthn attaches its own signal to every call, so AbortError alone does not say who
  // aborted: only our intent flag does. Without it (Firefox on user cancel) it is a cancel.
  if (name === 'AbortError' && abortedByUs) return { kind: 'aborted' };
  const code =
    // §5.1.3 step 20: an excludeCredentials match on create() means the passkey already exists.
    name === 'InvalidStateError' && operation === 'create'
      ? 'already-registered'
      : (BY_NAME[name] ?? (/not supported in this browser|does not support WebAuthn/i.test(String(original.message)) ? 'unsupported' : 'transient'));
  return { kind: 'failed', failure: { code }, name };
}

function unwrap(error: unknown): { name?: unknown; message?: unknown } {
  const { cause } = (error ?? {}) as { cause?: unknown };
  // WebAuthnError copies the cause's name, but a plain Error from the library has none.
  if (cause && typeof (cause as Error).name === 'string') return cause;
  return error && typeof error === 'object' ? error : { message: String(error) };
}

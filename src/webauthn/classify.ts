import type { Failure, FailureCode } from '../machine/types.js';

export type Operation = 'get' | 'create';

export type Classified = { kind: 'aborted' } | { kind: 'failed'; failure: Failure; name: string };

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
  const name = original.name;
  const failed = (code: FailureCode): Classified => ({ kind: 'failed', failure: { code }, name });
  switch (name) {
    case 'AbortError':
      // @simplewebauthn attaches its own signal to every call, so AbortError alone does not say
      // who aborted: only our intent flag does. Without it (Firefox on user cancel) it is a cancel.
      return abortedByUs ? { kind: 'aborted' } : failed('cancelled');
    case 'NotAllowedError':
      // Cancel, timeout, no credential, unfocused page and TLS errors all look alike by design
      // (WebAuthn L3 §14.5.2, privacy).
      return failed('cancelled');
    case 'OperationError':
      // Chrome: "A request is already pending." — another ceremony is still in flight in this tab.
      return failed('pending');
    case 'InvalidStateError':
      // §5.1.3 step 20: an excludeCredentials match on create() means the passkey already exists.
      return failed(operation === 'create' ? 'already-registered' : 'transient');
    case 'SecurityError':
      return failed('security');
    case 'NoPasskeyHereError':
      // Our own name, from immediate.ts: immediate mode's NotAllowedError, said plainly.
      return failed('no-passkey-here');
    case 'NotSupportedError':
      return failed('not-supported');
    case 'ConstraintError':
      return failed('constraint');
    case 'NotReadableError':
    case 'UnknownError':
      return failed('transient');
    case 'TypeError':
    case 'RangeError':
    case 'EncodingError':
    case 'DataError':
      return failed('bad-options');
    default:
      if (/not supported in this browser|does not support WebAuthn/i.test(original.message)) {
        return failed('unsupported');
      }
      return failed('transient');
  }
}

function unwrap(error: unknown): { name: string; message: string } {
  if (error && typeof error === 'object') {
    const { cause, name, message } = error as { cause?: unknown; name?: unknown; message?: unknown };
    // WebAuthnError copies the cause's name, but a plain Error from the library has none.
    if (cause && typeof cause === 'object' && typeof (cause as Error).name === 'string') {
      return { name: (cause as Error).name, message: String((cause as Error).message ?? '') };
    }
    return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : '' };
  }
  return { name: 'Error', message: String(error) };
}

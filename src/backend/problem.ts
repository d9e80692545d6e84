import type { Failure, FailureCode } from '../machine/types.js';

/** Problem `code` values (RFC 9457 extension member) that map one to one onto failure codes. */
const KNOWN_CODES: readonly FailureCode[] = [
  'verification-failed',
  'unknown-credential',
  'challenge-expired',
  'invalid-identifier',
  'identifier-taken',
  'rate-limited',
  'unauthenticated',
  'code-invalid',
  'code-expired',
  'too-many-tries',
  'account-locked',
  'resend-too-soon',
  'delivery-failed',
  'invalid-credentials',
  'invalid-password',
  'recovery-code-invalid',
];

/**
 * Turns an HTTP error answer into a failure. Only `code`, `triesLeft` and `retryAfter` are read
 * (from problem+json, or from what an adapter's `error` mapper made of another shape), never the
 * prose: the view has its own words for each code.
 */
export function failureFromResponse(status: number, body: unknown, retryAfterHeader: string | null): Failure {
  const fields: { code?: unknown; triesLeft?: unknown; retryAfter?: unknown } = typeof body === 'object' && body !== null ? body : {};
  const failure: Failure = { code: codeFor(status, fields.code), status };
  const retryAfter = parseRetryAfter(retryAfterHeader) ?? count(fields.retryAfter);
  if (retryAfter !== undefined) failure.retryAfter = retryAfter;
  const triesLeft = count(fields.triesLeft);
  if (triesLeft !== undefined) failure.triesLeft = triesLeft;
  // Shown to the person for support; only a short code of plain characters is worth showing.
  const reference = (fields as { reference?: unknown }).reference;
  if (typeof reference === 'string' && /^[\w-]{1,40}$/.test(reference)) failure.reference = reference;
  return failure;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

function codeFor(status: number, code: unknown): FailureCode {
  if (typeof code === 'string' && (KNOWN_CODES as readonly string[]).includes(code)) return code as FailureCode;
  // The reference server's CSRF refusal: as far as the person can tell, not allowed.
  if (code === 'csrf') return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status >= 500) return 'server';
  return 'failed';
}

/** RFC 9110 §10.2.3: seconds, or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

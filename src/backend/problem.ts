import type { Failure, FailureCode } from '../machine/types.js';
import { bounded, MAX_SECONDS, MAX_TRIES } from './bounds.js';
import type { Report } from './client.js';

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
  'forbidden',
  'server',
  'failed',
];

/**
 * Turns an HTTP error answer into a failure. Only `code`, `triesLeft` and `retryAfter` are read
 * (from problem+json, or from what an adapter's `error` mapper made of another shape), never the
 * prose: the view has its own words for each code.
 */
export function failureFromResponse(status: number, body: unknown, retryAfterHeader: string | null, report: Report = () => {}): Failure {
  const fields: { code?: unknown; triesLeft?: unknown; retryAfter?: unknown } = typeof body === 'object' && body !== null ? body : {};
  // Status 0: a failure an adapter named for an answer that was not an HTTP error.
  const failure: Failure = { code: codeFor(status, fields.code), ...(status > 0 ? { status } : {}) };
  const header = parseRetryAfter(retryAfterHeader);
  const retryAfter = header ?? count(fields.retryAfter);
  if (retryAfter !== undefined) failure.retryAfter = bounded(retryAfter, 0, MAX_SECONDS, header === undefined ? 'retryAfter' : 'Retry-After', report);
  const triesLeft = count(fields.triesLeft);
  // More tries than any limit allows is not a count worth showing.
  if (triesLeft !== undefined && triesLeft <= MAX_TRIES) failure.triesLeft = triesLeft;
  else if (triesLeft !== undefined) report('out-of-range', `The backend's triesLeft of ${triesLeft} is over ${MAX_TRIES}; it is not shown.`);
  // Shown to the person for support; only a short code of plain characters is worth showing.
  const reference = (fields as { reference?: unknown }).reference;
  if (typeof reference === 'string' && /^[\w-]{1,40}$/.test(reference)) failure.reference = reference;
  return failure;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

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
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value.trim()), Number.MAX_SAFE_INTEGER);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

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
];

/** Turns an HTTP error answer into a failure; only the code and status are read, never the prose. */
export function failureFromResponse(status: number, body: unknown, retryAfterHeader: string | null): Failure {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  const failure: Failure = { code: codeFor(status, code), status };
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined) failure.retryAfter = retryAfter;
  return failure;
}

function codeFor(status: number, code: unknown): FailureCode {
  if (typeof code === 'string' && (KNOWN_CODES as readonly string[]).includes(code)) return code as FailureCode;
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

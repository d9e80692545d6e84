// @ts-check

/**
 * Every error code the API can answer with. The widget maps these to its own messages; the
 * titles are for people reading network logs.
 */
export const PROBLEMS = /** @type {const} */ ({
  'verification-failed': [400, 'Passkey verification failed'],
  'challenge-expired': [400, 'No pending challenge: it expired, was already used or never issued'],
  'invalid-identifier': [400, 'The identifier must be 1 to 64 characters'],
  'bad-request': [400, 'The request body is not the expected JSON'],
  'invalid-password': [400, 'The password must be at least 8 characters and not a common one'],
  'invalid-email': [400, 'This is not an email address'],
  'invalid-phone': [400, 'This is not a phone number in international format'],
  'invalid-credentials': [400, 'Wrong identifier or password'],
  'code-invalid': [400, 'This code is not right'],
  'code-expired': [400, 'This code has expired'],
  'recovery-code-invalid': [400, 'Wrong identifier or recovery code, or the code expired or was used'],
  'device-code-invalid': [400, 'No sign-in request has this code'],
  'device-request-expired': [400, 'This sign-in request has expired'],
  unauthenticated: [401, 'Not signed in'],
  csrf: [403, 'Cross-site request refused'],
  forbidden: [403, 'Not allowed for this session'],
  'unknown-credential': [404, 'This passkey is not registered here'],
  'unknown-account': [404, 'No account has this identifier'],
  'device-request-unknown': [404, 'This browser has no sign-in request with this id'],
  'not-found': [404, 'Not found'],
  'method-not-allowed': [405, 'Method not allowed'],
  'identifier-taken': [409, 'This identifier already has an account'],
  'device-request-used': [409, 'This sign-in request was already answered'],
  'request-timeout': [408, 'The request body took too long to arrive'],
  'payload-too-large': [413, 'Request body too large'],
  'rate-limited': [429, 'Too many requests'],
  'resend-too-soon': [429, 'Wait before asking for another code'],
  'too-many-tries': [429, 'Too many wrong tries: ask for a new code'],
  'account-locked': [429, 'Sign-in with a code is paused for this account'],
  'server-error': [500, 'Internal server error'],
});

/** @typedef {keyof typeof PROBLEMS} ProblemCode */

/**
 * Thrown by handlers to end the request with an RFC 9457 problem response.
 */
export class Problem extends Error {
  /**
   * @param {ProblemCode} code
   * @param {{ headers?: Record<string, string>, reason?: string,
   *   extensions?: Record<string, string | number> }} [extra]
   *   `reason` goes to the request log only, never to the client; `extensions` are extra
   *   members of the problem body (RFC 9457 §3.2).
   */
  constructor(code, extra = {}) {
    super(code);
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code][0];
    this.headers = extra.headers ?? {};
    this.reason = extra.reason;
    this.extensions = extra.extensions ?? {};
  }
}

/**
 * @param {number} ms
 * @returns {Record<string, string>}
 */
export function retryAfter(ms) {
  return { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) };
}

/**
 * @param {ProblemCode} code
 * @returns {string}
 */
export function problemTitle(code) {
  return PROBLEMS[code][1];
}

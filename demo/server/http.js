// @ts-check

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/**
 * @typedef {object} HandlerContext
 * @property {Request} req
 * @property {Response} res
 * @property {Record<string, unknown>} body the parsed JSON object; empty for GET
 * @property {Record<string, string>} params the route's `{name}` path segments, decoded
 * @property {URLSearchParams} query
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [body] sent as JSON unless the status is 204
 */

/** @typedef {(context: HandlerContext) => Promise<Reply>} Handler */

/**
 * Every error code the API can answer with. The widget maps these to its own messages; the
 * titles are for people reading network logs.
 */
const PROBLEMS = /** @type {const} */ ({
  'verification-failed': [400, 'Passkey verification failed'],
  'challenge-expired': [400, 'No pending challenge: it expired, was already used or never issued'],
  'invalid-identifier': [400, 'The identifier must be 1 to 64 characters'],
  'bad-request': [400, 'The request body is not the expected JSON'],
  'invalid-password': [400, 'The password must be at least 8 characters'],
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
 * Matches a request path against a route path in which `{name}` stands for one segment.
 * @param {string} template such as `/device/request/{id}`
 * @param {string} path
 * @returns {Record<string, string> | null} the segments by name, decoded; null when the path
 *   is not of this route (or a segment does not decode)
 */
export function matchPath(template, path) {
  const want = template.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  /** @type {Record<string, string>} */
  const params = {};
  for (const [i, segment] of want.entries()) {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== have[i]) return null;
      continue;
    }
    if (have[i] === '') return null;
    try {
      params[name] = decodeURIComponent(have[i]);
    } catch {
      return null;
    }
  }
  return params;
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {string} [contentType]
 */
export function sendJson(res, status, body, contentType = 'application/json; charset=utf-8') {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/**
 * @param {Response} res
 * @param {Problem} problem
 */
export function sendProblem(res, problem) {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  sendJson(
    res,
    problem.status,
    {
      type: 'about:blank',
      title: PROBLEMS[problem.code][1],
      status: problem.status,
      code: problem.code,
      ...problem.extensions,
    },
    'application/problem+json',
  );
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} text
 */
export function sendText(res, status, text) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * @param {string | undefined} header
 * @returns {string} the media type without parameters, lower case
 */
function mediaType(header) {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The CSRF defence for state-changing JSON endpoints (OWASP CSRF cheat sheet): a body type a
 * cross-site form cannot send, a custom header that forces a CORS preflight, and the browser's
 * own statement of where the request came from.
 *
 * @param {Request} req
 * @param {readonly string[]} allowedOrigins
 */
export function checkCsrf(req, allowedOrigins) {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    throw new Problem('csrf', { reason: 'content-type' });
  }
  if (req.headers['x-requested-with'] !== 'passkey-login') {
    throw new Problem('csrf', { reason: 'x-requested-with' });
  }
  const origin = req.headers.origin;
  const originAllowed = origin !== undefined && allowedOrigins.includes(origin);
  if (origin !== undefined && !originAllowed) {
    throw new Problem('csrf', { reason: 'origin' });
  }
  const site = req.headers['sec-fetch-site'];
  if (
    site !== undefined &&
    site !== 'same-origin' &&
    site !== 'none' &&
    !(site === 'same-site' && originAllowed)
  ) {
    throw new Problem('csrf', { reason: 'sec-fetch-site' });
  }
}

/**
 * Reads a JSON object body, refusing anything over `limit` bytes without buffering it.
 *
 * @param {Request} req
 * @param {number} limit bytes
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJsonBody(req, limit) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new Problem('payload-too-large', { headers: { Connection: 'close' } });
  }
  // Listeners rather than `for await`: leaving an async iterator early destroys the request,
  // and with it the socket the 413 has to go out on.
  const chunks = await new Promise(
    /** @param {(chunks: Buffer[]) => void} resolve @param {(error: unknown) => void} reject */
    (resolve, reject) => {
      /** @type {Buffer[]} */
      const received = [];
      let size = 0;
      const cleanup = () => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('close', onClose);
      };
      /** @param {Buffer} chunk */
      const onData = (chunk) => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          req.pause();
          reject(new Problem('payload-too-large', { headers: { Connection: 'close' } }));
        } else {
          received.push(chunk);
        }
      };
      const onEnd = () => {
        cleanup();
        resolve(received);
      };
      const onError = () => {
        cleanup();
        reject(new Problem('bad-request', { reason: 'aborted' }));
      };
      const onClose = () => {
        cleanup();
        reject(new Problem('bad-request', { reason: 'aborted' }));
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('close', onClose);
    },
  );
  let value;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    value = JSON.parse(text);
  } catch {
    throw new Problem('bad-request', { reason: 'malformed-json' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Problem('bad-request', { reason: 'not-an-object' });
  }
  return value;
}

/**
 * @param {Request} req
 * @returns {Map<string, string>}
 */
export function parseCookies(req) {
  /** @type {Map<string, string>} */
  const cookies = new Map();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    // The first occurrence wins, as browsers send the most specific cookie first.
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * @param {Response} res
 * @param {string} cookie
 */
export function appendSetCookie(res, cookie) {
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * The socket address, not X-Forwarded-For: the demo server is meant to be reached directly, and
 * trusting a client-supplied header would let anyone pick their own rate-limit bucket.
 *
 * @param {Request} req
 */
export function clientAddress(req) {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * @typedef {object} RateLimitOptions
 * @property {number} [max] requests per window per client address per operation (default 120)
 * @property {number} [windowMs] window length (default 60 000)
 */

/**
 * Fixed-window counters, kept in memory: enough for one demo process.
 *
 * @param {RateLimitOptions} options
 * @param {() => number} now
 */
export function createRateLimiter({ max = 120, windowMs = 60_000 }, now) {
  /** @type {Map<string, { count: number, resetAt: number }>} */
  const windows = new Map();

  /** @param {number} time */
  function prune(time) {
    for (const [key, window] of windows) if (window.resetAt <= time) windows.delete(key);
  }

  return {
    /**
     * @param {string} key
     * @throws {Problem} `rate-limited` with Retry-After once the window is used up
     */
    hit(key) {
      const time = now();
      if (windows.size > 10_000) prune(time);
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { count: 0, resetAt: time + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > max) {
        const seconds = Math.max(1, Math.ceil((window.resetAt - time) / 1000));
        throw new Problem('rate-limited', { headers: { 'Retry-After': String(seconds) } });
      }
    },
  };
}

/**
 * @param {number} ms
 * @returns {Record<string, string>}
 */
export function retryAfter(ms) {
  return { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) };
}

/**
 * @typedef {object} FailureLimitOptions
 * @property {number} max failures within `windowMs` that trip the limit
 * @property {number} windowMs counting starts at the first failure
 * @property {number} lockMs how long the limit holds the first time it trips
 * @property {number} [maxLockMs] each further trip within `memoryMs` doubles the lock, up to
 *   this; default `lockMs` (no back-off)
 * @property {number} [memoryMs] how long past trips count towards the back-off; default a day
 */

const DAY = 24 * 60 * 60_000;

/**
 * Counts failures (not requests) per key, in memory: wrong passwords or codes for an account
 * or from a client. Once `max` failures fall within one window the key is refused for a while,
 * longer each time it happens again, so patient guessing slows down instead of going on at a
 * steady rate. A success resets the key.
 *
 * @param {FailureLimitOptions} options
 * @param {() => number} now
 * @param {ProblemCode} code the problem to answer while the key is locked
 */
export function createFailureLimit(options, now, code) {
  const { max, windowMs, lockMs, maxLockMs = lockMs, memoryMs = DAY } = options;
  /**
   * @type {Map<string, { count: number, resetAt: number, lockedUntil: number, trips: number,
   *   forgetAt: number }>}
   */
  const entries = new Map();

  /** @param {string} key */
  function live(key) {
    const entry = entries.get(key);
    if (entry && Math.max(entry.resetAt, entry.lockedUntil, entry.forgetAt) > now()) return entry;
    entries.delete(key);
    return undefined;
  }

  return {
    /**
     * @param {string} key
     * @throws {Problem} while the key is locked
     */
    check(key) {
      const entry = live(key);
      if (entry && entry.lockedUntil > now()) {
        throw new Problem(code, { headers: retryAfter(entry.lockedUntil - now()) });
      }
    },

    /**
     * @param {string} key
     * @returns {boolean} true when this failure tripped the limit
     */
    fail(key) {
      const time = now();
      if (entries.size > 10_000) for (const name of entries.keys()) live(name);
      let entry = live(key);
      if (!entry) {
        entry = { count: 0, resetAt: 0, lockedUntil: 0, trips: 0, forgetAt: 0 };
        entries.set(key, entry);
      }
      if (entry.resetAt <= time) {
        entry.count = 0;
        entry.resetAt = time + windowMs;
      }
      entry.count += 1;
      if (entry.count < max) return false;
      entry.trips = entry.forgetAt > time ? entry.trips + 1 : 1;
      entry.count = 0;
      entry.lockedUntil = time + Math.min(lockMs * 2 ** (entry.trips - 1), maxLockMs);
      entry.resetAt = entry.lockedUntil;
      entry.forgetAt = entry.lockedUntil + memoryMs;
      return true;
    },

    /**
     * @param {string} key
     * @returns {number} ms until the lock ends, 0 when not locked
     */
    lockedFor(key) {
      const entry = live(key);
      return entry ? Math.max(0, entry.lockedUntil - now()) : 0;
    },

    /** @param {string} key */
    reset(key) {
      entries.delete(key);
    },
  };
}

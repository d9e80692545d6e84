/** Where and how each backend operation is reached. See the README's "Backend contract". */

/** The passkey operations: the entry file knows their routes. */
export type CoreOperation =
  | 'authenticationOptions'
  | 'authenticationVerify'
  | 'registrationOptions'
  | 'registrationVerify'
  | 'session'
  | 'signOut';

/** The fallback operations: their routes load with the fallbacks (fallback-routes.ts). */
export type FallbackOperation =
  | 'methods'
  | 'codeSend'
  | 'codeVerify'
  | 'passwordSignIn'
  | 'passwordSet'
  | 'recoveryRedeem'
  | 'deviceRequest'
  | 'deviceRequestStatus'
  | 'passkeys'
  // the approving device (`<passkey-login-approval>`)
  | 'deviceLookup'
  | 'deviceDecide';

export type Operation = CoreOperation | FallbackOperation;

export interface Route {
  path: string;
  method: string;
}

/** The problem `code`s of the contract (README, "Backend contract"): what a failure can be named. */
export type ProblemCode =
  | 'verification-failed'
  | 'unknown-credential'
  | 'challenge-expired'
  | 'invalid-identifier'
  | 'identifier-taken'
  | 'rate-limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'code-invalid'
  | 'code-expired'
  | 'too-many-tries'
  | 'account-locked'
  | 'resend-too-soon'
  | 'delivery-failed'
  | 'invalid-credentials'
  | 'invalid-password'
  | 'recovery-code-invalid'
  | 'server'
  | 'failed';

/** An error in the contract's terms: `code` is one of the README's problem codes. */
export interface BackendError {
  code?: ProblemCode | (string & {});
  /** The HTTP status, when there is one. */
  status?: number;
  /** Seconds before trying again is allowed. */
  retryAfter?: number;
  triesLeft?: number;
}

/**
 * Thrown (or returned) by an adapter to say that an answer is a failure in the contract's terms,
 * e.g. `{verified: false}` with a 200 from a backend that never answers with an error status:
 * `throw new BackendFailure('verification-failed')`. Recognised by its name, so a preset
 * bundled apart from the element can throw its own copy.
 */
export class BackendFailure extends Error implements BackendError {
  override readonly name = 'BackendFailure';
  readonly code: ProblemCode;
  readonly status?: number;
  readonly retryAfter?: number;
  readonly triesLeft?: number;

  constructor(code: ProblemCode, init: Omit<BackendError, 'code'> = {}) {
    super(code);
    this.code = code;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.triesLeft !== undefined) this.triesLeft = init.triesLeft;
  }
}

/** What the mappers know of the request behind an answer: what the element meant, and what went out. */
export interface RequestContext {
  operation: Operation;
  /** The body in the contract's shape, before `adapter.request` mapped it. */
  body: unknown;
  /** What was sent: the body after `adapter.request`. */
  sent: unknown;
  /** The answer's HTTP status (200 for what `call` resolved with). */
  status: number;
  /** The answer's headers; absent for `call`. */
  headers?: Headers;
}

/** What `call` may use besides its own code. */
export interface CallContext {
  /**
   * Makes this operation's own HTTP request (its endpoint, headers, credentials, `fetch` hook and
   * timeout) with `body` (default: what `request` mapped), e.g. after a request of the adapter's
   * own. Resolves with the answer's JSON; an error answer is thrown as a `BackendError`.
   */
  http(body?: unknown): Promise<unknown>;
  /** The element's `fetch` (the `fetch` property, or the global one). */
  fetch: typeof globalThis.fetch;
  /** `path` under the element's `endpoint`, e.g. `url('/csrf')` → `/api/auth/csrf`. */
  url(path: string): string;
}

/**
 * For a backend whose shapes differ from the contract: mappers around each request, or `call`
 * in place of HTTP (or around it). Every hook gets the operation name, so one object serves all.
 */
export interface BackendAdapter {
  /**
   * Does the request itself (e.g. through an SDK, or a preliminary request and then
   * `context.http()`): resolve with the answer in the contract's shape, or throw a
   * `BackendFailure` (or a `BackendError` object).
   */
  call?(operation: Operation, body: unknown, signal: AbortSignal, context: CallContext): Promise<unknown>;
  /** The body to send instead of the contract's (for GET, its fields become the query string). */
  request?(operation: Operation, body: unknown, context: Pick<RequestContext, 'operation' | 'body'>): unknown;
  /** Turns a successful answer into the contract's shape, or throws a `BackendFailure` when it is one. */
  response?(operation: Operation, body: unknown, status: number, context: RequestContext): unknown;
  /** Turns an error answer into the contract's `{code, retryAfter?, triesLeft?}`; `undefined` reads the answer as it is. */
  error?(operation: Operation, body: unknown, status: number, context: RequestContext): BackendError | undefined;
}

export interface EndpointConfig {
  /** The operation's URL, absolute or relative to the page; replaces `endpoint` + the default path. */
  url?: string;
  /** The operation's path under `endpoint`, e.g. `/otp/start`; `url` wins when both are set. */
  path?: string;
  method?: string;
  /** Added to (and overriding) the shared headers for this operation only. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

/**
 * Per-operation settings. `false` says the backend has no such operation: sign-out then only
 * forgets the session on the page, `methods` leaves every configured way in on offer, and the
 * element never calls it.
 */
export type EndpointMap = Partial<Record<Operation, EndpointConfig | false>>;

export interface BackendConfig {
  /** Base URL the default paths hang from. */
  endpoint: string;
  endpoints: EndpointMap;
  /** Sent with every request, e.g. a CSRF token header. */
  headers: Record<string, string>;
  credentials: RequestCredentials;
  timeoutMs: number;
  /** Lets a site sign or proxy requests; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  adapter?: BackendAdapter;
}

export const DEFAULT_ENDPOINT = '/api/auth';
export const DEFAULT_TIMEOUT_MS = 15_000;

export const CORE_ROUTES: Readonly<Record<CoreOperation, Route>> = {
  authenticationOptions: { path: '/passkey/authentication/options', method: 'POST' },
  authenticationVerify: { path: '/passkey/authentication/verify', method: 'POST' },
  registrationOptions: { path: '/passkey/registration/options', method: 'POST' },
  registrationVerify: { path: '/passkey/registration/verify', method: 'POST' },
  session: { path: '/session', method: 'GET' },
  signOut: { path: '/sign-out', method: 'POST' },
};

/** The operations with a `*-url` attribute; every operation can be set through `endpoints`. */
export const URL_OPERATIONS = Object.keys(CORE_ROUTES) as CoreOperation[];

/**
 * Every operation the element (or `<passkey-login-approval>`) can call, in one place; the README's
 * table of operations follows this list.
 */
export const ALL_OPERATIONS: readonly Operation[] = [
  'authenticationOptions',
  'authenticationVerify',
  'registrationOptions',
  'registrationVerify',
  'session',
  'signOut',
  'methods',
  'codeSend',
  'codeVerify',
  'passwordSignIn',
  'passwordSet',
  'recoveryRedeem',
  'deviceRequest',
  'deviceRequestStatus',
  'passkeys',
  'deviceLookup',
  'deviceDecide',
];

export interface ResolvedEndpoint {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

/** Where and how `operation` goes; `undefined` when the site turned it off. */
export function resolveEndpoint(config: BackendConfig, operation: Operation, route: Route): ResolvedEndpoint | undefined {
  const override = config.endpoints[operation] ?? {};
  if (override === false) return undefined;
  const base = config.endpoint.replace(/\/+$/, '');
  return {
    url: override.url ?? `${base}/${(override.path ?? route.path).replace(/^\/+/, '')}`,
    method: (override.method ?? route.method).toUpperCase(),
    headers: { ...config.headers, ...override.headers },
    credentials: override.credentials ?? config.credentials,
  };
}

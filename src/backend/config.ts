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

/**
 * For a backend whose shapes differ from the contract: mappers around each request, or `call`
 * in place of HTTP altogether. Every hook gets the operation name, so one object serves all.
 */
export interface BackendAdapter {
  /** Does the request itself (e.g. through an SDK): resolve with the answer in the contract's shape, or throw a `BackendError`. */
  call?(operation: Operation, body: unknown, signal: AbortSignal): Promise<unknown>;
  /** The body to send instead of the contract's (for GET, its fields become the query string). */
  request?(operation: Operation, body: unknown): unknown;
  /** Turns a successful answer into the contract's shape. */
  response?(operation: Operation, body: unknown, status: number): unknown;
  /** Turns an error answer into the contract's `{code, retryAfter?, triesLeft?}`. */
  error?(operation: Operation, body: unknown, status: number): BackendError | undefined;
}

/** An error in the contract's terms: `code` is one of the README's problem codes. */
export interface BackendError {
  code?: string;
  status?: number;
  /** Seconds before trying again is allowed. */
  retryAfter?: number;
  triesLeft?: number;
}

export interface EndpointConfig {
  /** Absolute, or relative to the page; overrides `endpoint` + the default path. */
  url?: string;
  method?: string;
  /** Added to (and overriding) the shared headers for this operation only. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

export type EndpointMap = Partial<Record<Operation, EndpointConfig>>;

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
export const OPERATIONS = Object.keys(CORE_ROUTES) as CoreOperation[];

export interface ResolvedEndpoint {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

export function resolveEndpoint(config: BackendConfig, operation: Operation, route: Route): ResolvedEndpoint {
  const override = config.endpoints[operation] ?? {};
  const base = config.endpoint.replace(/\/+$/, '');
  return {
    url: override.url ?? `${base}${route.path}`,
    method: (override.method ?? route.method).toUpperCase(),
    headers: { ...config.headers, ...override.headers },
    credentials: override.credentials ?? config.credentials,
  };
}

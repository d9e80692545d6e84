/** Where and how each backend operation is reached. See the README's "Backend contract". */

export type Operation =
  | 'authenticationOptions'
  | 'authenticationVerify'
  | 'registrationOptions'
  | 'registrationVerify'
  | 'session'
  | 'signOut';

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
}

export const DEFAULT_ENDPOINT = '/api/auth';
export const DEFAULT_TIMEOUT_MS = 15_000;

export const DEFAULT_ROUTES: Readonly<Record<Operation, { path: string; method: string }>> = {
  authenticationOptions: { path: '/passkey/authentication/options', method: 'POST' },
  authenticationVerify: { path: '/passkey/authentication/verify', method: 'POST' },
  registrationOptions: { path: '/passkey/registration/options', method: 'POST' },
  registrationVerify: { path: '/passkey/registration/verify', method: 'POST' },
  session: { path: '/session', method: 'GET' },
  signOut: { path: '/sign-out', method: 'POST' },
};

export const OPERATIONS = Object.keys(DEFAULT_ROUTES) as Operation[];

export interface ResolvedEndpoint {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

export function resolveEndpoint(config: BackendConfig, operation: Operation): ResolvedEndpoint {
  const route = DEFAULT_ROUTES[operation];
  const override = config.endpoints[operation] ?? {};
  const base = config.endpoint.replace(/\/+$/, '');
  return {
    url: override.url ?? `${base}${route.path}`,
    method: (override.method ?? route.method).toUpperCase(),
    headers: { ...config.headers, ...override.headers },
    credentials: override.credentials ?? config.credentials,
  };
}

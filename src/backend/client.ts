import type { Failure } from '../machine/types.js';
import { resolveEndpoint, type BackendConfig, type Operation } from './config.js';
import { anySignal } from './signals.js';

export type ExplainFailure = (status: number, body: unknown, retryAfter: string | null) => Promise<Failure>;

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Sent with every request: cross-site forms cannot send it, cross-origin fetches must preflight it. */
export const REQUESTED_WITH = 'passkey-login';

/**
 * Talks to the site's backend. Never throws and never hangs: every request has a timeout, every
 * answer is parsed and checked, and every way it can go wrong comes back as a failure code.
 */
export class BackendClient {
  readonly #config: () => BackendConfig;
  readonly #explain: ExplainFailure;

  /**
   * `explain` turns an error answer into a failure (see problem.ts); it is passed in so the
   * mapping can load only when a request fails.
   */
  constructor(config: () => BackendConfig, explain: ExplainFailure) {
    this.#config = config;
    this.#explain = explain;
  }

  /** Resolves with a result whatever happens: never rejects, never outlives its timeout. */
  async request<T>(
    operation: Operation,
    body: unknown,
    parse: (value: unknown) => T | undefined,
    signal?: AbortSignal,
  ): Promise<Result<T>> {
    let config: BackendConfig;
    let endpoint: ReturnType<typeof resolveEndpoint>;
    try {
      config = this.#config();
      endpoint = resolveEndpoint(config, operation);
    } catch {
      // A malformed configuration (e.g. `endpoints = null`) is a failed request, not a crash.
      return { ok: false, failure: { code: 'failed' } };
    }
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Requested-With': REQUESTED_WITH,
      ...endpoint.headers,
    };
    const hasBody = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
    if (hasBody) headers['Content-Type'] = 'application/json';

    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    const fetcher = config.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      // Raced against the timeout too: a site's fetch hook may ignore the signal.
      response = await Promise.race([
        fetcher(endpoint.url, {
          method: endpoint.method,
          headers,
          credentials: endpoint.credentials,
          body: hasBody ? JSON.stringify(body ?? {}) : undefined,
          signal: combined,
          redirect: 'error',
        }),
        new Promise<never>((_, reject) => combined.addEventListener('abort', () => reject(combined.reason), { once: true })),
      ]);
    } catch {
      return { ok: false, failure: { code: timeout.aborted ? 'request-timeout' : 'network' } };
    }

    let json: unknown;
    let parsed = true;
    try {
      const text = await response.text();
      json = text ? JSON.parse(text) : undefined;
    } catch {
      if (timeout.aborted) return { ok: false, failure: { code: 'request-timeout' } };
      parsed = false;
    }

    if (!response.ok) {
      return { ok: false, failure: await this.#explain(response.status, parsed ? json : undefined, response.headers.get('Retry-After')) };
    }
    if (!parsed) return { ok: false, failure: { code: 'bad-response', status: response.status } };
    const value = parse(json);
    if (value === undefined) return { ok: false, failure: { code: 'bad-response', status: response.status } };
    return { ok: true, value };
  }
}

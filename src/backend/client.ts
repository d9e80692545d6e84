import type { Failure } from '../machine/types.js';
import {
  CORE_ROUTES,
  resolveEndpoint,
  type BackendAdapter,
  type BackendConfig,
  type BackendError,
  type CoreOperation,
  type Operation,
  type Route,
} from './config.js';
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

  /**
   * Sent as `X-Correlation-Id` with every request, so that support can find this element's
   * requests in the backend's logs from the reference "Need help?" shows. Not a secret.
   */
  readonly reference = (globalThis.crypto?.randomUUID?.() ?? '').slice(0, 8).toUpperCase();

  /** Resolves with a result whatever happens: never rejects, never outlives its timeout. */
  async request<T>(
    operation: Operation,
    body: unknown,
    parse: (value: unknown) => T | undefined,
    signal?: AbortSignal,
    route: Route = CORE_ROUTES[operation as CoreOperation],
  ): Promise<Result<T>> {
    let config: BackendConfig;
    let endpoint: ReturnType<typeof resolveEndpoint>;
    let adapter: BackendAdapter;
    try {
      config = this.#config();
      endpoint = resolveEndpoint(config, operation, route);
      adapter = config.adapter ?? {};
      if (adapter.request) body = adapter.request(operation, body);
    } catch {
      // A malformed configuration (e.g. `endpoints = null`) or a throwing mapper is a failed
      // request, not a crash.
      return { ok: false, failure: { code: 'failed' } };
    }
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    // Raced against the timeout too: a site's fetch hook or adapter may ignore the signal.
    const race = <V>(promise: Promise<V>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => combined.addEventListener('abort', () => reject(combined.reason), { once: true })),
      ]);
    const lost = (): Result<T> => ({ ok: false, failure: { code: timeout.aborted ? 'request-timeout' : 'network' } });
    const answer = async (status: number, json: unknown, retryAfter: string | null): Promise<Result<T>> => {
      try {
        if (status >= 400) {
          const mapped = adapter.error ? adapter.error(operation, json, status) : json;
          return { ok: false, failure: await this.#explain(status, mapped, retryAfter) };
        }
        const value = parse(adapter.response ? adapter.response(operation, json, status) : json);
        if (value !== undefined) return { ok: true, value };
      } catch {
        // A mapper that throws on an answer it did not expect: the answer is as good as malformed.
      }
      return { ok: false, failure: { code: 'bad-response', status } };
    };

    if (adapter.call) {
      let value: unknown;
      try {
        value = await race(adapter.call(operation, body, combined));
      } catch (error) {
        if (combined.aborted) return lost();
        const thrown = (typeof error === 'object' && error) as BackendError | false;
        if (!thrown || (!thrown.code && !thrown.status)) return lost();
        const retry = thrown.retryAfter === undefined ? null : String(thrown.retryAfter);
        return { ok: false, failure: await this.#explain(thrown.status ?? 400, thrown, retry) };
      }
      return answer(200, value, null);
    }

    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Requested-With': REQUESTED_WITH,
      'X-Correlation-Id': this.reference,
      ...endpoint.headers,
    };
    // `{name}` in a URL is filled from the body's field of that name, e.g. `/device/request/{id}`.
    let url = endpoint.url.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String((body as Record<string, unknown>)[key])));
    const hasBody = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
    if (hasBody) headers['Content-Type'] = 'application/json';
    else if (body && typeof body === 'object') {
      // A GET carries its fields in the query string, e.g. `?identifier=…` for `methods`.
      const query = new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
      if (query) url += (url.includes('?') ? '&' : '?') + query;
    }
    const fetcher = config.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await race(
        fetcher(url, {
          method: endpoint.method,
          headers,
          credentials: endpoint.credentials,
          body: hasBody ? JSON.stringify(body ?? {}) : undefined,
          signal: combined,
          redirect: 'error',
        }),
      );
    } catch {
      return lost();
    }

    let json: unknown;
    try {
      const text = await response.text();
      json = text ? JSON.parse(text) : undefined;
    } catch {
      if (timeout.aborted) return lost();
      // An error page in HTML still has a status worth reading.
      if (response.ok) return { ok: false, failure: { code: 'bad-response', status: response.status } };
      json = undefined;
    }
    return answer(response.status, json, response.headers.get('Retry-After'));
  }
}

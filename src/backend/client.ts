import type { Diagnostic, Failure } from '../machine/types.js';
import {
  CORE_ROUTES,
  isContractError,
  resolveEndpoint,
  type BackendAdapter,
  type BackendConfig,
  type BackendError,
  type CallContext,
  type CoreOperation,
  type Operation,
  type RequestContext,
  type ResolvedEndpoint,
  type Route,
} from './config.js';
import { anySignal } from './signals.js';

export type ExplainFailure = (status: number, body: unknown, retryAfter: string | null) => Promise<Failure>;

/** Tells developers about something the element put up with: a value out of range, a field ignored. */
export type Report = (code: Diagnostic, detail: string) => void;

/** Checks an answer against the contract; `undefined` when it cannot be used at all. */
export type Parse<T> = (value: unknown, report: Report) => T | undefined;

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Sent with every request: cross-site forms cannot send it, cross-origin fetches must preflight it. */
export const REQUESTED_WITH = 'passkey-login';

/** Thrown inside a request when the network or the timeout ended it: nobody's answer. */
const LOST = Symbol('lost');

interface Answer {
  status: number;
  json: unknown;
  retryAfter: string | null;
  headers?: Headers;
}

/**
 * Talks to the site's backend. Never throws and never hangs: every request has a timeout, every
 * answer is parsed and checked, and every way it can go wrong comes back as a failure code.
 */
export class BackendClient {
  readonly #config: () => BackendConfig;
  readonly #explain: ExplainFailure;
  readonly #report: Report;

  /**
   * `explain` turns an error answer into a failure (see problem.ts); it is passed in so the
   * mapping can load only when a request fails. `report` hears what the element put up with.
   */
  constructor(config: () => BackendConfig, explain: ExplainFailure, report: Report = () => {}) {
    this.#config = config;
    this.#explain = explain;
    this.#report = report;
  }

  /**
   * Sent as `X-Correlation-Id` with every request, so that support can find this element's
   * requests in the backend's logs from the reference "Need help?" shows. Not a secret.
   */
  readonly reference = (globalThis.crypto?.randomUUID?.() ?? '').slice(0, 8).toUpperCase();

  /** Whether the backend has this operation: the site sets it to `false` in `endpoints` when not. */
  offers(operation: Operation): boolean {
    try {
      return this.#config().endpoints[operation] !== false;
    } catch {
      return true;
    }
  }

  /** Resolves with a result whatever happens: never rejects, never outlives its timeout. */
  async request<T>(
    operation: Operation,
    body: unknown,
    parse: Parse<T>,
    signal?: AbortSignal,
    route: Route = CORE_ROUTES[operation as CoreOperation],
  ): Promise<Result<T>> {
    const failed = (failure: Failure): Result<T> => ({ ok: false, failure });
    let config: BackendConfig;
    let endpoint: ResolvedEndpoint | undefined;
    let adapter: BackendAdapter;
    try {
      config = this.#config();
      endpoint = resolveEndpoint(config, operation, route);
      adapter = config.adapter ?? {};
    } catch {
      // A malformed configuration (e.g. `endpoints = null`) is a failed request, not a crash.
      return failed({ code: 'failed' });
    }
    // Turned off by the site: nothing to ask.
    if (!endpoint) return failed({ code: 'failed' });

    let sent: unknown = body;
    try {
      if (adapter.request) sent = adapter.request(operation, body, { operation, body });
    } catch (error) {
      return this.#thrown(error, 'request', operation);
    }

    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    // Raced against the timeout too: a site's fetch hook or adapter may ignore the signal.
    const race = <V>(promise: Promise<V>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => combined.addEventListener('abort', () => reject(LOST), { once: true })),
      ]);
    const lost = (): Result<T> => failed({ code: timeout.aborted ? 'request-timeout' : 'network' });
    const resolved = endpoint;
    const http = (wire: unknown) => this.#http(config, resolved, wire, combined, race);

    let answer: Answer;
    if (adapter.call) {
      const context: CallContext = {
        http: async (wire = sent) => {
          if (unfilled(resolved.url, wire)) throw { code: 'failed' } satisfies BackendError;
          const { status, json, retryAfter, headers } = await http(wire);
          if (status < 400) return json;
          const mapped = adapter.error?.(operation, json, status, { operation, body, sent: wire, status, ...(headers ? { headers } : {}) }) ?? json;
          const fields = (typeof mapped === 'object' && mapped) || {};
          const wait = retryAfter === null ? undefined : Number(retryAfter);
          throw { ...fields, status, ...(wait !== undefined && Number.isFinite(wait) ? { retryAfter: wait } : {}) } satisfies BackendError;
        },
        fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
        url: (path) => joinUrl(config.endpoint, path),
      };
      try {
        answer = { status: 200, json: await race(adapter.call(operation, sent, combined, context)), retryAfter: null };
      } catch (error) {
        if (error === LOST || combined.aborted || !isContractError(error)) return lost();
        return this.#contractFailure(error);
      }
    } else {
      if (unfilled(resolved.url, sent)) return failed({ code: 'failed' });
      try {
        answer = await http(sent);
      } catch (error) {
        if (error === LOST || combined.aborted) return lost();
        // A success status with a body that is not JSON (a catch-all route's HTML page).
        if (typeof error === 'object' && error && 'status' in error) return failed({ code: 'bad-response', status: (error as Answer).status });
        return lost();
      }
    }

    const { status, json, retryAfter, headers } = answer;
    const context: RequestContext = { operation, body, sent, status, ...(headers ? { headers } : {}) };
    if (status >= 400) {
      let mapped: unknown = json;
      try {
        mapped = adapter.error?.(operation, json, status, context) ?? json;
      } catch (error) {
        return this.#thrown(error, 'error', operation);
      }
      return failed(await this.#explain(status, mapped, retryAfter));
    }
    let mapped: unknown = json;
    try {
      if (adapter.response) mapped = adapter.response(operation, json, status, context);
    } catch (error) {
      return this.#thrown(error, 'response', operation);
    }
    if (isContractError(mapped) && (mapped as { name?: unknown }).name === 'BackendFailure') return this.#contractFailure(mapped);
    const value = parse(mapped, this.#report);
    return value === undefined ? failed({ code: 'bad-response', status }) : { ok: true, value };
  }

  /** A `BackendFailure` (or a `{code}` object) an adapter threw: the failure it names. */
  async #contractFailure<T>(error: BackendError): Promise<Result<T>> {
    const retryAfter = error.retryAfter === undefined ? null : String(error.retryAfter);
    return { ok: false, failure: await this.#explain(error.status ?? 0, error, retryAfter) };
  }

  /** A mapper threw: a contract failure if it said one, else the adapter's own bug, said to the developer. */
  #thrown<T>(error: unknown, hook: 'request' | 'response' | 'error', operation: Operation): Promise<Result<T>> | Result<T> {
    if (isContractError(error)) return this.#contractFailure(error);
    this.#report('adapter-threw', `adapter.${hook} threw for ${operation}: ${String((error as Error)?.message ?? error)}`);
    return { ok: false, failure: { code: 'failed' } };
  }

  /** One HTTP request of the contract: resolves with the answer, or throws `LOST`, or `{status}` for a success whose body is not JSON. */
  async #http(
    config: BackendConfig,
    endpoint: ResolvedEndpoint,
    body: unknown,
    signal: AbortSignal,
    race: <V>(promise: Promise<V>) => Promise<V>,
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'X-Requested-With': REQUESTED_WITH,
      'X-Correlation-Id': this.reference,
      ...endpoint.headers,
    };
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    // `{name}` in a URL is filled from the body's field of that name, e.g. `/device/request/{id}`
    // (that each has a value was checked before sending: see `unfilled`).
    let url = endpoint.url.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(fields[key])));
    const hasBody = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
    if (hasBody) headers['Content-Type'] = 'application/json';
    else {
      // A GET carries its fields in the query string, e.g. `?identifier=…` for `methods`; a
      // field without a value is left out rather than sent as "undefined".
      const query = new URLSearchParams(Object.entries(fields).flatMap(([key, value]) => (given(value) ? [[key, String(value)]] : []))).toString();
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
          signal,
          redirect: 'error',
        }),
      );
    } catch {
      throw LOST;
    }
    let json: unknown;
    try {
      const text = await race(response.text());
      json = text ? JSON.parse(text) : undefined;
    } catch (error) {
      if (error === LOST || signal.aborted) throw LOST;
      if (response.ok) throw { status: response.status };
      // An error page in HTML still has a status worth reading.
      json = undefined;
    }
    return { status: response.status, json, retryAfter: response.headers.get('Retry-After'), headers: response.headers };
  }
}

const given = (value: unknown) => value !== undefined && value !== null;

/** Whether a `{name}` of the URL has no value in the body to fill it with. */
function unfilled(url: string, body: unknown): boolean {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return [...url.matchAll(/\{(\w+)\}/g)].some(([, key]) => !given(fields[key!]));
}

/** `path` under the `endpoint` base; an absolute URL stays as it is. */
export function joinUrl(endpoint: string, path: string): string {
  if (/^[a-z][\w+.-]*:/i.test(path)) return path;
  return `${endpoint.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

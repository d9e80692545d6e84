import type { Diagnostic, Failure } from '../machine/types.js';
import { CORE_ROUTES, resolveEndpoint, type BackendConfig, type CoreOperation, type Operation, type ResolvedEndpoint, type Route } from './config.js';
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
export const LOST = Symbol('lost');

export interface Answer {
  status: number;
  json: unknown;
  retryAfter: string | null;
  headers?: Headers;
}

/** One request under way: what it is for, and the means to make and read it. */
export interface Exchange<T> {
  operation: Operation;
  /** The body in the contract's shape. */
  body: unknown;
  parse: Parse<T>;
  config: BackendConfig;
  endpoint: ResolvedEndpoint;
  /** Aborted by the caller or the timeout. */
  signal: AbortSignal;
  race<V>(promise: Promise<V>): Promise<V>;
  /** The HTTP request with `wire` as its body: the answer, or throws `LOST` or `{status}` (a success that is not JSON). */
  http(wire: unknown): Promise<Answer>;
  /** The failure for a request the network or the timeout ended. */
  lost(): Result<T>;
  explain: ExplainFailure;
  report: Report;
}

type AdapterModule = typeof import('./adapter.js');
let adapterModule: Promise<AdapterModule> | undefined;
const loadAdapter = () =>
  (adapterModule ??= import('./adapter.js').catch((error: unknown) => {
    adapterModule = undefined;
    throw error;
  }));

/** Sends `wire` and reads the answer by the contract: an error status explained, a success parsed. */
export async function answered<T>(exchange: Exchange<T>, wire: unknown): Promise<Result<T>> {
  if (unfilled(exchange.endpoint.url, wire)) return { ok: false, failure: { code: 'failed' } };
  let answer: Answer;
  try {
    answer = await exchange.http(wire);
  } catch (error) {
    if (error === LOST || exchange.signal.aborted) return exchange.lost();
    // A success status with a body that is not JSON (a catch-all route's HTML page).
    return { ok: false, failure: { code: 'bad-response', status: (error as Answer).status } };
  }
  return read(exchange, answer);
}

/** An answer read by the contract; `json` may already be mapped by an adapter. */
export async function read<T>(exchange: Exchange<T>, { status, json, retryAfter }: Answer): Promise<Result<T>> {
  if (status >= 400) return { ok: false, failure: await exchange.explain(status, json, retryAfter) };
  const value = exchange.parse(json, exchange.report);
  return value === undefined ? { ok: false, failure: { code: 'bad-response', status } } : { ok: true, value };
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
    try {
      config = this.#config();
      endpoint = resolveEndpoint(config, operation, route);
    } catch {
      // A malformed configuration (e.g. `endpoints = null`) is a failed request, not a crash.
      return failed({ code: 'failed' });
    }
    // Turned off by the site: nothing to ask.
    if (!endpoint) return failed({ code: 'failed' });

    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    // Raced against the timeout too: a site's fetch hook or adapter may ignore the signal.
    const race = <V>(promise: Promise<V>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => combined.addEventListener('abort', () => reject(LOST), { once: true })),
      ]);
    const resolved = endpoint;
    const exchange: Exchange<T> = {
      operation,
      body,
      parse,
      config,
      endpoint: resolved,
      signal: combined,
      race,
      http: (wire) => this.#http(config, resolved, wire, combined, race),
      lost: () => failed({ code: timeout.aborted ? 'request-timeout' : 'network' }),
      explain: this.#explain,
      report: this.#report,
    };
    // Mappers and `call` are for other backends' shapes: their handling loads only where used.
    if (config.adapter) {
      try {
        return (await loadAdapter()).adapted(exchange, config.adapter);
      } catch {
        return exchange.lost();
      }
    }
    return answered(exchange, body);
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
export function unfilled(url: string, body: unknown): boolean {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return [...url.matchAll(/\{(\w+)\}/g)].some(([, key]) => !given(fields[key!]));
}

/** `path` under the `endpoint` base; an absolute URL stays as it is. */
export function joinUrl(endpoint: string, path: string): string {
  if (/^[a-z][\w+.-]*:/i.test(path)) return path;
  return `${endpoint.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * A request through the site's adapter: its `request`, `response` and `error` mappers around the
 * HTTP request, or its `call` instead of (or around) it. Loaded only by pages that set an
 * adapter. What a mapper throws is read in one place: a `BackendFailure` is the failure it
 * names; anything else is a bug in the adapter, and the developer is told so, not that the
 * backend broke the contract.
 */
import { answered, joinUrl, LOST, read, unfilled, type Answer, type Exchange, type Result } from './client.js';
import type { BackendAdapter, BackendError, CallContext, RequestContext } from './config.js';

export async function adapted<T>(exchange: Exchange<T>, adapter: BackendAdapter): Promise<Result<T>> {
  const { operation, body, config } = exchange;
  let sent: unknown = body;
  try {
    if (adapter.request) sent = adapter.request(operation, body, { operation, body });
  } catch (error) {
    return thrown(exchange, error, 'request');
  }
  const context = (status: number, wire: unknown, headers?: Headers): RequestContext => ({ operation, body, sent: wire, status, ...(headers ? { headers } : {}) });

  let answer: Answer;
  if (adapter.call) {
    const tools: CallContext = {
      http: async (wire = sent) => {
        if (unfilled(exchange.endpoint.url, wire)) throw { code: 'failed' } satisfies BackendError;
        const { status, json, retryAfter, headers } = await exchange.http(wire);
        if (status < 400) return json;
        const mapped = adapter.error?.(operation, json, status, context(status, wire, headers)) ?? json;
        const wait = retryAfter === null ? Number.NaN : Number(retryAfter);
        throw { ...(typeof mapped === 'object' && mapped), status, ...(Number.isFinite(wait) ? { retryAfter: wait } : {}) } satisfies BackendError;
      },
      fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
      url: (path) => joinUrl(config.endpoint, path),
    };
    try {
      answer = { status: 200, json: await exchange.race(adapter.call(operation, sent, exchange.signal, tools)), retryAfter: null };
    } catch (error) {
      // What the network or the timeout ended, or an SDK's own error: the request did not get through.
      if (error === LOST || exchange.signal.aborted || !isContractError(error)) return exchange.lost();
      return failure(exchange, error);
    }
  } else {
    if (!adapter.response && !adapter.error) return answered(exchange, sent);
    if (unfilled(exchange.endpoint.url, sent)) return { ok: false, failure: { code: 'failed' } };
    try {
      answer = await exchange.http(sent);
    } catch (error) {
      if (error === LOST || exchange.signal.aborted) return exchange.lost();
      return { ok: false, failure: { code: 'bad-response', status: (error as Answer).status } };
    }
  }

  const { status, json, headers } = answer;
  let mapped: unknown = json;
  try {
    if (status >= 400) mapped = adapter.error?.(operation, json, status, context(status, sent, headers)) ?? json;
    else if (adapter.response) mapped = adapter.response(operation, json, status, context(status, sent, headers));
  } catch (error) {
    return thrown(exchange, error, status >= 400 ? 'error' : 'response');
  }
  // Returned rather than thrown: only a BackendFailure says so (an answer may well have a `code`).
  if (status < 400 && (mapped as { name?: unknown } | null)?.name === 'BackendFailure') return failure(exchange, mapped as BackendError);
  return read(exchange, { ...answer, json: mapped });
}

/** The failure a `BackendFailure` (or a `{code}` object) names. */
async function failure<T>(exchange: Exchange<T>, error: BackendError): Promise<Result<T>> {
  const retryAfter = error.retryAfter === undefined ? null : String(error.retryAfter);
  return { ok: false, failure: await exchange.explain(error.status ?? 0, error, retryAfter) };
}

function thrown<T>(exchange: Exchange<T>, error: unknown, hook: 'request' | 'response' | 'error'): Promise<Result<T>> | Result<T> {
  if (isContractError(error)) return failure(exchange, error);
  exchange.report('adapter-threw', `adapter.${hook} threw for ${exchange.operation}: ${String((error as Error)?.message ?? error)}`);
  return { ok: false, failure: { code: 'failed' } };
}

/** A `BackendFailure`, or the plain `{code}` / `{status}` object an adapter's `call` may throw. */
export function isContractError(value: unknown): value is BackendError {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code, status } = value as { name?: unknown; code?: unknown; status?: unknown };
  if (name === 'BackendFailure') return true;
  // A plain Error (a TypeError in a mapper, a network error) is not the adapter speaking.
  if (value instanceof Error) return false;
  return typeof code === 'string' || typeof status === 'number';
}

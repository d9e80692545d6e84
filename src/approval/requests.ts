/**
 * The two requests of the approving device, through the sign-in element's backend client: the
 * same headers, credentials, timeout and problem+json reading. Answers are checked here, and
 * every way a request goes wrong comes back as an approval failure code.
 */
import { BackendClient, type ExplainFailure, type Result } from '../backend/client.js';
import type { BackendConfig } from '../backend/config.js';
import { FALLBACK_ROUTES } from '../backend/fallback-routes.js';
import { failureFromResponse } from '../backend/problem.js';
import type { Failure } from '../machine/types.js';
import type { ApprovalFailure, ApprovalFailureCode, ApprovalRequest, Decision, DecisionOutcome } from './state.js';

const { deviceLookup: LOOKUP, deviceDecide: DECIDE } = FALLBACK_ROUTES;

/** The problem codes of these operations that the shared failure codes have no name for. */
const DEVICE_PROBLEMS: readonly ApprovalFailureCode[] = ['device-code-invalid', 'device-request-expired', 'device-request-used'];

export type Answer<T> = { ok: true; value: T } | { ok: false; failure: ApprovalFailure };

export class ApprovalRequests {
  readonly #client: BackendClient;
  /** The device problem code behind a failure the shared mapping called `failed`. */
  readonly #device = new WeakMap<Failure, ApprovalFailureCode>();

  constructor(config: () => BackendConfig) {
    const explain: ExplainFailure = (status, body, retryAfter) => {
      const failure = failureFromResponse(status, body, retryAfter);
      const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
      if ((DEVICE_PROBLEMS as readonly unknown[]).includes(code)) this.#device.set(failure, code as ApprovalFailureCode);
      return Promise.resolve(failure);
    };
    this.#client = new BackendClient(config, explain);
  }

  async lookup(code: string, signal: AbortSignal): Promise<Answer<ApprovalRequest>> {
    const receivedAt = Date.now();
    return this.#answer(await this.#client.request('deviceLookup', { code }, (value) => parseApproval(value, receivedAt), signal, LOOKUP));
  }

  async decide(code: string, decision: Decision, signal: AbortSignal): Promise<Answer<DecisionOutcome>> {
    return this.#answer(await this.#client.request('deviceDecide', { code, decision }, (value) => parseDecision(value, decision), signal, DECIDE));
  }

  #answer<T>(result: Result<T>): Answer<T> {
    if (result.ok) return result;
    const { failure } = result;
    const answer: ApprovalFailure = { code: this.#device.get(failure) ?? sharedCode(failure) };
    if (failure.retryAfter !== undefined) answer.retryAfter = failure.retryAfter;
    return { ok: false, failure: answer };
  }
}

function sharedCode({ code }: Failure): ApprovalFailureCode {
  switch (code) {
    case 'unauthenticated':
    case 'rate-limited':
    case 'network':
    case 'request-timeout':
    case 'server':
      return code;
    // A malformed answer, a CSRF refusal or an unknown problem: nothing the person can fix but
    // trying again.
    default:
      return 'failed';
  }
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 256) : null);

/** The lookup answer, checked; its times turned into page times. Undefined when malformed. */
export function parseApproval(value: unknown, receivedAt: number): ApprovalRequest | undefined {
  const body = record(value);
  const account = text(record(body?.account)?.name);
  const requestedAt = typeof body?.requestedAt === 'string' ? Date.parse(body.requestedAt) : Number.NaN;
  const expiresIn = body?.expiresIn;
  if (!body || !account || Number.isNaN(requestedAt)) return undefined;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  // Only a country code: it is turned into a name on this side, in the reader's language.
  const place = typeof body.place === 'string' && /^[A-Z]{2}$/.test(body.place) ? body.place : null;
  return {
    account,
    browser: text(body.browser),
    os: text(body.os),
    // A request cannot come from the future; a clock ahead of this device's reads as "now".
    requestedAt: Math.min(requestedAt, receivedAt),
    place,
    expiresAt: receivedAt + expiresIn * 1000,
  };
}

/** The decision answer must say what was asked: an approval answered `denied` is malformed. */
export function parseDecision(value: unknown, decision: Decision): DecisionOutcome | undefined {
  const status = record(value)?.status;
  const expected: DecisionOutcome = decision === 'approve' ? 'approved' : 'denied';
  return status === expected ? expected : undefined;
}

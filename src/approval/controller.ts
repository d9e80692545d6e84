/**
 * Runs the approval steps: holds the state, runs the request a step asks for with the one
 * AbortController, drops answers that arrive after the step moved on, keeps the shown request's
 * clock, and tells the page what was decided.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackendConfig } from '../backend/config.js';
import { PasskeyLoginFunnelEvent } from '../events.js';
import { PasskeyLoginApprovalEvent } from './events.js';
import { ApprovalRequests } from './requests.js';
import { initialState, transition, type ApprovalEvent, type ApprovalState } from './state.js';

export interface ApprovalHost extends ReactiveControllerHost, EventTarget {
  backendConfig(): BackendConfig;
}

/** The relative time and the expiry on screen are redrawn this often while a request is shown. */
const TICK_MS = 15_000;
/** setTimeout's ceiling; a request that lasts longer is redrawn by the tick anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class ApprovalController implements ReactiveController {
  readonly #host: ApprovalHost;
  readonly #requests: ApprovalRequests;
  #state: ApprovalState | undefined;
  #abort: AbortController | undefined;
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(host: ApprovalHost) {
    this.#host = host;
    this.#requests = new ApprovalRequests(() => host.backendConfig());
    host.addController(this);
  }

  get state(): ApprovalState {
    return this.#state ?? initialState(undefined);
  }

  get started(): boolean {
    return this.#state !== undefined;
  }

  /** From the top with `code`: looked up at once when it has the shape of a code. */
  start(code: string | undefined): void {
    this.#stop();
    this.#enter(initialState(code));
  }

  send(event: ApprovalEvent): void {
    const next = transition(this.state, event);
    if (next !== this.#state) this.#enter(next);
  }

  hostConnected(): void {
    this.#connected = true;
    const state = this.#state;
    if (!state) return;
    // Back in the page after a move: what was cut off on the way out starts again. A decision is
    // not resent, since it may have landed: the person sees the request and decides again.
    if (state.kind === 'deciding') this.#enter({ kind: 'confirming', code: state.code, request: state.request });
    else this.#enter(state);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #enter(next: ApprovalState): void {
    const previous = this.#state;
    this.#state = next;
    this.#clock(next);
    if (this.#connected) {
      if (next.kind === 'looking-up') void this.#lookup(next.code);
      if (next.kind === 'deciding') void this.#decide(next);
    }
    this.#host.requestUpdate();
    if ((next.kind === 'approved' || next.kind === 'denied') && previous?.kind === 'deciding') {
      this.#host.dispatchEvent(new PasskeyLoginApprovalEvent({ decision: next.kind }));
      this.#host.dispatchEvent(new PasskeyLoginFunnelEvent({ step: next.kind === 'approved' ? 'device-approved' : 'device-denied' }));
    }
  }

  /** A fresh signal for the next request; the previous one is aborted and its answer dropped. */
  #signal(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  async #lookup(code: string): Promise<void> {
    const signal = this.#signal();
    const answer = await this.#requests.lookup(code, signal);
    if (signal.aborted) return;
    this.send(answer.ok ? { type: 'found', request: answer.value } : { type: 'failed', failure: answer.failure });
  }

  async #decide(state: Extract<ApprovalState, { kind: 'deciding' }>): Promise<void> {
    const signal = this.#signal();
    const answer = await this.#requests.decide(state.code, state.decision, signal);
    if (signal.aborted) return;
    this.send(answer.ok ? { type: 'decided', outcome: answer.value } : { type: 'failed', failure: answer.failure });
  }

  /** While a request is shown: redraw its times now and then, and end it when it expires. */
  #clock(state: ApprovalState): void {
    this.#clearClock();
    if (state.kind !== 'confirming' || !this.#connected) return;
    const left = state.request.expiresAt - Date.now();
    this.#expiry = setTimeout(() => this.send({ type: 'expired' }), Math.min(Math.max(0, left), MAX_TIMEOUT_MS));
    this.#tick = setInterval(() => this.#host.requestUpdate(), TICK_MS);
  }

  #clearClock(): void {
    clearTimeout(this.#expiry);
    clearInterval(this.#tick);
    this.#expiry = undefined;
    this.#tick = undefined;
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#clearClock();
  }
}

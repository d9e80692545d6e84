import type { Failure } from '../machine/types.js';
import { classifyError, type Operation } from './classify.js';

export type Outcome<T> =
  | { status: 'ok'; value: T }
  /** This owner aborted it: an internal transition, nothing to show. */
  | { status: 'aborted' }
  /** Another element's modal request took over the page's one WebAuthn slot. */
  | { status: 'preempted' }
  | { status: 'failed'; failure: Failure; errorName: string };

export interface Ceremony<T> {
  /**
   * `conditional` requests (autofill) yield to any other request and resume when the page's slot
   * is free again; `modal` requests (a click) take the slot from whoever holds it.
   */
  mode: 'conditional' | 'modal';
  operation: Operation;
  start: () => Promise<T>;
  /** Aborts the request `start` made (the library's abort service owns its AbortController). */
  cancel: () => void;
  /** Give up on a request that has not settled after this long (modal requests only). */
  watchdogMs?: number;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Entry {
  owner: object;
  cancel: () => void;
  settled: Promise<Settled>;
  /** Set once someone aborts it: its owner, another element's click, or the watchdog. */
  why?: 'owner' | 'preempted' | 'watchdog';
}

interface Waiter {
  owner: object;
  wake: (go: boolean) => void;
}

/** How long an abort may take to reject before the slot is treated as free anyway. */
export const SETTLE_MS = 500;
/** After the watchdog aborts a request, how long it may take to settle before we stop waiting. */
export const WATCHDOG_GRACE_MS = 2_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const unsettled: Promise<Settled> = Promise.resolve({ ok: false, error: undefined });

/**
 * One WebAuthn request in flight per page, across every `<passkey-login>` and every copy of this
 * script: Chrome rejects a second request with "A request is already pending" and some platforms
 * never settle the first (FAILURES.md, ceremony rules). The coordinator aborts with an intent flag,
 * because an AbortError alone cannot say who aborted.
 *
 * The slot is claimed synchronously and held until the request it started has settled, so a
 * request never starts while an aborted one is still winding down.
 */
export class CeremonyCoordinator {
  #current?: Entry;
  #waiting: Waiter[] = [];

  /** The owner whose request holds the slot, if any. */
  get holder(): object | undefined {
    return this.#current?.owner;
  }

  async run<T>(owner: object, ceremony: Ceremony<T>): Promise<Outcome<T>> {
    // A newer request of the same owner replaces one still waiting for the slot (e.g. autofill
    // re-armed with fresh options while another element held the slot).
    this.#dropWaiting(owner);
    for (;;) {
      const holder = this.#current;
      if (ceremony.mode === 'conditional' && holder && holder.owner !== owner) {
        if (!(await this.#wait(owner))) return { status: 'aborted' };
        continue;
      }
      const entry: Entry = { owner, cancel: () => {}, settled: unsettled };
      this.#current = entry;
      if (holder) await this.#stop(holder, holder.owner === owner ? 'owner' : 'preempted');
      if (entry.why === 'owner') return { status: 'aborted' };
      if (entry.why === 'preempted') {
        if (ceremony.mode === 'modal') return { status: 'preempted' };
        continue;
      }

      entry.cancel = ceremony.cancel;
      entry.settled = ceremony.start().then(
        (value): Settled => ({ ok: true, value }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
      const result = await this.#settle(entry, ceremony.watchdogMs);
      if (this.#current === entry) this.#release();

      if (entry.why === 'watchdog') {
        return { status: 'failed', failure: { code: 'timed-out' }, errorName: 'Timeout' };
      }
      if (result.ok) return { status: 'ok', value: result.value as T };
      if (entry.why === 'preempted') {
        // A conditional request waits its turn again; a modal one tells its owner.
        if (ceremony.mode === 'modal') return { status: 'preempted' };
        continue;
      }
      const classified = classifyError(result.error, ceremony.operation, entry.why === 'owner');
      if (classified.kind === 'aborted') return { status: 'aborted' };
      return { status: 'failed', failure: classified.failure, errorName: classified.name };
    }
  }

  /** Aborts this owner's request, running or waiting, and resolves once it has let go. */
  async abort(owner: object): Promise<void> {
    this.#dropWaiting(owner);
    const entry = this.#current;
    if (entry?.owner === owner) await this.#stop(entry, 'owner');
  }

  async #settle(entry: Entry, watchdogMs: number | undefined): Promise<Settled> {
    if (!watchdogMs) return entry.settled;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<Settled>((resolve) => {
      timer = setTimeout(() => {
        entry.why ??= 'watchdog';
        entry.cancel();
        // Some platforms never settle even an aborted request: stop waiting after a grace period.
        const grace = delay(WATCHDOG_GRACE_MS).then((): Settled => ({ ok: false, error: undefined }));
        resolve(Promise.race([entry.settled, grace]));
      }, watchdogMs);
    });
    try {
      return await Promise.race([entry.settled, watchdog]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #stop(entry: Entry, why: 'owner' | 'preempted'): Promise<void> {
    entry.why ??= why;
    entry.cancel();
    // FAILURES.md: wait for the aborted request to reject before starting another, or Chrome
    // answers the next one with "A request is already pending".
    await Promise.race([entry.settled, delay(SETTLE_MS)]);
    if (this.#current === entry) this.#release();
  }

  #dropWaiting(owner: object): void {
    this.#waiting = this.#waiting.filter((waiter) => {
      if (waiter.owner !== owner) return true;
      waiter.wake(false);
      return false;
    });
  }

  #wait(owner: object): Promise<boolean> {
    return new Promise<boolean>((resolve) => this.#waiting.push({ owner, wake: resolve }));
  }

  #release(): void {
    this.#current = undefined;
    // Wake one waiting conditional request; it checks the slot again before starting.
    this.#waiting.shift()?.wake(true);
  }
}

const KEY = Symbol.for('passkey-login.ceremony-coordinator.v1');

/** The page's one coordinator, created on first use (never at import time) and shared across bundles. */
export function pageCoordinator(scope: typeof globalThis = globalThis): CeremonyCoordinator {
  const holder = scope as unknown as Record<symbol, CeremonyCoordinator | undefined>;
  return (holder[KEY] ??= new CeremonyCoordinator());
}

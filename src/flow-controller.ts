/**
 * Runs the flow: feeds events to the pure machine and carries out the effects it asks for. It is
 * the only place that starts WebAuthn requests, fetches, timers and DOM events, so it is also the
 * only place that cancels them: on disconnect everything it started stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BackendClient, type Parse, type Report, type Result } from './backend/client.js';
import { anySignal } from './backend/signals.js';
import type { BackendConfig } from './backend/config.js';
import { asRequestOptions, asSession, asSignInResult } from './backend/validate.js';
import { PasskeyLoginStateEvent } from './events/state.js';
import { PasskeyLoginSuccessEvent } from './events/success.js';
import { initial, transition } from './machine/transition.js';
import type { Capabilities, Effect, Event, Failure, Snapshot, StateKind } from './machine/types.js';
import { loadSteps, stepsIfLoaded, type StepsModule } from './load-steps.js';
import type { FallbackSettings, FlowApi } from './steps/effects.js';
import type { Route } from './backend/config.js';
import { detectCapabilities } from './webauthn/capabilities.js';
import { autofillRequest, signInRequest } from './webauthn/ceremonies.js';
import { pageCoordinator, type Ceremony, type Outcome } from './webauthn/coordinator.js';

/**
 * The longest an element of the page's markup waits for its first answers before showing its form:
 * at 4× CPU the start alone takes 10–40 ms, and the answer is in 50–65 ms after the upgrade on
 * loopback.
 */
const HOLD_MS = 100;

/**
 * Waits only where the page's own document came back within this (Navigation Timing: request
 * sent → first byte), a sign that the options answer will too, while the form is still being built
 * and laid out (25–35 ms at 1× CPU). Farther, the answer comes after the form anyway and waiting
 * only shows the form later: with every answer 40 ms late (`BENCH_DELAY=40`), 25–52 ms later at
 * 1× CPU and 48 ms at 4×, autofill armed no sooner. Without the figure (no Navigation Timing) it
 * does not wait. `navigator.connection.rtt` cannot tell: 100 on loopback in headless Chromium. A
 * document from the HTTP cache looks near whatever the API's distance: the wait is still at most
 * HOLD_MS.
 */
const NEAR_MS = 30;

/** Whether the page's own document came back within NEAR_MS. */
function cameFromNear(): boolean {
  const [page] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return (page ? page.responseStart - page.requestStart : NEAR_MS) < NEAR_MS;
}

export interface FlowHost extends ReactiveControllerHost, HTMLElement, FallbackSettings {
  backendConfig(): BackendConfig;
  /** Where to go after sign-in when the backend names no redirect (the `redirect` attribute). */
  readonly redirect?: string | undefined;
  readonly checkSession: boolean;
  /** `off`: no sign-up by passkey. */
  readonly signUp: string;
  /** Makes the current `preset` part of the configuration; a promise while a named one loads. */
  presetReady(): Promise<void> | undefined;
  /** The identifier input in the element's render root, once rendered. */
  identifierInput(): HTMLInputElement | null;
  /** Loads the steps beyond the form once (their styles adopted, the fallbacks configured). */
  loadViews(): Promise<void>;
}

/** What the requests in flight were sent with: the settings as JSON, and the hooks by identity. */
interface SentWith {
  key: string;
  fetch?: BackendConfig['fetch'];
  adapter?: BackendConfig['adapter'];
}

export class FlowController implements ReactiveController {
  readonly #host: FlowHost;
  readonly #client: BackendClient;
  #snapshot: Snapshot;
  #connected = false;
  /** Aborts every backend request of the current connection. */
  #requests = new AbortController();
  /** Aborts the request of the current step only (registration options, verify, sign-out). */
  #step = new AbortController();
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #startTimer: ReturnType<typeof setTimeout> | undefined;
  /** Upgraded where the page's markup put it (see `hostUpdate`). */
  readonly #inPlace: boolean;
  #capabilities!: Promise<Capabilities>;
  /** The first requests have gone out on this connection. */
  #started = false;
  /** The configuration the requests in flight were sent with: what a change is measured against. */
  #sentWith: SentWith | undefined;
  /** Stops following the page's other elements signing in and out. */
  #unlisten: (() => void) | undefined;
  /** The fallback steps' timers and listeners, by name: each entry stops one. */
  #timers = new Map<string | symbol, () => void>();
  /**
   * Set while an element of the page's markup renders nothing, until autofill is armed or there is
   * nothing to arm: its first render and the layout after it (35 ms at 1× CPU) would otherwise sit
   * between the options answer, back in a millisecond or two from a near server, and the request
   * it arms. Only where the page came from near (NEAR_MS), and never longer than HOLD_MS, so a
   * slow answer does not keep the form away. Resolves when the form may show.
   */
  held?: Promise<void>;
  #release?: () => void;

  constructor(host: FlowHost) {
    this.#host = host;
    // Constructed while already in the document: an element of the page's markup, upgraded when
    // the definition arrived. One created by a script is constructed before it is inserted.
    // Only such an element reads Navigation Timing (`cameFromNear`).
    if ((this.#inPlace = host.isConnected) && cameFromNear()) {
      this.held = new Promise((resolve) => {
        const deadline = setTimeout(
          (this.#release = () => {
            clearTimeout(deadline);
            this.#release = this.held = undefined;
            resolve();
            host.requestUpdate();
            this.#announce();
          }),
          HOLD_MS,
        );
      });
    }
    // What the client puts up with (a value out of range, a field left aside) is for developers.
    const report: Report = (code, detail) => this.#later({ type: 'diagnostic', code, detail });
    this.#client = new BackendClient(
      () => host.backendConfig(),
      (status, body, retryAfter) =>
        loadSteps().then(
          (steps) => steps.failureFromResponse(status, body, retryAfter, report),
          // Without the mapping, the status alone still gives an honest message and a retry.
          (): Failure => ({ code: status >= 500 ? 'server' : 'failed', ...(status > 0 ? { status } : {}) }),
        ),
      report,
    );
    this.#snapshot = initial().snapshot;
    host.addController(this);
  }

  get snapshot(): Snapshot {
    return this.#snapshot;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#requests = new AbortController();
    this.#step = new AbortController();
    globalThis.addEventListener('pageshow', this.#onPageShow);
    // Asked at once, not with the first requests: the answer takes a few milliseconds and decides
    // which buttons the first paint shows.
    this.#capabilities = detectCapabilities();
    // Not yet: a script right after the tag, a framework's property bindings (Angular, React's
    // layout effects, @lit/react) and a microtask after `append()` all configure the element
    // after it connects, and Lit applies properties set before the upgrade only in its first
    // update. Once that update is done, all of them have had their say: the first requests go
    // out in this task, before the first paint, rather than a task later. A language other than
    // English holds the first update for its words; the next task does not wait for them.
    this.#startTimer = setTimeout(() => this.#startOnce());
    void this.#host.updateComplete.then(() => this.#startOnce());
  }

  /**
   * Lit: the host is about to render. An element of the page's markup (a site's tag, upgraded by
   * the script) starts now, so its first requests are out while the form is built and laid out
   * rather than after: its attributes were there from the start, and properties set before the
   * upgrade have just been applied. One created by a script waits for the end of that update,
   * for configuration set a microtask after `append()`.
   */
  hostUpdate(): void {
    if (this.#inPlace) this.#startOnce();
  }

  #startOnce(): void {
    if (this.#startTimer === undefined) return;
    clearTimeout(this.#startTimer);
    this.#startTimer = undefined;
    this.#start();
  }

  #start(): void {
    // A named preset loads first: the first requests are the preset backend's.
    const preset = this.#host.presetReady();
    if (preset) {
      void preset.then(() => {
        if (this.#connected && !this.#started) this.#start();
        // After the start, which begins the flow afresh: the fallbacks (with the preset's
        // methods) may have been handed over while the preset's file was on its way.
        this.configure();
      });
      return;
    }
    this.#started = true;
    this.#sentWith = this.#configuration();
    const start = initial({ checkSession: this.#host.checkSession, identifier: this.#snapshot.context.identifier, signUp: this.#host.signUp !== 'off' });
    this.#apply(start.snapshot, start.effects);
    // A fresh start has a fresh context: an element moved in the page (disconnected, then
    // connected again) gets its other ways back at once.
    this.configure();
  }

  /** `preset` changed after the start: once it is in the configuration, as any other change. */
  presetChanged(): void {
    if (!this.#started) return;
    void (this.#host.presetReady() ?? Promise.resolve()).then(() => {
      this.configurationChanged();
      this.configure();
    });
  }

  /** `sign-up` changed: read at the start, and handed to the flow when it changes later. */
  signUpChanged(): void {
    const enabled = this.#host.signUp !== 'off';
    // The first update reports every property as changed, after the start has read them all.
    if (this.#started && enabled === Boolean(this.#snapshot.context.signUpOff)) this.send({ type: 'sign-up', enabled });
  }

  /**
   * The element's backend settings changed. Requests read the configuration when they start, so
   * later ones follow it anyway; what needs doing is the requests already out: while the element
   * starts up (or its form is idle) they are sent again with the new configuration, so the first
   * answers the person sees come from where the page says. A framework that re-renders with an
   * equal configuration (a new object, the same JSON) changes nothing.
   */
  configurationChanged(): void {
    if (!this.#started || !this.#connected) return;
    const before = this.#sentWith;
    const now = this.#configuration();
    const starting = this.#snapshot.state.kind === 'checking';
    // A hook or adapter replaced while the first answers are awaited would have sent them
    // differently; once the form is up, it simply serves the next request.
    const moved = now.key !== before?.key || (starting && (now.fetch !== before?.fetch || now.adapter !== before?.adapter));
    this.#sentWith = now;
    if (moved) this.send({ type: 'reconfigured', checkSession: this.#host.checkSession });
  }

  #configuration(): SentWith {
    try {
      const { fetch, adapter, ...rest } = this.#host.backendConfig();
      return { key: JSON.stringify(rest), fetch, adapter };
    } catch {
      // A malformed setting: every request fails with `failed`, as the client reports it.
      return { key: '' };
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#started = false;
    this.#release?.();
    clearTimeout(this.#startTimer);
    this.#startTimer = undefined;
    globalThis.removeEventListener('pageshow', this.#onPageShow);
    this.#unlisten?.();
    this.#unlisten = undefined;
    clearTimeout(this.#refreshTimer);
    this.#api.clearTimers();
    this.#requests.abort();
    this.#step.abort();
    // Removing the element mid-ceremony must close the browser's sheet and free the page's slot.
    void pageCoordinator().abort(this);
  }

  /**
   * Feeds one event to the machine and starts its effects synchronously: a click's WebAuthn request
   * is started from the click itself, waiting only for an armed autofill request to let go.
   */
  send(event: Event): void {
    if (!this.#connected) return;
    // Once the steps chunk is here, the fallback machine wraps the core one.
    const steps = stepsIfLoaded();
    const { context } = this.#snapshot;
    const signingUp = event.type === 'submit' && Boolean(context.identifier.trim()) && !context.signUpOff;
    const buttonFailed = event.type === 'options-failed' && this.#snapshot.state.kind === 'preparing';
    const signedIn = event.type === 'verified' || event.type === 'session-found';
    const lazy = signedIn || /^(ceremony-failed|verify-failed|choose)$/.test(event.type);
    if (!steps && (lazy || signingUp || buttonFailed)) {
      // Failures, sign-up, the other ways in and being signed in (its view, the passkey offers,
      // the redirect) are carried out by the steps chunk, as are the views that show them.
      // Should it not load (offline), a sign-in still stands, shown with a way to load its view
      // again; anything else brings the form back, as after a page restore.
      this.#host.loadViews().then(
        () => this.send(event),
        () => {
          const { snapshot, effects } = transition(this.#snapshot, signedIn ? event : { type: 'page-restored' });
          this.#apply(snapshot, effects);
        },
      );
      return;
    }
    const before = this.#snapshot;
    const { snapshot, effects } = (steps?.withFallbacks ?? transition)(before, event);
    // A keystroke on the form: the input already shows it, and nothing else there depends on it
    // (unless the ways in were narrowed for what was typed before), so no render.
    const typed = event.type === 'input' && snapshot.state === before.state && before.state.kind === 'ready' && !before.context.fallbacks?.narrowedFor;
    this.#apply(snapshot, effects, typed);
    steps?.observe(event, before, snapshot, effects, this.#api);
  }

  /** Hands the element's fallback settings to the flow; called when they change and once the fallbacks load. */
  configure(): void {
    const steps = stepsIfLoaded();
    if (!steps || !this.#connected) return;
    // One page, one session: another element signing in or out shows here too.
    this.#unlisten ??= steps.followPageSession(this.#host, (event) => this.#started && this.send(event));
    this.send(steps.configuration(this.#host, this.#client.reference));
  }

  readonly #api: FlowApi = {
    send: (event) => this.send(event),
    offers: (operation) => this.#client.offers(operation),
    request: (operation, body, parse, then, step, route) =>
      this.#request(operation, body, parse, step ? this.#newStep() : this.#requests.signal, then, route),
    ceremony: (ceremony, then) => this.#ceremony(ceremony, then),
    timer: (name, ms, fire) => {
      this.#timers.get(name)?.();
      const id = setTimeout(fire, ms);
      this.#timers.set(name, () => clearTimeout(id));
    },
    scope: () => {
      const scope = new AbortController();
      this.#timers.set(Symbol(), () => scope.abort());
      return scope.signal;
    },
    clearTimers: () => {
      for (const stop of this.#timers.values()) stop();
      this.#timers.clear();
    },
    refresh: () => this.#host.requestUpdate(),
    dispatch: (event) => this.#host.dispatchEvent(event),
    redirect: () => this.#host.redirect,
  };

  #apply(snapshot: Snapshot, effects: Effect[], quiet = false): void {
    const before = this.#snapshot;
    if (snapshot.state === before.state && snapshot.context === before.context && effects.length === 0) return;
    this.#snapshot = snapshot;
    if (snapshot.state.kind !== 'checking' && snapshot.context.autofill !== 'waiting') this.#release?.();
    // Asked for first, so an effect awaiting `updateComplete` sees the new step's DOM.
    if (!quiet) this.#host.requestUpdate();
    for (const effect of effects) this.#run(effect);
    this.#announce();
  }

  /** The step the element shows: `checking` while `held`, whatever the flow has found out. */
  get shown(): StateKind {
    return this.held ? 'checking' : this.#snapshot.state.kind;
  }

  #announced: StateKind = 'checking';

  /** Tells the page when the step the element shows changes (see `shown`). */
  #announce(): void {
    const previous = this.#announced;
    if ((this.#announced = this.shown) !== previous) this.#host.dispatchEvent(new PasskeyLoginStateEvent({ state: this.#announced, previous }));
  }

  #onPageShow = (event: PageTransitionEvent): void => {
    // A page restored from the back/forward cache has lost its pending WebAuthn request.
    if (event.persisted) this.send({ type: 'page-restored' });
  };

  #run(effect: Effect): void {
    switch (effect.type) {
      case 'detect-capabilities':
        void this.#capabilities.then((capabilities) => this.send({ type: 'capabilities-detected', capabilities }));
        return;
      case 'check-session':
        // Any failure here means "not signed in": the form is the safe default.
        this.#request('session', undefined, asSession, this.#requests.signal, (result) =>
          this.send(result.ok && result.value ? { type: 'session-found', result: result.value } : { type: 'session-absent' }),
        );
        return;
      case 'fetch-auth-options':
        this.#request('authenticationOptions', {}, asRequestOptions, this.#requests.signal, (result) =>
          this.send(result.ok ? { type: 'options-loaded', options: result.value } : { type: 'options-failed', failure: result.failure }),
        );
        return;
      case 'schedule-refresh':
        clearTimeout(this.#refreshTimer);
        this.#refreshTimer = setTimeout(() => this.send({ type: 'options-stale' }), effect.afterMs);
        return;
      case 'arm-autofill':
        this.#armAutofill(effect.optionsId, effect.options);
        return;
      case 'abort-ceremony':
        void pageCoordinator().abort(this);
        return;
      case 'start-get':
        // Immediate mode comes with the steps chunk, and needs the click's user activation:
        // without it (a click from script) the request would wait for its timeout; the sheet it is.
        this.#ceremony(
          (effect.immediate && navigator.userActivation?.isActive && stepsIfLoaded()?.immediateRequest(effect.options)) ||
            signInRequest(effect.options),
          (outcome) => {
            if (outcome.status === 'ok') this.send({ type: 'ceremony-succeeded', response: outcome.value });
            else this.#ceremonyFailed(outcome);
          },
        );
        return;
      case 'verify-authentication':
        // The credential id lets an unknown-credential answer be signalled to the authenticator.
        this.#verify('authenticationVerify', effect.response, effect.response.id);
        return;
      case 'verify-registration':
        this.#verify('registrationVerify', effect.response);
        return;
      case 'abort-request':
        this.#step.abort();
        return;
      case 'abort-requests':
        this.#requests.abort();
        this.#requests = new AbortController();
        this.#step.abort();
        return;
      case 'emit-success':
        // Already signed in on load: nothing to check, nowhere to go.
        if (effect.source === 'session') this.#host.dispatchEvent(new PasskeyLoginSuccessEvent({ user: effect.result.user, source: 'session' }));
        else this.#later(effect);
        return;
      default:
        this.#later(effect);
    }
  }

  /**
   * Effects that only rare steps ask for (sign-up, fallbacks, diagnostics, redirects) are carried
   * out by the steps chunk. It is loaded before any view that can ask for them is on screen,
   * so a click's `create()` still runs inside the click; the rest may wait for it to load. (Sign-up's
   * effects come from its own machine, which is in that chunk: only the core's can find it missing.)
   */
  #later(effect: Effect): void {
    const run = (steps: StepsModule) => this.#connected && steps.runEffect(effect, this.#api);
    const loaded = stepsIfLoaded();
    if (loaded) run(loaded);
    else {
      this.#host.loadViews().then(() => run(stepsIfLoaded()!), () => {
        // Offline: signed in all the same; only the redirect rules are missing, so none is followed.
        if (effect.type === 'emit-success') this.#host.dispatchEvent(new PasskeyLoginSuccessEvent({ user: effect.result.user, source: effect.source }));
      });
    }
  }

  #newStep(): AbortSignal {
    this.#step.abort();
    this.#step = new AbortController();
    return anySignal(this.#step.signal, this.#requests.signal);
  }

  #verify(operation: 'authenticationVerify' | 'registrationVerify', response: unknown, credentialId?: string): void {
    this.#request(operation, response, asSignInResult, this.#newStep(), (result) =>
      this.send(result.ok ? { type: 'verified', result: result.value } : { type: 'verify-failed', failure: result.failure, credentialId }),
    );
  }

  #request<T>(
    operation: Parameters<BackendClient['request']>[0],
    body: unknown,
    parse: Parse<T>,
    signal: AbortSignal,
    then: (result: Result<T>) => void,
    route?: Route,
  ): void {
    void this.#client.request(operation, body, parse, signal, route).then((result) => {
      // A request cancelled by a newer step or by disconnect has nobody left to answer.
      if (!signal.aborted) then(result);
    });
  }

  #ceremony<T>(ceremony: Ceremony<T>, then: (outcome: Outcome<T>) => void): void {
    void pageCoordinator()
      .run(this, ceremony)
      .then((outcome) => {
        if (this.#connected) then(outcome);
      });
  }

  #ceremonyFailed(outcome: Exclude<Outcome<unknown>, { status: 'ok' }>): void {
    if (outcome.status === 'failed') this.send({ type: 'ceremony-failed', failure: outcome.failure });
    // Another element's click took the page's WebAuthn slot: like our own Cancel.
    else if (outcome.status === 'preempted') this.send({ type: 'cancel' });
  }

  #armAutofill(optionsId: number, options: Parameters<typeof autofillRequest>[0]): void {
    // Checked once the form has rendered: autofill may re-arm while the form is coming back.
    void this.#host.updateComplete.then(() => {
      const tokens = this.#host.identifierInput()?.autocomplete.trim().split(/\s+/) ?? [];
      // HTML §4.10.18.7.1: the token must come last, or the browser offers no passkeys.
      if (this.#connected && this.#snapshot.context.autofill === 'armed' && tokens.at(-1) !== 'webauthn') {
        this.#later({ type: 'diagnostic', code: 'autofill-input-missing' });
      }
    });
    this.#ceremony(autofillRequest(options), (outcome) => {
      if (outcome.status === 'ok') this.send({ type: 'autofill-succeeded', optionsId, response: outcome.value });
      else if (outcome.status === 'failed') this.send({ type: 'autofill-failed', optionsId, failure: outcome.failure });
    });
  }

}

/**
 * Carries out the effects of rare steps for the flow controller, through the small API it hands
 * over: sign-up's requests and `create()`, the fallbacks (codes, passwords, adding a passkey,
 * WebOTP, the last-used method), the success event's redirect rules, the unknown-credential
 * signal and developer diagnostics. Loaded with the steps chunk; the controller waits for it
 * when one of these effects comes first.
 */
import type { Parse, Result } from '../backend/client.js';
import type { FallbackOperation, Operation, Route } from '../backend/config.js';
import { FALLBACK_ROUTES } from '../backend/fallback-routes.js';
import { asCreationOptions } from '../backend/validate-creation.js';
import { asCodeResult, asCodeSent, asDeviceRequest, asDeviceStatus, asEnrolled, asMethods, asPasskeyCount } from '../backend/validate-fallbacks.js';
import { asAnything, asSignInResult } from '../backend/validate.js';
import { DEFAULT_METHODS, METHODS, otherMethods } from './fallbacks/machine.js';
import { MIN_CHALLENGE_TTL_MS } from '../machine/transition.js';
import type { Diagnostic, Effect, Event, Failure, FailureCode, Method, SignInResult, Snapshot, Source, State } from '../machine/types.js';
import type { Ceremony, Outcome } from '../webauthn/coordinator.js';
import { createRequest } from '../webauthn/create.js';
import { signalUnknownCredential } from '../webauthn/signal.js';
import {
  PasskeyLoginDiagnosticEvent,
  PasskeyLoginFailureEvent,
  PasskeyLoginFunnelEvent,
  PasskeyLoginSignedOutEvent,
  PasskeyLoginSuccessEvent,
  type FunnelDetail,
} from '../events.js';
import { safeRedirect, webUrl } from '../redirects.js';
import { diagnosticMessage } from '../diagnostics.js';

/** What the controller lends the fallback effects. Requests and timers it owns stop on disconnect. */
export interface FlowApi {
  send(event: Event): void;
  /** Whether the backend has `operation` (the site may turn one off with `false` in `endpoints`). */
  offers(operation: Operation): boolean;
  /**
   * A backend request. `step` requests replace the current step's request; the others (a methods
   * lookup) run beside it. Answers nobody is waiting for any more are dropped.
   */
  request<T>(
    operation: Operation,
    body: unknown,
    parse: Parse<T>,
    then: (result: Result<T>) => void,
    step: boolean,
    route?: Route,
  ): void;
  ceremony<T>(ceremony: Ceremony<T>, then: (outcome: Outcome<T>) => void): void;
  /** Runs `fire` after `ms`; replaces the timer of the same name. Cleared by `clearTimers` and on disconnect. */
  timer(name: string, ms: number, fire: () => void): void;
  /** A signal aborted with the timers: for work that belongs to the current fallback step. */
  scope(): AbortSignal;
  clearTimers(): void;
  /** Renders again, for a countdown on screen. */
  refresh(): void;
  /** Dispatches an event on the element. */
  dispatch(event: globalThis.Event): boolean;
  /** The element's `redirect` attribute. */
  redirect(): string | undefined;
}

/** What a site owner sets on the element for fallbacks. */
export interface FallbackSettings {
  readonly methods?: string | readonly Method[] | undefined;
  /** The preset backend's ways in, for a site that sets no `methods`. */
  readonly presetMethods?: readonly Method[] | undefined;
  readonly fallbackRoutes?: Partial<Record<FailureCode, Method>> | undefined;
  readonly supportContact?: string | undefined;
  readonly approveUrl?: string | undefined;
  readonly passwordMinLength?: number | undefined;
}

const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';
const NUDGE_KEY = 'passkey-login.backup-nudge-dismissed';
/** After "Not now", the passkey offer stays away this long (UX.md: a frequency cap). */
export const SNOOZE_MS = 30 * 24 * 60 * 60 * 1000;

const isMethod = (value: unknown): value is Method => (METHODS as readonly unknown[]).includes(value);

// Storage may be missing or throw (privacy modes, sandboxed frames): the offer and the "Last
// used" hint are niceties, never a reason to fail.
function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // see read()
  }
}

/** `methods="passkey email-code password"` (spaces or commas), or an array; unknown names are dropped with a warning. */
export function parseMethods(value: FallbackSettings['methods']): Method[] {
  if (value === undefined || value === null || value === '') return [...DEFAULT_METHODS];
  const names = typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [...value];
  const known = names.filter(isMethod);
  if (known.length < names.length) {
    console.warn(`[passkey-login] methods: unknown names ignored; known are ${METHODS.join(', ')}.`);
  }
  return [...new Set(known)];
}

/**
 * The `configure` event for the element's settings and what this browser remembers. Synchronous,
 * so the fallbacks are on offer from the moment the steps chunk has loaded.
 */
export function configuration(settings: FallbackSettings, reference = ''): Extract<Event, { type: 'configure' }> {
  const routes: Partial<Record<FailureCode, Method>> = {};
  for (const [code, method] of Object.entries(settings.fallbackRoutes ?? {})) {
    if (isMethod(method)) routes[code as FailureCode] = method;
  }
  const last = read(LAST_USED_KEY);
  const dismissed = Number(read(SNOOZE_KEY));
  const nudged = read(NUDGE_KEY);
  return {
    type: 'configure',
    methods: parseMethods(settings.methods ?? settings.presetMethods),
    routes,
    ...(isMethod(last) ? { lastUsed: last } : {}),
    offerSnoozed: dismissed > 0 && Date.now() - dismissed < SNOOZE_MS,
    // "never", or when "Not now" was pressed.
    nudgeSnoozed: nudged === 'never' || (Number(nudged) > 0 && Date.now() - Number(nudged) < SNOOZE_MS),
    ...(settings.supportContact ? { support: settings.supportContact } : {}),
    ...(settings.approveUrl ? { approve: settings.approveUrl } : {}),
    ...(settings.passwordMinLength && settings.passwordMinLength > 0 ? { passwordMinLength: settings.passwordMinLength } : {}),
    ...(reference ? { reference } : {}),
  };
}

/**
 * Another `<passkey-login>` of the page signed in or out: one page, one session. (Events are
 * composed, so they reach the document from inside any shadow root.) Returns how to stop.
 */
export function followPageSession(host: EventTarget, send: (event: Event) => void): () => void {
  const listener = (event: globalThis.Event) => {
    if (event.target === host) return;
    if (event.type === 'passkey-login-signed-out') send({ type: 'signed-out-elsewhere' });
    else send({ type: 'signed-in-elsewhere', result: { user: (event as PasskeyLoginSuccessEvent).detail.user } });
  };
  const types = ['passkey-login-signed-out', 'passkey-login-success'];
  for (const type of types) globalThis.document?.addEventListener(type, listener);
  return () => {
    for (const type of types) globalThis.document?.removeEventListener(type, listener);
  };
}

/** WebOTP (WICG): the browser reads the code from an SMS in the origin-bound format. */
function listenForOtp(api: FlowApi): void {
  if (!('OTPCredential' in globalThis)) return;
  const signal = api.scope();
  navigator.credentials
    .get({ otp: { transport: ['sms'] }, signal } as CredentialRequestOptions)
    .then((credential) => {
      const code = (credential as { code?: unknown } | null)?.code;
      if (!signal.aborted && typeof code === 'string') api.send({ type: 'code-submit', code });
    })
    // Refused, aborted or unsupported: the person types the code instead.
    .catch(() => undefined);
}

function succeed(api: FlowApi, result: SignInResult, source: Source): void {
  const redirect = safeRedirect(result.redirect) ?? webUrl(api.redirect());
  const proceed = api.dispatch(new PasskeyLoginSuccessEvent({ user: result.user, source, ...(redirect ? { redirect } : {}) }));
  if (proceed && redirect) globalThis.location.assign(redirect);
}

function diagnose(api: FlowApi, code: Diagnostic, failure?: Failure, detail?: string): void {
  const message = diagnosticMessage(code, failure, detail);
  api.dispatch(new PasskeyLoginDiagnosticEvent({ code, message }));
  console.warn(`[passkey-login] ${code}: ${message}`);
}

/** Runs one effect the core controller hands over. */
export function runEffect(effect: Effect, flow: FlowApi): void {
  const api: FlowApi = {
    ...flow,
    request: (operation, body, parse, then, step) =>
      flow.request(operation, body, parse, then, step, FALLBACK_ROUTES[operation as FallbackOperation]),
  };
  const fail = (type: 'code-send-failed' | 'code-failed' | 'password-failed' | 'registration-options-failed') =>
    <T>(result: Result<T>, ok: (value: T) => Event) => api.send(result.ok ? ok(result.value) : { type, failure: result.failure });
  switch (effect.type) {
    case 'fetch-methods': {
      // No answer is no narrowing: every configured method stays on offer. A backend without a
      // `methods` operation is never asked.
      const loaded = (methods?: Method[]) => api.send({ type: 'methods-loaded', identifier: effect.identifier, ...(methods ? { methods } : {}) });
      if (!api.offers('methods')) queueMicrotask(() => loaded());
      else api.request('methods', { identifier: effect.identifier }, asMethods, (result) => loaded(result.ok ? result.value : undefined), false);
      return;
    }
    case 'send-code': {
      const { identifier, channel, purpose } = effect;
      api.request('codeSend', { identifier, channel, purpose }, asCodeSent, (result) => fail('code-send-failed')(result, (sent) => ({ type: 'code-sent', sent })), true);
      return;
    }
    case 'verify-code':
      api.request('codeVerify', { code: effect.code, identifier: effect.identifier, channel: effect.channel }, asCodeResult, (result) =>
        fail('code-failed')(result, ({ result: signedIn, recovery }) => ({ type: 'code-verified', result: signedIn, recovery })), true);
      return;
    case 'password-sign-in':
      api.request('passwordSignIn', { identifier: effect.identifier, password: effect.password }, asSignInResult, (result) =>
        fail('password-failed')(result, (signedIn) => ({ type: 'verified', result: signedIn })), true);
      return;
    case 'set-password':
      api.request('passwordSet', { password: effect.password }, asAnything, (result) => fail('password-failed')(result, () => ({ type: 'password-saved' })), true);
      return;
    case 'fetch-enrol-options':
      // `{}` from a signed-in session: options to add a passkey to that account.
      api.request('registrationOptions', effect.conditional ? { mediation: 'conditional' } : {}, asCreationOptions, (result) =>
        fail('registration-options-failed')(result, (options) => ({ type: 'registration-options-loaded', options })), true);
      return;
    case 'conditional-create':
      api.ceremony(createRequest(effect.options, true), (outcome) => {
        if (outcome.status === 'ok') api.send({ type: 'created', response: outcome.value });
        else if (outcome.status === 'failed') api.send({ type: 'ceremony-failed', failure: outcome.failure });
        else api.send({ type: 'upgrade-done' });
      });
      return;
    case 'timer': {
      api.timer(effect.name, effect.afterMs, () => api.send(effect.event));
      if (effect.name === 'resend') {
        // The visible countdown (the live region announces only its start and end).
        const end = Date.now() + effect.afterMs;
        const tick = () => {
          api.refresh();
          if (Date.now() < end) api.timer('tick', 1000, tick);
        };
        api.timer('tick', 1000, tick);
      }
      return;
    }
    case 'clear-timers':
      api.clearTimers();
      return;
    case 'listen-otp':
      listenForOtp(api);
      return;
    case 'remember-method':
      // Only the method's name: never who signed in (SECURITY.md, the widget itself).
      write(LAST_USED_KEY, effect.method);
      return;
    case 'snooze-offer':
      write(SNOOZE_KEY, String(Date.now()));
      return;
    case 'fetch-registration-options':
      api.request('registrationOptions', { identifier: effect.identifier }, asCreationOptions, (result) =>
        fail('registration-options-failed')(result, (options) => ({ type: 'registration-options-loaded', options })), true);
      return;
    case 'start-create':
      // Called straight from the click that asked for it, so the user activation reaches create().
      api.ceremony(createRequest(effect.options), (outcome) => {
        if (outcome.status === 'ok') api.send({ type: 'created', response: outcome.value });
        else if (outcome.status === 'failed') api.send({ type: 'ceremony-failed', failure: outcome.failure });
        // Another element's click took the page's WebAuthn slot: like our own Cancel.
        else if (outcome.status === 'preempted') api.send({ type: 'cancel' });
      });
      return;
    case 'signal-unknown-credential':
      void signalUnknownCredential(effect.credentialId, effect.rpId);
      return;
    case 'emit-success':
      succeed(api, effect.result, effect.source);
      return;
    case 'diagnostic':
      diagnose(api, effect.code, effect.failure, effect.detail);
      return;
    case 'emit-failure': {
      const { code, status } = effect.failure;
      api.dispatch(new PasskeyLoginFailureEvent({ code, source: effect.source, ...(status ? { status } : {}) }));
      return;
    }
    case 'sign-out':
      // A backend without a sign-out route: the session ends on the page alone.
      if (!api.offers('signOut')) {
        queueMicrotask(() => api.send({ type: 'signed-out' }));
        return;
      }
      api.request('signOut', {}, asAnything, (result) => api.send(result.ok ? { type: 'signed-out' } : { type: 'sign-out-failed', failure: result.failure }), true);
      return;
    case 'emit-signed-out':
      api.dispatch(new PasskeyLoginSignedOutEvent());
      return;
    case 'device-request':
      api.request('deviceRequest', effect.identifier ? { identifier: effect.identifier } : {}, asDeviceRequest, (result) =>
        api.send(result.ok ? { type: 'device-requested', request: result.value } : { type: 'device-request-failed', failure: result.failure }), true);
      return;
    case 'device-status':
      api.request('deviceRequestStatus', { id: effect.id }, asDeviceStatus, (result) => {
        if (result.ok) {
          const answer = result.value;
          api.send(answer.status === 'approved' ? { type: 'device-approved', result: answer.result } : { type: 'device-status', ...answer });
        } else {
          // The backend no longer knows the request (restarted, forgotten): as good as expired.
          // Anything else may pass: the step says so and polls again, backing off.
          api.send(result.failure.status === 404 ? { type: 'device-status', status: 'expired' } : { type: 'device-poll-failed', failure: result.failure });
        }
      }, true);
      return;
    case 'verify-enrolment':
      api.request('registrationVerify', effect.response, asEnrolled, (result) =>
        api.send(
          result.ok
            ? { type: 'verified', result: result.value.result, ...(result.value.saved ? { saved: result.value.saved } : {}) }
            : { type: 'verify-failed', failure: result.failure },
        ), true);
      return;
    case 'fetch-passkeys':
      api.request('passkeys', undefined, asPasskeyCount, (result) => {
        // No list, no nudge: it is advice, never a failure.
        if (result.ok) api.send({ type: 'passkeys-loaded', ...result.value });
      }, false);
      return;
    case 'snooze-nudge':
      write(NUDGE_KEY, effect.forever ? 'never' : String(Date.now()));
      return;
    case 'redeem':
      api.request('recoveryRedeem', { identifier: effect.identifier, code: effect.code }, asCodeResult, (result) =>
        fail('code-failed')(result, ({ result: signedIn }) => ({ type: 'code-verified', result: signedIn, recovery: true })), true);
      return;
  }
}

/** WebAuthn L3 §5.4's recommended range for `timeout`, in ms; the refresh schedule bounds it (refreshDelay). */
const TIMEOUT_RANGE = [MIN_CHALLENGE_TTL_MS, 600_000] as const;

function boundsOf(timeout: number | undefined, api: FlowApi): void {
  if (timeout === undefined || (timeout >= TIMEOUT_RANGE[0] && timeout <= TIMEOUT_RANGE[1])) return;
  diagnose(api, 'out-of-range', undefined,
    `The options' timeout of ${timeout} ms is outside the ${TIMEOUT_RANGE[0]}–${TIMEOUT_RANGE[1]} ms WebAuthn recommends; ` +
      `it goes to the browser as it is, and autofill refreshes its challenge as if it were at least ${TIMEOUT_RANGE[0]} ms.`);
}

/** When each element's attempts started, by source, for the funnel's durations. */
const attempts = new WeakMap<FlowApi, Map<Source, number>>();

const CODE_SOURCE = { email: 'email-code', sms: 'sms-code' } as const;

/** The attempt an effect starts, if it starts one. */
function attemptOf(effect: Effect, before: Snapshot, after: Snapshot): Source | undefined {
  switch (effect.type) {
    case 'start-get':
      return effect.ceremony;
    case 'start-create':
      return before.state.kind === 'enrol' || after.state.kind === 'enrol' ? 'enrol' : 'create';
    case 'send-code':
      return effect.purpose === 'recovery' ? 'recovery' : CODE_SOURCE[effect.channel];
    case 'password-sign-in':
      return 'password';
    case 'redeem':
      return 'support';
    case 'device-request':
      return 'device';
    case 'verify-authentication':
      // An autofill pick is its own attempt: nothing started it before the person chose.
      return effect.source === 'autofill' ? 'autofill' : undefined;
    default:
      return undefined;
  }
}

/**
 * Turns one step of the flow into funnel events (`passkey-login-funnel`), from the event, the
 * snapshots on either side and the effects: the machine stays free of analytics, and nothing
 * personal can leak into a detail because none is ever read.
 */
export function observe(event: Event, before: Snapshot, after: Snapshot, effects: Effect[], api: FlowApi): void {
  const emit = (detail: FunnelDetail) => api.dispatch(new PasskeyLoginFunnelEvent(detail));
  const started = attempts.get(api) ?? new Map<Source, number>();
  attempts.set(api, started);
  // Measured from the attempt of the same source: a passkey offered after a code sign-in does
  // not restart the code's clock.
  const since = (source: Source) => {
    const start = started.get(source);
    return start === undefined ? {} : { durationMs: Math.round(performance.now() - start) };
  };
  if (event.type === 'use-method') emit({ step: 'fallback-chosen', method: event.method });
  if (before.state.kind === 'device' && before.state.phase === 'waiting') {
    if (event.type === 'device-approved') emit({ step: 'device-approved' });
    if (event.type === 'device-status' && event.status === 'denied') emit({ step: 'device-denied' });
  }
  // The passkey offer after a code sign-in, or the choice after a recovery code.
  const offering = (state: State) => (state.kind === 'enrol' && state.phase === 'offer') || state.kind === 'recovered';
  if (offering(before.state)) {
    if (event.type === 'enrol') emit({ step: 'enrol-accepted' });
    if (event.type === 'dismiss') emit({ step: 'enrol-declined' });
  }
  if (event.type === 'options-loaded') boundsOf(event.options.timeout, api);
  // Options that arrived before this chunk did are looked at when it first configures the flow.
  if (event.type === 'configure' && !before.context.fallbacks && before.context.auth) boundsOf(before.context.auth.options.timeout, api);
  for (const effect of effects) {
    const attempt = attemptOf(effect, before, after);
    if (attempt) {
      started.set(attempt, performance.now());
      emit({ step: 'attempt', source: attempt });
      if (attempt === 'device') emit({ step: 'device-requested' });
    } else if (effect.type === 'emit-failure') {
      emit({ step: 'failure', reason: effect.failure.code, source: effect.source, ...since(effect.source) });
    } else if (effect.type === 'emit-success') {
      emit({ step: 'success', source: effect.source, ...since(effect.source) });
    }
  }
  const { kind } = after.state;
  if (kind !== before.state.kind) {
    const offered = otherMethods(after.context);
    // Back from "Need help?" offers nothing new.
    if ((kind === 'failed' || kind === 'choosing' || kind === 'returning') && offered.length && before.state.kind !== 'help') {
      emit({ step: 'fallback-offered', methods: offered });
    }
    if (offering(after.state)) emit({ step: 'enrol-offered' });
    if (kind === 'help') emit({ step: 'help-opened' });
  }
}

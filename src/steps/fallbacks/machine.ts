/**
 * The ways in besides a passkey on this device: one-time codes, password, recovery, and the
 * passkey offers that follow them. Pure like transition.ts, which it wraps: `withFallbacks` sees
 * every event first, handles the fallback states and events, and lets the core machine do the
 * rest, then re-routes failures the site owner asked to route. It loads with the steps chunk;
 * until then the element offers only passkeys.
 */
import { arm, backToForm, canUse, canUsePasskeys, done, editIdentifier, forgetAuth, stopAutofill, transition, type Step } from '../../machine/transition.js';
import { CODE_LENGTH } from '../../backend/bounds.js';
import { failures } from '../failures/machine.js';
import { signUp } from '../sign-up/machine.js';
import type {
  CodeChannel,
  CodePurpose,
  Context,
  Effect,
  Event,
  Failure,
  Fallbacks,
  Method,
  SavedPasskey,
  SignInResult,
  Snapshot,
  Source,
  State,
  Transition,
} from '../../machine/types.js';

export const METHODS: readonly Method[] = ['passkey', 'hybrid', 'email-code', 'sms-code', 'password', 'device'];

/** What `methods` means when the site owner does not set it: passkeys only, as before fallbacks. */
export const DEFAULT_METHODS: readonly Method[] = ['passkey', 'hybrid'];

/**
 * A silent passkey upgrade gets this long before the sign-in finishes without it: the person is
 * signed in already, and a password manager that adds a passkey does so at once.
 */
export const UPGRADE_LIMIT_MS = 1_000;

const isPasskey = (method: Method): method is 'passkey' | 'hybrid' => method === 'passkey' || method === 'hybrid';

/**
 * Methods on offer right now, the last used first: the site owner's list, without what this
 * browser cannot do, narrowed by the backend for the identifier typed (when it has answered for
 * that identifier).
 */
export function offered(context: Context): Method[] {
  const fallbacks = context.fallbacks;
  if (!fallbacks) return [];
  const narrowed = fallbacks.narrowedFor === context.identifier.trim() ? fallbacks.narrowed : undefined;
  // Approval from another device needs nothing of the account but a signed-in device: the
  // backend's list does not narrow it. An account without a passkey has none on a phone either.
  const list = fallbacks.methods.filter((method) =>
    method === 'device' ||
    ((!narrowed || narrowed.includes(isPasskey(method) ? 'passkey' : method)) && (!isPasskey(method) || canUse(context, method))),
  );
  const last = fallbacks.lastUsed;
  return last && list.includes(last) ? [last, ...list.filter((method) => method !== last)] : list;
}

/** The methods that are not a passkey: what a failure or the form offers beside its passkey buttons. */
export const otherMethods = (context: Context): Method[] => offered(context).filter((method) => !isPasskey(method));

/** "Forgot password?" goes through the first code channel on offer. */
export function recoveryChannel(context: Context): CodeChannel | undefined {
  // The site owner's order, not "last used": recovery goes where they prefer it to go.
  const on = offered(context);
  const code = context.fallbacks?.methods.find((method) => (method === 'email-code' || method === 'sms-code') && on.includes(method));
  return code === 'email-code' ? 'email' : code === 'sms-code' ? 'sms' : undefined;
}

const sourceOf = (channel: CodeChannel, purpose: CodePurpose): Source =>
  purpose === 'recovery' ? 'recovery' : channel === 'email' ? 'email-code' : 'sms-code';

/** Asks the backend which methods this identifier has, once per identifier. */
function narrow(context: Context): Effect[] {
  const identifier = context.identifier.trim();
  const fallbacks = context.fallbacks;
  if (!identifier || !fallbacks || fallbacks.narrowedFor === identifier || fallbacks.asking === identifier) return [];
  if (!fallbacks.methods.some((method) => !isPasskey(method))) return [];
  return [{ type: 'fetch-methods', identifier }];
}

function sendCode(context: Context, channel: CodeChannel, purpose: CodePurpose, effects: Effect[] = []): Step {
  return [
    { kind: 'code', channel, purpose, phase: 'sending', canResend: false, expired: false },
    context,
    [...effects, { type: 'clear-timers' }, { type: 'send-code', identifier: context.identifier, channel, purpose }],
  ];
}

/** Starts a method from the form, a failure or the chooser, carrying the identifier over. */
function useMethod(state: State, context: Context, method: Method): Step {
  if (isPasskey(method)) {
    const { snapshot, effects } = transition({ state: { kind: 'ready' }, context }, { type: 'sign-in', ceremony: method });
    const next = snapshot.state;
    // Cancel from the browser's sheet comes back to where the person chose it.
    const back = state.kind === 'choosing' && (next.kind === 'preparing' || (next.kind === 'ceremony' && next.ceremony !== 'create')) ? { ...next, back: 'choosing' as const } : next;
    return [back, snapshot.context, effects];
  }
  const identifier = context.identifier.trim();
  // The approving device knows who is signed in there: no identifier needed here.
  if (!identifier && method === 'device') return requestDevice({ ...context, autofill: 'off' }, stopAutofill(context));
  if (!identifier) {
    const fieldError = 'identifier-required' as const;
    return [state.kind === 'choosing' ? { kind: 'choosing', fieldError } : { kind: 'ready', fieldError }, context, []];
  }
  const next: Context = { ...context, identifier, autofill: 'off' };
  const effects = stopAutofill(context);
  if (method === 'device') return requestDevice(next, effects);
  // "Forgot password?" needs to know which code channels the account has.
  if (method === 'password') return [{ kind: 'password', phase: 'entering' }, next, [...effects, ...narrow(next)]];
  return sendCode(next, method === 'email-code' ? 'email' : 'sms', 'sign-in', effects);
}

function requestDevice(context: Context, effects: Effect[] = []): Step {
  const identifier = context.identifier.trim();
  return [
    { kind: 'device', phase: 'requesting', polls: 0 },
    context,
    [...effects, { type: 'clear-timers' }, { type: 'device-request', ...(identifier ? { identifier } : {}) }],
  ];
}

/** Polls back off from the backend's `pollAfter` by a quarter each time, up to 10 s. */
export const pollDelay = (pollAfter: number, polls: number): number => Math.min(10_000, Math.round(pollAfter * 1000 * 1.25 ** polls));

function deviceStep(state: Extract<State, { kind: 'device' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'device-requested': {
      const { request } = event;
      return [
        { kind: 'device', phase: 'waiting', request, polls: 0 },
        context,
        [
          { type: 'timer', name: 'poll', afterMs: pollDelay(request.pollAfter, 0), event: { type: 'device-poll' } },
          { type: 'timer', name: 'expiry', afterMs: request.expiresIn * 1000, event: { type: 'device-status', status: 'expired' } },
        ],
      ];
    }
    case 'device-request-failed':
      return [{ kind: 'device', phase: 'requesting', polls: 0, failure: event.failure }, context, report(event.failure, 'device')];
    case 'device-poll':
      return state.phase === 'waiting' && state.request ? [state, context, [{ type: 'device-status', id: state.request.id }]] : [state, context, []];
    case 'device-status': {
      if (state.phase !== 'waiting') return [state, context, []];
      if (event.status === 'pending') {
        const polls = state.polls + 1;
        const afterMs = pollDelay(event.pollAfter ?? state.request?.pollAfter ?? 2, polls);
        const { pollFailure: _, ...waiting } = state;
        return [{ ...waiting, polls }, context, [{ type: 'timer', name: 'poll', afterMs, event: { type: 'device-poll' } }]];
      }
      const phase = event.status === 'denied' ? 'denied' : 'expired';
      return [{ ...state, phase }, context, [{ type: 'clear-timers' }, { type: 'abort-request' }]];
    }
    case 'device-poll-failed': {
      if (state.phase !== 'waiting') return [state, context, []];
      // The approval may still come: keep asking, backing off, and say that the answer is not
      // getting through. The developer hears once per run of failures.
      const polls = state.polls + 1;
      const effects: Effect[] = [{ type: 'timer', name: 'poll', afterMs: pollDelay(state.request?.pollAfter ?? 2, polls), event: { type: 'device-poll' } }];
      if (!state.pollFailure) effects.push({ type: 'diagnostic', code: event.failure.code === 'bad-response' ? 'bad-response' : 'poll-failing', failure: event.failure });
      return [{ ...state, polls, pollFailure: event.failure }, context, effects];
    }
    case 'device-approved':
      return offerPasskey(context, event.result, 'device', 'device');
    case 'retry':
      return state.phase === 'waiting' ? [state, context, []] : requestDevice(context, [{ type: 'abort-request' }]);
    default:
      return undefined;
  }
}

/**
 * Inventory-aware nudge (UX.md, educate for resilience): an account with one passkey, or only
 * device-bound ones, is one lost device away from a recovery. Suggested once per sign-in at most,
 * with "Not now" and "Don't ask again".
 */
function signedInStep(state: Extract<State, { kind: 'signed-in' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'sign-out':
      return [{ kind: 'signing-out', result: state.result }, context, [{ type: 'sign-out' }]];
    case 'passkeys-loaded': {
      if (event.count === 0 || context.fallbacks?.nudgeSnoozed) return [state, context, []];
      const nudge = event.count === 1 ? 'single' : event.synced === 0 ? 'device-bound' : undefined;
      return nudge ? [{ ...state, nudge }, context, []] : [state, context, []];
    }
    case 'nudge-add':
      if (!state.nudge) return [state, context, []];
      return [
        { kind: 'enrol', result: state.result, source: 'enrol', phase: 'preparing', announced: true },
        { ...context, creation: undefined, ...forgetAuth(context) },
        [{ type: 'fetch-enrol-options' }],
      ];
    case 'nudge-dismiss': {
      const { nudge: _, ...rest } = state;
      return [rest, context, [{ type: 'snooze-nudge', forever: event.forever }]];
    }
    default:
      return undefined;
  }
}

/** Asks for the account's passkeys on arriving signed in, unless the nudge is snoozed or passkeys are out of reach. */
function inventory(before: Snapshot, after: Transition): Transition {
  const { state, context } = after.snapshot;
  if (state.kind !== 'signed-in' || before.state.kind === 'signed-in' || before.state.kind === 'signing-out') return after;
  // Whoever just created a passkey is not asked for another in the same visit (UX.md).
  if (context.fallbacks?.nudgeSnoozed !== false || context.createdPasskey || !canUsePasskeys(context) || context.capabilities?.webauthn !== true) return after;
  return { ...after, effects: [...after.effects, { type: 'fetch-passkeys' }] };
}

/** The end of every fallback path: signed in, the success event sent, the method remembered. */
function finish(context: Context, result: SignInResult, source: Source, method?: Method, saved?: SavedPasskey, announced?: true): Step {
  const effects: Effect[] = [{ type: 'clear-timers' }];
  if (!announced) effects.push({ type: 'emit-success', result, source });
  if (method) effects.push({ type: 'remember-method', method });
  return [{ kind: 'signed-in', result, source, ...(saved ? { saved } : {}) }, { ...context, creation: undefined }, effects];
}

/**
 * After a code sign-in, offer a passkey on this device (UX.md), unless the person said "not now"
 * recently or this browser cannot create one. The options are fetched ahead so that the click on
 * "Create a passkey" reaches `create()` with its user activation.
 */
function offerPasskey(context: Context, result: SignInResult, source: Source, method?: Method): Step {
  // FAILURES.md: without a platform authenticator there is nothing on this device to offer.
  const possible =
    canUsePasskeys(context) &&
    context.capabilities?.webauthn === true &&
    context.capabilities.userVerifyingPlatformAuthenticator !== 'unsupported';
  if (!possible || context.fallbacks?.offerSnoozed) return finish(context, result, source, method);
  const effects: Effect[] = [{ type: 'clear-timers' }, { type: 'fetch-enrol-options' }];
  if (method) effects.push({ type: 'remember-method', method });
  return [{ kind: 'enrol', result, source, phase: 'offer' }, { ...context, creation: undefined, ...forgetAuth(context) }, effects];
}

/** A failure for the page's listeners, and for developers when the backend broke the contract. */
function report(failure: Failure, source: Source): Effect[] {
  const effects: Effect[] = [{ type: 'emit-failure', failure, source }];
  if (failure.code === 'bad-response') effects.push({ type: 'diagnostic', code: 'bad-response', failure });
  return effects;
}

/** "Other ways to sign in" from a fallback step: its timers and request stop. */
const toChooser = (context: Context): Step => [
  { kind: 'choosing' },
  context,
  [{ type: 'clear-timers' }, { type: 'abort-request' }, ...narrow(context)],
];

/** Back to the identifier form from a fallback step, to change it: timers and requests of the step stop. */
const leave = (context: Context): Step => editIdentifier(context, [{ type: 'clear-timers' }, { type: 'abort-request' }]);

function configure(context: Context, event: Extract<Event, { type: 'configure' }>): Context {
  const { type: _, ...settings } = event;
  const previous = context.fallbacks;
  const fallbacks: Fallbacks = { ...previous, ...settings };
  return { ...context, fallbacks };
}

/** Events every state treats alike once fallbacks exist. */
function common(snapshot: Snapshot, event: Event): Transition | undefined {
  const { state, context } = snapshot;
  switch (event.type) {
    case 'configure':
      return done([state, configure(context, event), []]);
    case 'signed-in-elsewhere':
      // Only a form waiting for someone: a person in the middle of a step keeps it.
      if (state.kind !== 'checking' && !(state.kind === 'ready' || state.kind === 'failed')) return done([state, context, []]);
      return done([
        { kind: 'signed-in', result: event.result, source: 'session' },
        { ...context, autofill: 'off', sessionPending: false },
        stopAutofill(context),
      ]);
    case 'signed-out-elsewhere':
      if (state.kind !== 'signed-in' && state.kind !== 'signing-out') return done([state, context, []]);
      // As after signing out here, without asking the backend again or telling the page twice.
      return done(backToForm({ ...context, identifier: '', creation: undefined, auth: undefined }, state.kind === 'signing-out' ? [{ type: 'abort-request' }] : []));
    case 'methods-loaded': {
      // Lookups run beside other requests and may answer out of order: only the identifier in
      // the field now counts.
      if (!context.fallbacks) return done([state, context, []]);
      const { asking: _, ...rest } = context.fallbacks;
      const settled = context.fallbacks.asking === event.identifier ? rest : context.fallbacks;
      if (event.identifier !== context.identifier.trim()) return done([state, { ...context, fallbacks: settled }, []]);
      const fallbacks: Fallbacks = { ...settled, narrowedFor: event.identifier, ...(event.methods ? { narrowed: event.methods } : {}) };
      if (!event.methods) delete fallbacks.narrowed;
      return done([state, { ...context, fallbacks }, []]);
    }
    default:
      return undefined;
  }
}

function codeStep(state: Extract<State, { kind: 'code' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'code-sent': {
      const { sent } = event;
      const effects: Effect[] = [{ type: 'timer', name: 'expiry', afterMs: sent.expiresIn * 1000, event: { type: 'code-timed-out' } }];
      if (sent.resendAfter > 0) {
        effects.push({ type: 'timer', name: 'resend', afterMs: sent.resendAfter * 1000, event: { type: 'resend-ready' } });
      }
      if (sent.channel === 'sms') effects.push({ type: 'listen-otp' });
      return [{ ...state, phase: 'entering', sent, canResend: sent.resendAfter <= 0, expired: false, failure: undefined, fieldError: undefined }, context, effects];
    }
    case 'code-send-failed': {
      const { failure } = event;
      // "Wait before asking again" answers carry when: the resend button comes back then.
      const effects = report(failure, sourceOf(state.channel, state.purpose));
      if (failure.retryAfter) {
        effects.push({ type: 'timer', name: 'resend', afterMs: failure.retryAfter * 1000, event: { type: 'resend-ready' } });
      }
      return [{ ...state, phase: 'entering', failure, canResend: !failure.retryAfter }, context, effects];
    }
    case 'code-submit': {
      // A dead code or a locked account would only spend a request: the view says what to do.
      if (state.phase !== 'entering' || state.expired || state.failure?.code === 'account-locked') return [state, context, []];
      // Spaces and dashes are how codes get pasted and read out; anything else is a typo that
      // should not cost one of the code's few tries on the server.
      const code = event.code.replace(/[\s-]/g, '');
      if (!code) return [{ ...state, fieldError: 'code-required' }, context, []];
      const length = state.sent?.length;
      if (!/^\d+$/.test(code) || (length ? code.length !== length : code.length < CODE_LENGTH.min || code.length > CODE_LENGTH.max)) {
        return [{ ...state, fieldError: 'code-format' }, context, []];
      }
      return [{ ...state, phase: 'verifying', failure: undefined, fieldError: undefined }, context, [{ type: 'verify-code', code, identifier: context.identifier.trim(), channel: state.channel }]];
    }
    case 'code-verified': {
      const source = sourceOf(state.channel, state.purpose);
      if (state.purpose === 'recovery' && event.recovery) {
        // Options fetched ahead, so "Create a passkey" reaches create() inside its click.
        return [
          { kind: 'recovered', result: event.result },
          { ...context, creation: undefined, ...forgetAuth(context) },
          [{ type: 'clear-timers' }, { type: 'fetch-enrol-options' }],
        ];
      }
      return offerPasskey(context, event.result, source, state.channel === 'email' ? 'email-code' : 'sms-code');
    }
    case 'code-failed': {
      const { failure } = event;
      // These codes end the code: only a new one can work now.
      const dead =
        failure.code === 'code-expired' || failure.code === 'too-many-tries' || (failure.code === 'code-invalid' && failure.triesLeft === 0);
      const effects = report(failure, sourceOf(state.channel, state.purpose));
      if (failure.code === 'account-locked' && failure.retryAfter) {
        effects.push({ type: 'timer', name: 'resend', afterMs: failure.retryAfter * 1000, event: { type: 'resend-ready' } });
      }
      const canResend = failure.code === 'account-locked' ? false : state.canResend;
      return [{ ...state, phase: 'entering', failure, expired: state.expired || dead, canResend }, context, effects];
    }
    case 'resend':
      if (!state.canResend || state.phase === 'verifying') return [state, context, []];
      return [
        { ...state, phase: 'sending', canResend: false, failure: undefined, fieldError: undefined },
        context,
        [{ type: 'clear-timers' }, { type: 'send-code', identifier: context.identifier, channel: state.channel, purpose: state.purpose }],
      ];
    case 'resend-ready':
      return [{ ...state, canResend: true }, context, []];
    case 'code-timed-out':
      return [{ ...state, expired: true }, context, []];
    default:
      return undefined;
  }
}

function passwordStep(state: Extract<State, { kind: 'password' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'password-submit':
      if (state.phase !== 'entering') return [state, context, []];
      if (!event.password) return [{ ...state, fieldError: 'password-required' }, context, []];
      return [
        { kind: 'password', phase: 'verifying' },
        context,
        [{ type: 'password-sign-in', identifier: context.identifier, password: event.password }],
      ];
    case 'password-failed':
      return [
        { kind: 'password', phase: 'entering', failure: event.failure },
        context,
        report(event.failure, 'password'),
      ];
    case 'verified':
      if (state.phase !== 'verifying') return [state, context, []];
      return upgrade(context, event.result);
    case 'forgot-password': {
      const channel = recoveryChannel(context);
      return channel ? sendCode(context, channel, 'recovery') : [state, context, []];
    }
    default:
      return undefined;
  }
}

/**
 * After a password sign-in, ask the password manager to add a passkey silently (conditional
 * create, WebAuthn L3 §5.1.3 with mediation "conditional"); whatever happens, the sign-in finishes.
 */
function upgrade(context: Context, result: SignInResult): Step {
  // Without conditional create, the explicit offer, as after any other way in.
  if (context.capabilities?.conditionalCreate !== 'supported' || !canUsePasskeys(context)) return offerPasskey(context, result, 'password', 'password');
  return [
    { kind: 'upgrading', result },
    { ...context, ...forgetAuth(context) },
    [
      { type: 'remember-method', method: 'password' },
      { type: 'fetch-enrol-options', conditional: true },
      { type: 'timer', name: 'upgrade', afterMs: UPGRADE_LIMIT_MS, event: { type: 'upgrade-done' } },
    ],
  ];
}

function upgradingStep(state: Extract<State, { kind: 'upgrading' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'registration-options-loaded':
      return [state, context, [{ type: 'conditional-create', options: event.options }]];
    case 'created':
      return [state, context, [{ type: 'verify-registration', response: event.response }]];
    case 'verified': {
      const [next, nextContext, effects] = finish({ ...context, createdPasskey: true }, state.result, 'password');
      return [next, nextContext, [{ type: 'abort-request' }, ...effects]];
    }
    case 'verify-failed':
    case 'ceremony-failed':
    case 'registration-options-failed':
    case 'upgrade-done': {
      // Silent by design (FAILURES.md): a failed upgrade is not the person's problem; the
      // explicit offer follows, as after any other way in (unless snoozed).
      const [next, nextContext, effects] = offerPasskey(context, state.result, 'password');
      return [next, nextContext, [{ type: 'abort-ceremony' }, { type: 'abort-request' }, ...effects]];
    }
    default:
      return undefined;
  }
}

function enrolStep(state: Extract<State, { kind: 'enrol' }>, context: Context, event: Event): Step | undefined {
  const creating = (options = context.creation): Step =>
    options
      ? [{ ...state, phase: 'creating', failure: undefined }, context, [{ type: 'start-create', options }]]
      : [{ ...state, phase: 'preparing', failure: undefined }, context, [{ type: 'fetch-enrol-options' }]];
  const failed = (failure: Failure): Step => [
    { ...state, phase: 'offer', failure },
    // The options are spent or refused: "Try again" fetches fresh ones.
    { ...context, creation: undefined },
    [...report(failure, 'enrol'), { type: 'fetch-enrol-options' }],
  ];
  switch (event.type) {
    case 'registration-options-loaded': {
      const next: Context = { ...context, creation: event.options };
      if (state.phase !== 'preparing') return [state, next, []];
      return [{ ...state, phase: 'creating' }, next, [{ type: 'start-create', options: event.options }]];
    }
    case 'registration-options-failed':
      return state.phase === 'preparing' ? failed(event.failure) : [state, context, []];
    case 'enrol':
      return state.phase === 'offer' ? creating() : [state, context, []];
    case 'created':
      return [{ ...state, phase: 'saving' }, context, [{ type: 'verify-enrolment', response: event.response }]];
    case 'ceremony-failed':
      // This device already holds a passkey for the account: nothing left to offer.
      if (event.failure.code === 'already-registered') return finish(context, state.result, state.source, undefined, undefined, state.announced);
      return failed(event.failure);
    case 'verify-failed':
      return failed(event.failure);
    case 'verified':
      return finish({ ...context, createdPasskey: true }, state.result, state.source, undefined, event.saved, state.announced);
    case 'cancel':
      return [{ ...state, phase: 'offer' }, { ...context, creation: undefined }, [{ type: 'abort-ceremony' }, { type: 'fetch-enrol-options' }]];
    case 'dismiss': {
      const [next, nextContext, effects] = finish(context, state.result, state.source, undefined, undefined, state.announced);
      // "Not now" on the nudge is the nudge's own snooze, not the offer's.
      const snooze: Effect = state.announced ? { type: 'snooze-nudge', forever: false } : { type: 'snooze-offer' };
      return [next, nextContext, [{ type: 'abort-ceremony' }, { type: 'abort-request' }, snooze, ...effects]];
    }
    default:
      return undefined;
  }
}

function recoveredStep(state: Extract<State, { kind: 'recovered' }>, context: Context, event: Event): Step | undefined {
  const source: Source = state.source ?? 'recovery';
  switch (event.type) {
    case 'registration-options-loaded':
      return [state, { ...context, creation: event.options }, []];
    case 'registration-options-failed':
      // Not shown here: the enrol step fetches again when asked and shows its own failure.
      return [state, context, []];
    case 'enrol':
      return context.creation
        ? [{ kind: 'enrol', result: state.result, source, phase: 'creating' }, context, [{ type: 'start-create', options: context.creation }]]
        : [{ kind: 'enrol', result: state.result, source, phase: 'preparing' }, context, [{ type: 'fetch-enrol-options' }]];
    case 'set-password':
      return [{ kind: 'new-password', result: state.result, phase: 'entering', ...(state.source ? { source: state.source } : {}) }, context, []];
    case 'dismiss':
      return finish(context, state.result, source);
    default:
      return undefined;
  }
}

function newPasswordStep(state: Extract<State, { kind: 'new-password' }>, context: Context, event: Event): Step | undefined {
  const source: Source = state.source ?? 'recovery';
  switch (event.type) {
    case 'password-submit':
      if (state.phase !== 'entering') return [state, context, []];
      if (!event.password) return [{ ...state, fieldError: 'password-required' }, context, []];
      // Said before the server would refuse it: one try the person does not have to spend.
      if ([...event.password].length < (context.fallbacks?.passwordMinLength ?? 0)) return [{ ...state, fieldError: 'password-too-short' }, context, []];
      return [{ ...state, phase: 'saving', failure: undefined, fieldError: undefined }, context, [{ type: 'set-password', password: event.password }]];
    case 'password-failed':
      return [{ ...state, phase: 'entering', failure: event.failure }, context, report(event.failure, source)];
    case 'password-saved':
      return finish(context, state.result, source, 'password');
    case 'dismiss':
      return state.phase === 'entering' ? finish(context, state.result, source) : [state, context, []];
    default:
      return undefined;
  }
}

/** Where "Need help?" may open: steps that wait for the person, not for a request. */
function canAskForHelp(state: State): boolean {
  switch (state.kind) {
    case 'ready':
    case 'failed':
    case 'choosing':
    case 'returning':
      return true;
    case 'code':
    case 'password':
    case 'redeem':
      return state.phase === 'entering';
    case 'device':
      return state.phase !== 'requesting' || Boolean(state.failure);
    default:
      return false;
  }
}

function helpStep(state: Extract<State, { kind: 'help' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'back': {
      const back = state.back;
      return back.kind === 'ready' || back.kind === 'failed' ? arm([back, context, []]) : [back, context, []];
    }
    case 'redeem-start':
      return [{ kind: 'redeem', phase: 'entering' }, context, [{ type: 'clear-timers' }, { type: 'abort-request' }]];
    default: {
      // The step behind keeps its clocks: a resend cooldown or a code's expiry still lands on it.
      const behind = own({ state: state.back, context }, event);
      if (behind && behind[0].kind === state.back.kind) return [{ kind: 'help', back: behind[0] }, behind[1], behind[2]];
      // Signed in while help was open (the other device approved, WebOTP's code was accepted):
      // the person is in, help has done its job.
      if (behind && (event.type === 'device-approved' || event.type === 'code-verified' || event.type === 'verified')) return behind;
      return undefined;
    }
  }
}

function redeemStep(state: Extract<State, { kind: 'redeem' }>, context: Context, event: Event): Step | undefined {
  switch (event.type) {
    case 'redeem-submit': {
      if (state.phase !== 'entering') return [state, context, []];
      const identifier = context.identifier.trim();
      if (!identifier) return [{ ...state, fieldError: 'identifier-required' }, context, []];
      // Grouping dashes and spaces are how the agent reads it out; the backend compares the rest.
      const code = event.code.replace(/[\s-]/g, '');
      if (!code) return [{ ...state, fieldError: 'code-required' }, context, []];
      return [{ kind: 'redeem', phase: 'verifying' }, { ...context, identifier }, [{ type: 'redeem', identifier, code }]];
    }
    case 'code-verified':
      if (state.phase !== 'verifying') return [state, context, []];
      return [
        { kind: 'recovered', result: event.result, source: 'support' },
        { ...context, creation: undefined, ...forgetAuth(context) },
        [{ type: 'fetch-enrol-options' }],
      ];
    case 'code-failed':
      return [{ kind: 'redeem', phase: 'entering', failure: event.failure }, context, report(event.failure, 'support')];
    case 'input':
      return [{ ...state, fieldError: undefined }, { ...context, identifier: event.identifier }, []];
    case 'start-over':
      return leave(context);
    default:
      return undefined;
  }
}

/** Handles what only fallbacks (and sign-up) know; `undefined` leaves the event to the core machine. */
function own(snapshot: Snapshot, event: Event): Step | undefined {
  const { state, context } = snapshot;
  // Typing into a field whose error shows answers the error.
  if (event.type === 'typing' && 'fieldError' in state && state.fieldError) {
    const { fieldError: _, ...rest } = state;
    return [rest as State, context, []];
  }
  const handled = signUp(snapshot, event) ?? failures(snapshot, event);
  if (handled) return handled;
  if (event.type === 'help' && canAskForHelp(state)) {
    const leaving = state.kind === 'ready' || state.kind === 'failed';
    return [{ kind: 'help', back: state }, leaving ? { ...context, autofill: 'off' } : context, leaving ? stopAutofill(context) : []];
  }
  switch (state.kind) {
    case 'checking':
    case 'ready':
    case 'failed':
    case 'choosing':
    case 'returning':
      if (event.type === 'use-method') return useMethod(state, context, event.method);
      if (state.kind === 'returning') return undefined;
      // Without sign-up, Continue shows the ways in this identifier has (asked of the backend).
      if (event.type === 'submit' && context.signUpOff && canUsePasskeys(context) && otherMethods(context).length && context.identifier.trim()) {
        return [{ kind: 'choosing' }, { ...context, identifier: context.identifier.trim() }, narrow(context)];
      }
      // Without passkeys, Enter in the identifier field means the preferred other way in.
      if (event.type === 'submit' && !canUsePasskeys(context)) {
        const method = otherMethods(context)[0];
        return method ? useMethod(state, context, method) : [state, context, []];
      }
      if (event.type === 'choose') return [{ kind: 'choosing' }, context, narrow(context)];
      if (state.kind === 'choosing') {
        if (event.type === 'start-over') return leave(context);
        if (event.type === 'input') return [{ kind: 'choosing' }, { ...context, identifier: event.identifier }, []];
      }
      return undefined;
    case 'code':
    case 'password': {
      const step = state.kind === 'code' ? codeStep(state, context, event) : passwordStep(state, context, event);
      if (step) return step;
      if (event.type === 'start-over') return leave(context);
      if (event.type === 'choose') return toChooser(context);
      return undefined;
    }
    case 'upgrading':
      return upgradingStep(state, context, event);
    case 'enrol':
      return enrolStep(state, context, event);
    case 'recovered':
      return recoveredStep(state, context, event);
    case 'new-password':
      return newPasswordStep(state, context, event);
    case 'device': {
      const step = deviceStep(state, context, event);
      if (step) return step;
      if (event.type === 'start-over') return leave(context);
      if (event.type === 'choose') return toChooser(context);
      return undefined;
    }
    case 'signed-in':
      return signedInStep(state, context, event);
    case 'signing-out':
      if (event.type === 'signed-out') {
        // A shared computer should not show the previous person's identifier; challenges issued
        // to the ended session ended with it.
        return backToForm({ ...context, identifier: '', creation: undefined, auth: undefined }, [{ type: 'emit-signed-out' }]);
      }
      if (event.type === 'sign-out-failed') return [{ kind: 'signed-in', result: state.result, source: 'session', failure: event.failure }, context, []];
      return undefined;
    case 'help':
      return helpStep(state, context, event);
    case 'redeem':
      return redeemStep(state, context, event);
    default:
      return undefined;
  }
}

/**
 * The site owner's routes: a failure they named goes straight to its method (e.g. `cancelled` →
 * `email-code`) instead of showing, the identifier carried over. Routes to the ceremony that just
 * failed are ignored so that a failure never loops.
 */
function route(before: Snapshot, after: Transition): Transition {
  const { state, context } = after.snapshot;
  // Back from "Need help?" is the same failure as before, already routed and narrowed.
  if (before.state.kind === 'help') return after;
  // Every way into the chooser asks which ways in the identifier has (immediate mode's "no
  // passkey here" among them).
  if (state.kind === 'choosing' && before.state.kind !== 'choosing' && !after.effects.some((effect) => effect.type === 'fetch-methods')) {
    return { snapshot: after.snapshot, effects: [...after.effects, ...narrow(context)] };
  }
  if (state.kind === 'returning' && before.state.kind !== 'returning') {
    // "Welcome back" offers the account's other ways in too: it may have no passkey here.
    return { snapshot: after.snapshot, effects: [...after.effects, ...narrow(context)] };
  }
  if (state.kind !== 'failed' || before.state.kind === 'failed') return after;
  // Sign-up failures are not routed: a sign-in method is no way to create an account.
  if (state.source === 'create' || state.source === 'register') return { snapshot: after.snapshot, effects: [...after.effects, ...narrow(context)] };
  const method = context.fallbacks?.routes[state.failure.code];
  const routable =
    method &&
    method !== 'passkey' &&
    method !== state.source &&
    offered(context).includes(method) &&
    (isPasskey(method) || context.identifier.trim() !== '');
  if (!routable) return { snapshot: after.snapshot, effects: [...after.effects, ...narrow(context)] };
  const effects = after.effects.filter((effect) => effect.type !== 'arm-autofill');
  const [next, nextContext, more] = useMethod(state, { ...context, autofill: 'off' }, method);
  return done([next, nextContext, [...effects, ...more]]);
}

/** Keeps what "Need help?" reports: the failure codes this page has seen, and the last backend reference. */
function remember(next: Transition): Transition {
  const failed = next.effects.flatMap((effect) => (effect.type === 'emit-failure' ? [effect.failure] : []));
  if (failed.length === 0) return next;
  const { context } = next.snapshot;
  const seen = [...(context.support?.seen ?? []), ...failed.map((failure) => failure.code)].slice(-10);
  const reference = failed.findLast((failure) => failure.reference)?.reference ?? context.support?.reference;
  return { ...next, snapshot: { ...next.snapshot, context: { ...context, support: { seen, ...(reference ? { reference } : {}) } } } };
}

/** A `methods` request going out: the steps listing ways in wait for its answer, not the guess before it. */
function asking(next: Transition): Transition {
  const ask = next.effects.find((effect) => effect.type === 'fetch-methods');
  const { context } = next.snapshot;
  if (!ask || !context.fallbacks) return next;
  return { ...next, snapshot: { ...next.snapshot, context: { ...context, fallbacks: { ...context.fallbacks, asking: ask.identifier } } } };
}

/** The whole flow: sign-up and fallbacks first, then the core machine, then the site owner's routes. */
export function withFallbacks(snapshot: Snapshot, event: Event): Transition {
  const shared = common(snapshot, event);
  if (shared) return shared;
  const step = own(snapshot, event);
  return asking(remember(inventory(snapshot, route(snapshot, step ? done(step) : transition(snapshot, event)))));
}

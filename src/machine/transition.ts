/**
 * The sign-in flow as a pure function: `transition(snapshot, event)` returns the next snapshot
 * and the effects to run. No Lit, no DOM, no fetch, no timers: the controller runs the effects and
 * feeds their outcomes back as events. Events a state does not handle leave it unchanged.
 */
import type {
  Context,
  Effect,
  Event,
  Failure,
  GetCeremony,
  PublicKeyCredentialRequestOptionsJSON,
  Snapshot,
  State,
  Transition,
} from './types.js';

/** Challenge lifetime assumed when the backend's options carry no `timeout` (WebAuthn L3 §5.4 default range). */
export const DEFAULT_CHALLENGE_TTL_MS = 300_000;

/**
 * The shortest challenge lifetime the refresh schedule believes: WebAuthn L3 §5.4 recommends no
 * timeout below 30 s, and a backend saying `timeout: 1` would otherwise be asked for options
 * every second while the form sits idle. A backend whose challenges really die sooner gets one
 * quiet re-arm when a pick comes back expired (failures.ts), then the expiry is shown.
 */
export const MIN_CHALLENGE_TTL_MS = 30_000;

/** Conditional requests that may fail in a row before autofill waits for the user to interact. */
const MAX_AUTOFILL_FAILURES = 2;

export interface InitOptions {
  checkSession?: boolean;
  identifier?: string;
  /** Passkey sign-up is on (the default). */
  signUp?: boolean;
}

/** The snapshot an element starts in, and the effects that start it. */
export function initial({ checkSession = false, identifier = '', signUp = true }: InitOptions = {}): Transition {
  const context: Context = {
    ...(signUp ? {} : { signUpOff: true as const }),
    identifier,
    fetchingAuth: true,
    nextOptionsId: 1,
    passkeysDisabled: false,
    hidden: [],
    autofill: 'off',
    autofillFailures: 0,
    checkSession,
    sessionPending: checkSession,
  };
  // Options are fetched in parallel with capability detection so that autofill arms after a
  // single round trip (FAILURES.md: start conditional UI as early as possible).
  const effects: Effect[] = [{ type: 'detect-capabilities' }, { type: 'fetch-auth-options' }];
  if (checkSession) effects.push({ type: 'check-session' });
  return { snapshot: { state: { kind: 'checking' }, context }, effects };
}

/** Ms after which options should be replaced, leaving time to fetch new ones before the challenge dies. */
export function refreshDelay(options: PublicKeyCredentialRequestOptionsJSON): number {
  const ttl = options.timeout && options.timeout > 0 ? Math.max(MIN_CHALLENGE_TTL_MS, options.timeout) : DEFAULT_CHALLENGE_TTL_MS;
  return ttl > 60_000 ? ttl - 30_000 : Math.floor(ttl * 0.8);
}

export function canUsePasskeys(context: Context): boolean {
  return context.capabilities?.webauthn !== false && !context.passkeysDisabled;
}

export function canUse(context: Context, ceremony: GetCeremony): boolean {
  // A site owner who leaves `passkey` or `hybrid` out of `methods` gets no button for it.
  if (!canUsePasskeys(context) || context.hidden.includes(ceremony) || context.fallbacks?.methods.includes(ceremony) === false) return false;
  // A browser that says it cannot do hybrid transport would only show an empty sheet.
  return ceremony !== 'hybrid' || context.capabilities?.hybridTransport !== 'unsupported';
}

function canAutofill(context: Context): boolean {
  return (
    canUsePasskeys(context) &&
    context.capabilities?.webauthn === true &&
    context.capabilities.conditionalGet === 'supported'
  );
}

/** A step showing the identifier field, whose suggestions autofill fills with passkeys. */
const isForm = (state: State): boolean => state.kind === 'ready' || (state.kind === 'failed' && !state.identified);

export type Step = [State, Context, Effect[]];

export function done([state, context, effects]: Step): Transition {
  return { snapshot: { state, context }, effects };
}

/**
 * Arms conditional UI when the form is showing and it is not armed: with the options at hand, or
 * after fetching fresh ones.
 */
export function arm([state, context, effects]: Step): Step {
  if (!isForm(state) || !canAutofill(context)) return [state, context, effects];
  if (context.autofill === 'armed' || context.autofill === 'paused') return [state, context, effects];
  if (context.auth) {
    const { id, options } = context.auth;
    return [
      state,
      { ...context, autofill: 'armed' },
      [...effects, { type: 'arm-autofill', optionsId: id, options }],
    ];
  }
  if (context.fetchingAuth) return [state, { ...context, autofill: 'waiting' }, effects];
  return [
    state,
    { ...context, autofill: 'waiting', fetchingAuth: true },
    [...effects, { type: 'fetch-auth-options' }],
  ];
}

export function startGet(context: Context, ceremony: GetCeremony, effects: Effect[] = []): Step {
  if (!canUse(context, ceremony)) return [{ kind: 'ready' }, context, effects];
  if (!context.auth) {
    const fetch: Effect[] = context.fetchingAuth ? [] : [{ type: 'fetch-auth-options' }];
    return [{ kind: 'preparing', ceremony }, { ...context, fetchingAuth: true }, [...effects, ...fetch]];
  }
  // The options are spent as soon as a ceremony may answer with them: the server consumes the
  // challenge on the first verify, so autofill re-arms with fresh options afterwards.
  const options = withHints(context.auth.options, ceremony);
  // FAILURES.md: immediate mode is a fast path for the passkey button, tried once per page view.
  const immediate = ceremony === 'passkey' && context.capabilities?.immediateGet === 'supported' && !context.immediateTried ? { immediate: true as const } : {};
  return [
    { kind: 'ceremony', ceremony, attempt: 1, options },
    { ...context, auth: undefined, autofill: 'off' },
    [...effects, { type: 'start-get', ceremony, options, ...immediate }],
  ];
}

function withHints(
  options: PublicKeyCredentialRequestOptionsJSON,
  ceremony: GetCeremony,
): PublicKeyCredentialRequestOptionsJSON {
  // WebAuthn L3 §5.8.7: the 'hybrid' hint asks the browser to go straight to its QR code.
  return ceremony === 'hybrid' ? { ...options, hints: ['hybrid'] } : options;
}

/**
 * Continue with the identifier: asked for when empty; without sign-up, a passkey sign-in. Sign-up
 * itself (sign-up.ts) loads with the steps that show it, and takes Continue first once it has.
 */
export function submit(context: Context): Step {
  const identifier = context.identifier.trim();
  if (!identifier) return [{ kind: 'ready', fieldError: 'identifier-required' }, context, []];
  if (context.signUpOff) return startGet({ ...context, identifier }, 'passkey');
  return [{ kind: 'ready' }, context, []];
}

/**
 * A backend that keeps one pending challenge per browser drops the authentication challenge when
 * it issues another (sign-up, adding a passkey): the form re-arms autofill with fresh options.
 */
export const forgetAuth = (context: Context): Partial<Context> => (context.auth ? { auth: undefined, autofill: 'off' } : { autofill: 'off' });

/** Leaving the form: the armed conditional request has no field to fill any more. */
export const stopAutofill = (context: Context): Effect[] => (context.autofill === 'armed' ? [{ type: 'abort-ceremony' }] : []);

export function backToForm(context: Context, effects: Effect[] = []): Step {
  return arm([{ kind: 'ready' }, context, effects]);
}

/** "Change" next to the identifier: back to the form, the field focused with its text selected. */
export function editIdentifier(context: Context, effects: Effect[] = []): Step {
  return arm([{ kind: 'ready', edit: true }, context, effects]);
}

/** Events every state treats alike: options arriving, autofill results, page restores. */
function common(snapshot: Snapshot, event: Event): Transition | undefined {
  const { state, context } = snapshot;
  switch (event.type) {
    case 'options-loaded': {
      const auth = { id: context.nextOptionsId, options: event.options };
      const next: Context = { ...context, auth, nextOptionsId: auth.id + 1, fetchingAuth: false };
      const effects: Effect[] = [{ type: 'schedule-refresh', afterMs: refreshDelay(event.options) }];
      if (state.kind === 'preparing') {
        const [started, startedContext, startEffects] = startGet(next, state.ceremony, effects);
        // Started from the chooser: Cancel still goes back there.
        const back = state.back && started.kind === 'ceremony' ? { ...started, back: state.back } : started;
        return done([back, startedContext, startEffects]);
      }
      // An armed request holds the old challenge: replace it (the coordinator aborts it first).
      const rearm = next.autofill === 'armed' ? { ...next, autofill: 'off' as const } : next;
      return done(arm([state, rearm, effects]));
    }
    case 'options-failed': {
      const next: Context = {
        ...context,
        fetchingAuth: false,
        // Autofill never shows an error; it tries again when the user next interacts.
        autofill: context.autofill === 'waiting' ? 'paused' : context.autofill,
      };
      // A catch-all route answering HTML is a common misconfiguration: tell the developer. (The
      // button's own wait, `preparing`, fails in failures.ts, with the views that show it.)
      const effects: Effect[] =
        event.failure.code === 'bad-response' ? [{ type: 'diagnostic', code: 'bad-response', failure: event.failure }] : [];
      return done([state, next, effects]);
    }
    case 'options-stale': {
      if (context.fetchingAuth || state.kind === 'signed-in' || state.kind === 'signing-out') {
        return done([state, context, []]);
      }
      return done([state, { ...context, fetchingAuth: true }, [{ type: 'fetch-auth-options' }]]);
    }
    case 'autofill-succeeded': {
      // Only the current options count. Some backends keep one pending challenge per browser, so
      // options a refresh replaced may already be dead on the server: never verify against them.
      // The request armed with the fresh options is already waiting for the person to pick again.
      if (event.optionsId !== context.auth?.id || !isForm(state)) {
        return done([state, { ...context, autofill: isForm(state) ? context.autofill : 'off' }, []]);
      }
      return done([
        { kind: 'verifying', source: 'autofill', rpId: context.auth.options.rpId },
        { ...context, auth: undefined, autofill: 'off', autofillFailures: 0 },
        [{ type: 'verify-authentication', response: event.response, source: 'autofill' }],
      ]);
    }
    case 'autofill-failed':
      return done(autofillFailed(state, context, event.failure, event.optionsId));
    case 'capabilities-detected': {
      // The form is clickable while checking, so the answer may arrive in any state.
      const next: Context = { ...context, capabilities: event.capabilities };
      return done(state.kind === 'checking' ? leaveChecking(next) : arm([state, next, []]));
    }
    case 'session-found':
      // Answered after the user already started something: theirs is the newer intent.
      if (state.kind !== 'checking') return done([state, { ...context, sessionPending: false }, []]);
      return undefined;
    case 'session-absent': {
      const next: Context = { ...context, sessionPending: false };
      return done(state.kind === 'checking' ? leaveChecking(next) : [state, next, []]);
    }
    case 'input': {
      // Typing again answers a "required" or "invalid" message.
      const next: State = state.kind === 'ready' && state.fieldError ? { kind: 'ready' } : state;
      return interact([next, { ...context, identifier: event.identifier }, []]);
    }
    case 'interact':
      return interact([state, context, []]);
    case 'sign-up': {
      const { signUpOff: _, ...rest } = context;
      return done([state, event.enabled ? rest : { ...rest, signUpOff: true }, []]);
    }
    case 'reconfigured': {
      // Starting up: everything the start asked the old configuration is asked again.
      if (state.kind === 'checking') {
        const effects: Effect[] = [{ type: 'abort-requests' }, ...stopAutofill(context), { type: 'fetch-auth-options' }];
        if (event.checkSession) effects.push({ type: 'check-session' });
        const next: Context = { ...context, auth: undefined, fetchingAuth: true, autofill: 'off', checkSession: event.checkSession, sessionPending: event.checkSession };
        return done([state, next, effects]);
      }
      // An idle form: autofill is armed with a challenge from the old backend. A session there
      // is worth asking about, unless a failure is on screen.
      if (!isForm(state)) return done([state, { ...context, checkSession: event.checkSession }, []]);
      const next: Context = { ...context, auth: undefined, fetchingAuth: false, autofill: 'off', checkSession: event.checkSession };
      const effects: Effect[] = [{ type: 'abort-requests' }, ...stopAutofill(context)];
      if (state.kind === 'ready' && event.checkSession) {
        return done([{ kind: 'checking' }, { ...next, sessionPending: true, fetchingAuth: true }, [...effects, { type: 'fetch-auth-options' }, { type: 'check-session' }]]);
      }
      return done(arm([state, next, effects]));
    }
    case 'page-restored': {
      // Requests in flight when the page was frozen are gone, and the challenge may be too.
      const next: Context = { ...context, auth: undefined, fetchingAuth: false, autofill: 'off' };
      if (state.kind === 'signed-in' || state.kind === 'signing-out') return done([state, next, []]);
      const busy = ['preparing', 'ceremony', 'verifying', 'registering'].includes(state.kind);
      return done(arm([busy ? { kind: 'ready' } : state, next, [{ type: 'abort-request' }]]));
    }
    default:
      return undefined;
  }
}

function autofillFailed(state: State, context: Context, failure: Failure, optionsId: number): Step {
  if (optionsId !== context.auth?.id && context.auth) return [state, context, []];
  const failures = context.autofillFailures + 1;
  switch (failure.code) {
    case 'security':
      // A misconfigured rpId/origin breaks every ceremony: stop offering passkeys on this page.
      return [
        isForm(state) ? { kind: 'failed', failure, source: 'autofill', actions: [] } : state,
        { ...context, passkeysDisabled: true, autofill: 'off' },
        [
          { type: 'diagnostic', code: 'security-error', failure },
          { type: 'emit-failure', failure, source: 'autofill' },
        ],
      ];
    case 'bad-options':
      return [state, { ...context, autofill: 'off' }, [{ type: 'diagnostic', code: 'bad-options', failure }]];
    case 'not-supported':
    case 'unsupported':
      return [state, { ...context, autofill: 'off' }, []];
    default: {
      // NotAllowedError and friends from a conditional request are never shown (FAILURES.md);
      // re-arm at once, but stop looping when it keeps failing without the user doing anything.
      const paused = failures >= MAX_AUTOFILL_FAILURES;
      const effects: Effect[] =
        failure.code === 'pending' ? [{ type: 'diagnostic', code: 'ceremony-pending', failure }] : [];
      return arm([
        state,
        { ...context, autofill: paused ? 'paused' : 'off', autofillFailures: failures },
        effects,
      ]);
    }
  }
}

/** "Try again" on a sign-in failure; sign-up's own retries live in sign-up.ts. */
function retry(state: Extract<State, { kind: 'failed' }>, context: Context): Step {
  return startGet(context, state.source === 'hybrid' ? 'hybrid' : 'passkey');
}

export function transition(snapshot: Snapshot, event: Event): Transition {
  const shared = common(snapshot, event);
  if (shared) return shared;
  const { state, context } = snapshot;
  const unchanged: Transition = { snapshot, effects: [] };

  switch (state.kind) {
    case 'checking':
      switch (event.type) {
        case 'session-found':
          return done([
            { kind: 'signed-in', result: event.result, source: 'session' },
            { ...context, sessionPending: false },
            [{ type: 'emit-success', result: event.result, source: 'session' }],
          ]);
        case 'sign-in':
          return done(startGet(context, event.ceremony));
        case 'submit':
          return done(submit(context));
        default:
          return unchanged;
      }

    case 'ready':
    case 'failed':
      switch (event.type) {
        case 'sign-in':
          return done(startGet(context, event.ceremony));
        case 'submit':
          return done(submit(context));
        case 'retry':
          return state.kind === 'failed' ? done(retry(state, context)) : unchanged;
        case 'start-over':
          return state.kind === 'failed' ? done(editIdentifier(context)) : unchanged;
        default:
          return unchanged;
      }

    case 'preparing':
      if (event.type === 'cancel') return done(state.back ? [{ kind: state.back }, context, []] : backToForm(context));
      return unchanged;

    case 'ceremony':
      switch (event.type) {
        case 'ceremony-succeeded':
          if (state.ceremony === 'create') return unchanged;
          return done([
            { kind: 'verifying', source: state.ceremony, rpId: state.options.rpId },
            context,
            [{ type: 'verify-authentication', response: event.response, source: state.ceremony }],
          ]);
        // 'ceremony-failed' and 'verify-failed' belong to failures.ts, loaded with the views
        // that show them.
        case 'cancel':
          return done('back' in state && state.back ? [{ kind: state.back }, context, [{ type: 'abort-ceremony' }]] : backToForm(context, [{ type: 'abort-ceremony' }]));
        default:
          return unchanged;
      }

    case 'verifying':
      switch (event.type) {
        case 'verified':
          return done([
            { kind: 'signed-in', result: event.result, source: state.source },
            {
              ...context,
              creation: undefined,
              autofill: 'off',
              autofillFailures: 0,
              expiryRearmed: undefined,
              ...(state.source === 'create' ? { createdPasskey: true as const } : {}),
            },
            [{ type: 'emit-success', result: event.result, source: state.source }],
          ]);
        default:
          return unchanged;
      }

    case 'registering':
      // The answer comes through the steps chunk, whose sign-up.ts takes it from here.
      if (event.type === 'cancel') return done(backToForm(context, [{ type: 'abort-request' }]));
      return unchanged;

    default:
      // The other states (signed in and signing out among them, whose views load with the rest)
      // belong to sign-up.ts and fallbacks.ts, which see every event first.
      return unchanged;
  }
}

/** Typing in or focusing the field: autofill paused after failures is offered again. */
function interact([state, context, effects]: Step): Transition {
  return done(context.autofill === 'paused' ? arm([state, { ...context, autofill: 'off', autofillFailures: 0 }, effects]) : [state, context, effects]);
}

function leaveChecking(context: Context): Step {
  if (!context.capabilities || context.sessionPending) return [{ kind: 'checking' }, context, []];
  return arm([{ kind: 'ready' }, context, []]);
}

/**
 * What a failed ceremony or verify leads to: one automatic retry for "pending" and transient
 * faults, passkeys turned off after a SecurityError, a ceremony hidden after NotSupportedError,
 * the unknown-credential signal, and the failure view with its next actions. Pure; it loads with
 * the steps chunk, whose views show these failures (the controller holds a failure event until
 * the chunk is there).
 */
import { arm, backToForm, canUse, canUsePasskeys, type Step } from '../../machine/transition.js';
import type { Context, Effect, Event, Failure, NextAction, Snapshot, Source, State } from '../../machine/types.js';

/** The buttons a failure offers, so no failure view is a dead end. */
export function nextActions(failure: Failure, source: Source, context: Context): NextAction[] {
  const actions: NextAction[] = [];
  const notRetryable: Failure['code'][] = ['security', 'unsupported', 'identifier-taken'];
  const notRetryableHere =
    failure.code === 'not-supported' && (source === 'passkey' || source === 'hybrid')
      ? !canUse(context, source)
      : false;
  if (!notRetryable.includes(failure.code) && !notRetryableHere && canUsePasskeys(context)) {
    actions.push('retry');
  }
  const signingIn = source === 'passkey' || source === 'autofill' || source === 'hybrid';
  if (signingIn && source !== 'hybrid' && canUse(context, 'hybrid')) actions.push('hybrid');
  return actions;
}

export function fail(context: Context, failure: Failure, source: Source, effects: Effect[]): Step {
  const state: State = {
    kind: 'failed',
    failure,
    source,
    actions: nextActions(failure, source, context),
    ...(context.identifier.trim() ? { identified: true as const } : {}),
  };
  return arm([state, context, [...effects, { type: 'emit-failure', failure, source }]]);
}


/** How many times a ceremony is started in all before a pending/transient failure is shown. */
const MAX_ATTEMPTS = 2;

function ceremonyFailed(
  state: Extract<State, { kind: 'ceremony' }>,
  context: Context,
  failure: Failure,
): Step {
  const source: Source = state.ceremony;
  if (failure.code === 'no-passkey-here') {
    // Immediate mode found no passkey on this device (or the person waved its prompt away): no
    // error, straight to the ways in, and the passkey button opens the browser's sheet from now on
    // (security keys, a phone's QR code).
    return [{ kind: 'choosing', noPasskeyHere: true }, { ...context, immediateTried: true }, []];
  }
  if ((failure.code === 'pending' || failure.code === 'transient') && state.attempt < MAX_ATTEMPTS) {
    // FAILURES.md: "already pending" and transient platform faults get one automatic retry.
    const effects: Effect[] = [
      { type: 'abort-ceremony' },
      state.ceremony === 'create'
        ? { type: 'start-create', options: state.options }
        : { type: 'start-get', ceremony: state.ceremony, options: state.options },
    ];
    if (failure.code === 'pending') effects.unshift({ type: 'diagnostic', code: 'ceremony-pending', failure });
    return [{ ...state, attempt: state.attempt + 1 }, context, effects];
  }
  switch (failure.code) {
    case 'security':
      return fail({ ...context, passkeysDisabled: true }, failure, source, [
        { type: 'diagnostic', code: 'security-error', failure },
      ]);
    case 'not-supported': {
      const hidden = state.ceremony === 'create' ? context.hidden : [...context.hidden, state.ceremony];
      return fail({ ...context, hidden }, failure, source, []);
    }
    case 'bad-options':
      return fail(context, failure, source, [{ type: 'diagnostic', code: 'bad-options', failure }]);
    case 'timed-out':
      // The watchdog fires after the options' timeout, when the server's challenge has expired too.
      return fail({ ...context, creation: undefined }, failure, source, [
        { type: 'diagnostic', code: 'ceremony-stalled', failure },
      ]);
    case 'pending':
      return fail(context, failure, source, [{ type: 'diagnostic', code: 'ceremony-pending', failure }]);
    default:
      return fail(context, failure, source, []);
  }
}

function verifyFailed(
  state: Extract<State, { kind: 'verifying' }>,
  context: Context,
  failure: Failure,
  credentialId: string | undefined,
): Step {
  const effects: Effect[] = [];
  if (failure.code === 'unknown-credential' && credentialId) {
    // WebAuthn L3 §5.1.10: tell the authenticator to hide a passkey the server no longer knows.
    effects.push({ type: 'signal-unknown-credential', credentialId, rpId: state.rpId });
  }
  if (state.source === 'autofill') {
    if (failure.code === 'challenge-expired' && !context.expiryRearmed) {
      // The user let autofill sit past the challenge lifetime: nothing went wrong from their
      // side, so re-arm quietly, once. Once per page view until a sign-in succeeds: a backend
      // that never gets its challenge back (its cookie is not kept) would otherwise be asked for
      // options and verified against for as long as a passkey is picked at once.
      return backToForm({ ...context, expiryRearmed: true }, effects);
    }
    if (failure.code === 'challenge-expired') effects.push({ type: 'diagnostic', code: 'challenge-not-kept', failure });
    // Autofill waits for the user to come back to the field: re-arming at once could loop on a
    // backend that keeps refusing.
    context = { ...context, autofill: 'paused' };
  }
  // The server spent the registration challenge on this verify: a retry needs fresh options.
  if (state.source === 'create') context = { ...context, creation: undefined };
  if (failure.code === 'bad-response') effects.push({ type: 'diagnostic', code: 'bad-response', failure });
  return fail(context, failure, state.source, effects);
}

/** Options for the passkey button could not be had: the button's wait ends in a failure. */
function optionsFailed(state: Extract<State, { kind: 'preparing' }>, context: Context, failure: Failure): Step {
  const next: Context = { ...context, fetchingAuth: false };
  const effects: Effect[] = failure.code === 'bad-response' ? [{ type: 'diagnostic', code: 'bad-response', failure }] : [];
  return fail(next, failure, state.ceremony, effects);
}

/** Handles 'ceremony-failed', 'verify-failed' and the passkey button's options failing; `undefined` for anything else. */
export function failures({ state, context }: Snapshot, event: Event): Step | undefined {
  if (state.kind === 'preparing' && event.type === 'options-failed') return optionsFailed(state, context, event.failure);
  if (state.kind === 'ceremony' && event.type === 'ceremony-failed') return ceremonyFailed(state, context, event.failure);
  if (state.kind === 'verifying' && event.type === 'verify-failed') return verifyFailed(state, context, event.failure, event.credentialId);
  return undefined;
}

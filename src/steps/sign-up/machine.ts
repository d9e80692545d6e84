/**
 * Sign-up's steps after the identifier: the backend's answer, "Create a passkey for …", the
 * `create()` ceremony and its retries. The core machine starts sign-up (`submit`) and verifies the
 * new passkey; everything between needs the steps chunk's views and `create()` anyway, so it
 * loads with them.
 */
import { fail } from '../failures/machine.js';
import { arm, canUsePasskeys, editIdentifier, forgetAuth, startGet, stopAutofill, submit as ask, type Step } from '../../machine/transition.js';
import type { Context, Event, PublicKeyCredentialCreationOptionsJSON, Snapshot } from '../../machine/types.js';

/** Continue with an identifier: the backend's options for a new account, or why not. */
export function submit(context: Context): Step {
  const identifier = context.identifier.trim();
  if (!identifier || context.signUpOff) return ask(context);
  return [
    { kind: 'registering' },
    { ...context, identifier, creation: undefined, ...forgetAuth(context) },
    [...stopAutofill(context), { type: 'fetch-registration-options', identifier }],
  ];
}

export function startCreate(context: Context, options: PublicKeyCredentialCreationOptionsJSON): Step {
  return [
    { kind: 'ceremony', ceremony: 'create', attempt: 1, options },
    { ...context, creation: options, autofill: 'off' },
    [{ type: 'start-create', options }],
  ];
}

/** Handles sign-up's events; `undefined` leaves the event to the other parts of the flow. */
export function signUp({ state, context }: Snapshot, event: Event): Step | undefined {
  // Continue is sign-up only where passkeys can be made and the site wants them to be.
  if (event.type === 'submit' && (state.kind === 'checking' || state.kind === 'ready' || state.kind === 'failed') && canUsePasskeys(context) && !context.signUpOff) {
    return submit(context);
  }
  switch (state.kind) {
    case 'registering':
      if (event.type === 'registration-options-loaded') {
        return [{ kind: 'confirm-create', options: event.options }, { ...context, creation: event.options }, []];
      }
      if (event.type !== 'registration-options-failed') return undefined;
      if (event.failure.code === 'identifier-taken') return [{ kind: 'returning', reason: 'identifier-taken' }, context, []];
      if (event.failure.code === 'invalid-identifier') return arm([{ kind: 'ready', fieldError: 'identifier-invalid' }, context, []]);
      return fail(context, event.failure, 'register', []);
    case 'confirm-create':
      if (event.type === 'create') return startCreate(context, state.options);
      if (event.type === 'start-over') return editIdentifier({ ...context, creation: undefined });
      return undefined;
    case 'returning':
      if (event.type === 'sign-in') return startGet(context, event.ceremony);
      if (event.type === 'start-over') return editIdentifier(context);
      return undefined;
    case 'ceremony':
      if (state.ceremony !== 'create') return undefined;
      if (event.type === 'created') {
        return [{ kind: 'verifying', source: 'create', rpId: state.options.rp.id }, context, [{ type: 'verify-registration', response: event.response }]];
      }
      // InvalidStateError on create: this authenticator already holds a passkey for the account.
      if (event.type === 'ceremony-failed' && event.failure.code === 'already-registered') {
        return [{ kind: 'returning', reason: 'already-registered' }, context, []];
      }
      return undefined;
    case 'failed':
      if (event.type !== 'retry') return undefined;
      if (state.source === 'create') return context.creation ? startCreate(context, context.creation) : submit(context);
      if (state.source === 'register') return submit(context);
      return undefined;
    default:
      return undefined;
  }
}

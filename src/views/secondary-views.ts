/**
 * Views most sign-ins never show: failures, sign-up and the signed-in step, plus developer
 * diagnostics. Loaded in the background after the first render so the script-tag entry stays
 * small; the element shows a short progress state in the rare case one is needed first.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Diagnostic, Failure, FailureCode, Snapshot, Source, State } from '../machine/types.js';
import { heading, passkeyButtons, type Handlers } from './templates.js';
import { text as coreText } from './messages.js';
import { failureMethods, retryText } from './fallback-views.js';
import { helpButton } from './help-views.js';
import { otherMethods } from '../machine/fallbacks.js';

export interface FailureText {
  title: string;
  body: string;
  /** Blocking problems are announced as alerts; a cancel is announced politely. */
  urgent: boolean;
}

export function failureText(code: FailureCode, source: Source, triesLeft?: number): FailureText {
  const creating = source === 'create' || source === 'register' || source === 'enrol';
  switch (code) {
    case 'code-invalid':
      return triesLeft === 0
        ? { title: msg("That code isn't right", { id: 'failure.code-invalid.title' }), body: msg('No tries are left for this code. Ask for a new one.', { id: 'failure.code-invalid.none-left' }), urgent: true }
        : { title: msg("That code isn't right", { id: 'failure.code-invalid.title' }), body: triesLeft === undefined ? msg('Check the code and try again.', { id: 'failure.code-invalid.body' }) : msg(str`Check the code and try again. Tries left: ${triesLeft}.`, { id: 'failure.code-invalid.tries-left' }), urgent: true };
    case 'code-expired':
      return { title: msg('This code has expired', { id: 'failure.code-expired.title' }), body: msg('Ask for a new code; it takes a moment.', { id: 'failure.code-expired.body' }), urgent: true };
    case 'too-many-tries':
      return { title: msg('Too many wrong tries', { id: 'failure.too-many-tries.title' }), body: msg('This code no longer works. Ask for a new one.', { id: 'failure.too-many-tries.body' }), urgent: true };
    case 'account-locked':
      return { title: msg('Sign-in with a code is paused', { id: 'failure.account-locked.title' }), body: msg('There were too many wrong codes for this account. Use another way to sign in, or wait.', { id: 'failure.account-locked.body' }), urgent: true };
    case 'resend-too-soon':
      return { title: msg('Please wait a moment', { id: 'failure.resend-too-soon.title' }), body: msg('A code was sent very recently; you can ask for another one shortly.', { id: 'failure.resend-too-soon.body' }), urgent: false };
    case 'delivery-failed':
      return { title: msg("We couldn't send the code", { id: 'failure.delivery-failed.title' }), body: msg('Try again, or use another way to sign in.', { id: 'failure.delivery-failed.body' }), urgent: true };
    case 'invalid-credentials':
      return { title: msg("That password isn't right", { id: 'failure.invalid-credentials.title' }), body: msg('Check it and try again, or use another way to sign in.', { id: 'failure.invalid-credentials.body' }), urgent: true };
    case 'recovery-code-invalid':
      return { title: msg("That recovery code doesn't work", { id: 'failure.recovery-code-invalid.title' }), body: msg('Check the code and the email or username, or ask support for a new code. A code works once.', { id: 'failure.recovery-code-invalid.body' }), urgent: true };
    case 'invalid-password':
      return { title: msg("That password can't be used", { id: 'failure.invalid-password.title' }), body: msg('Try a longer one.', { id: 'failure.invalid-password.body' }), urgent: true };
    case 'cancelled':
      return creating
        ? { title: msg("The passkey wasn't created", { id: 'failure.create-cancelled.title' }), body: msg('Nothing was saved. You can try again when you are ready.', { id: 'failure.create-cancelled.body' }), urgent: false }
        : { title: msg("Passkey sign-in didn't complete", { id: 'failure.cancelled.title' }), body: msg('No problem: you can try again, or use a passkey from another device.', { id: 'failure.cancelled.body' }), urgent: false };
    case 'timed-out':
      return { title: msg('That took too long', { id: 'failure.timed-out.title' }), body: msg('The request to your device timed out. You can try again.', { id: 'failure.timed-out.body' }), urgent: false };
    case 'pending':
    case 'transient':
      return { title: msg("Your device couldn't respond", { id: 'failure.transient.title' }), body: msg('Something went wrong with your passkey provider. Try again in a moment.', { id: 'failure.transient.body' }), urgent: true };
    case 'security':
    case 'bad-options':
      return { title: msg("Passkeys aren't working on this site right now", { id: 'failure.site.title' }), body: msg("This is a problem on the site's side, not yours.", { id: 'failure.site.body' }), urgent: true };
    case 'not-supported':
    case 'unsupported':
      return { title: msg("This device can't use that kind of passkey", { id: 'failure.not-supported.title' }), body: msg('You can use a passkey from a phone or tablet instead.', { id: 'failure.not-supported.body' }), urgent: true };
    case 'constraint':
      return { title: msg("This device can't create a passkey here", { id: 'failure.constraint.title' }), body: msg('It may need a screen lock to be set up first. You can also create the passkey on a phone or tablet.', { id: 'failure.constraint.body' }), urgent: true };
    case 'unknown-credential':
      return { title: msg("That passkey isn't recognised", { id: 'failure.unknown-credential.title' }), body: msg('It may have been removed from your account. Try another passkey, or create a new account.', { id: 'failure.unknown-credential.body' }), urgent: true };
    case 'verification-failed':
      return { title: msg("We couldn't confirm that passkey", { id: 'failure.verification-failed.title' }), body: msg('Please try again.', { id: 'failure.verification-failed.body' }), urgent: true };
    case 'challenge-expired':
      return { title: msg('That sign-in request expired', { id: 'failure.challenge-expired.title' }), body: msg('Please try again.', { id: 'failure.challenge-expired.body' }), urgent: true };
    case 'network':
      return { title: msg("We couldn't reach the server", { id: 'failure.network.title' }), body: msg('Check your connection and try again.', { id: 'failure.network.body' }), urgent: true };
    case 'request-timeout':
      return { title: msg('The server is taking too long', { id: 'failure.request-timeout.title' }), body: msg('Please try again in a moment.', { id: 'failure.request-timeout.body' }), urgent: true };
    case 'rate-limited':
      return { title: msg('Too many attempts', { id: 'failure.rate-limited.title' }), body: msg('Please wait a little, then try again, or use another way to sign in.', { id: 'failure.rate-limited.body' }), urgent: true };
    case 'forbidden':
    case 'unauthenticated':
      return { title: msg('This step has expired', { id: 'failure.forbidden.title' }), body: msg('Please start again.', { id: 'failure.forbidden.body' }), urgent: true };
    default:
      return { title: msg('Something went wrong', { id: 'failure.generic.title' }), body: msg('Please try again. If it keeps happening, the site may be having problems.', { id: 'failure.generic.body' }), urgent: true };
  }
}


export const text = {
  createTitle: (identifier: string) => msg(str`Create a passkey for ${identifier}`, { id: 'create.title' }),
  createBody: () => msg("With passkeys, you don't need to remember complex passwords. Your device will ask for your fingerprint, face or screen lock, and nothing else.", { id: 'create.body' }),
  createButton: () => msg('Create a passkey', { id: 'create.button' }),
  differentAccount: () => msg('Use a different email or username', { id: 'action.start-over' }),
  returningTitle: () => msg('Welcome back', { id: 'returning.title' }),
  returningTaken: (identifier: string) => msg(str`${identifier} already has an account. Sign in with your passkey.`, { id: 'returning.taken' }),
  returningAlready: () => msg('You already have a passkey for this account on this device. Sign in with it.', { id: 'returning.already-registered' }),
  signedInTitle: () => msg("You're signed in", { id: 'signed-in.title' }),
  signedInAs: (name: string) => msg(str`Signed in as ${name}`, { id: 'signed-in.as' }),
  signedInNoName: () => msg("You're signed in.", { id: 'signed-in.no-name' }),
  signOut: () => msg('Sign out', { id: 'signed-in.sign-out' }),
  signOutFailed: () => msg("We couldn't sign you out. Please try again.", { id: 'signed-in.sign-out-failed' }),
  savedIn: (provider: string) => msg(str`Your passkey is saved in ${provider}.`, { id: 'signed-in.saved-in' }),
  saved: () => msg('Your passkey is saved.', { id: 'signed-in.saved' }),
  syncs: () => msg('It syncs to your other devices that use the same account.', { id: 'signed-in.syncs' }),
  deviceOnly: () => msg('It stays on this device only.', { id: 'signed-in.device-only' }),
  nudgeTitle: () => msg('Add a backup passkey', { id: 'nudge.title' }),
  nudgeSingle: () =>
    msg('You have one passkey. Add another on a second device, or in a password manager that syncs, so losing a device never locks you out.', { id: 'nudge.single' }),
  nudgeDeviceBound: () =>
    msg('Your passkeys are each kept on a single device. Add one in a password manager that syncs, so losing a device never locks you out.', { id: 'nudge.device-bound' }),
  nudgeAdd: () => msg('Add a passkey', { id: 'nudge.add' }),
  notNow: () => msg('Not now', { id: 'action.not-now' }),
  never: () => msg("Don't ask again", { id: 'nudge.never' }),
};

export function failureNotice(snapshot: Snapshot, state: Extract<State, { kind: 'failed' }>, on: Handlers): TemplateResult {
  const { title, body, urgent } = failureText(state.failure.code, state.source);
  return html`
    <div part="notice failure-notice" class="notice ${urgent ? 'urgent' : ''}" role=${urgent ? 'alert' : 'status'} data-code=${state.failure.code}>
      <p part="notice-title" class="notice-title" tabindex="-1" data-focus>${title}</p>
      <p part="notice-body">${body}${state.failure.retryAfter ? html` ${retryText(state.failure.retryAfter)}` : nothing}</p>
      ${state.actions.length || otherMethods(snapshot.context).length
        ? html`<div part="actions" class="actions">
            ${state.actions.includes('retry')
              ? html`<button part="button primary-button retry-button" class="primary" type="button" @click=${on.retry}>${coreText.tryAgain()}</button>`
              : nothing}
            ${state.actions.includes('hybrid')
              ? html`<button part="button secondary-button hybrid-button" class="secondary" type="button" @click=${() => on.signIn('hybrid')}>
                  ${coreText.useHybrid()}
                </button>`
              : nothing}
            ${failureMethods(snapshot, on)}
          </div>`
        : nothing}
      ${snapshot.context.fallbacks ? helpButton(on) : nothing}
    </div>
  `;
}

export function confirmCreate(snapshot: Snapshot, on: Handlers): TemplateResult {
  return html`
    <div part="confirm-create" class="stack">
      ${heading(text.createTitle(snapshot.context.identifier))}
      <p part="body">${text.createBody()}</p>
      <button part="button primary-button create-button" class="primary" type="button" @click=${on.create}>${text.createButton()}</button>
      <button part="button link-button start-over-button" class="link" type="button" @click=${on.startOver}>${text.differentAccount()}</button>
    </div>
  `;
}

export function returning(snapshot: Snapshot, state: Extract<State, { kind: 'returning' }>, on: Handlers): TemplateResult {
  return html`
    <div part="returning" class="stack">
      ${heading(text.returningTitle())}
      <p part="body">${state.reason === 'identifier-taken' ? text.returningTaken(snapshot.context.identifier) : text.returningAlready()}</p>
      ${passkeyButtons(snapshot, on, true)} ${failureMethods(snapshot, on)}
      <button part="button link-button start-over-button" class="link" type="button" @click=${on.startOver}>${text.differentAccount()}</button>
    </div>
  `;
}

/** The name to show for who is signed in, if the backend gave one (a backend may know none). */
export const shownName = (user: { name: string; displayName?: string }): string => (user.displayName || user.name).trim();

/** What the live region says on arriving signed in. */
export function signedInStatus(state: Extract<State, { kind: 'signed-in' }>): string {
  const name = shownName(state.result.user);
  return name ? text.signedInAs(name) : text.signedInNoName();
}

export function signedIn(state: Extract<State, { kind: 'signed-in' }>, on: Handlers): TemplateResult {
  const { user } = state.result;
  return html`
    <div part="signed-in" class="stack">
      ${heading(text.signedInTitle())}
      ${shownName(user) ? html`<p part="body user">${text.signedInAs(shownName(user))}</p>` : nothing}
      ${state.saved
        ? html`<p part="body saved" role="status">
            ${state.saved.provider ? text.savedIn(state.saved.provider) : text.saved()} ${state.saved.synced ? text.syncs() : text.deviceOnly()}
          </p>`
        : nothing}
      ${state.nudge
        ? html`<div part="notice nudge" class="notice">
            <p part="notice-title" class="notice-title">${text.nudgeTitle()}</p>
            <p part="notice-body">${state.nudge === 'single' ? text.nudgeSingle() : text.nudgeDeviceBound()}</p>
            <div part="actions" class="actions">
              <button part="button primary-button nudge-add-button" class="primary" type="button" @click=${() => on.send({ type: 'nudge-add' })}>${text.nudgeAdd()}</button>
              <button part="button secondary-button not-now-button" class="secondary" type="button" @click=${() => on.send({ type: 'nudge-dismiss', forever: false })}>${text.notNow()}</button>
              <button part="button link-button never-button" class="link" type="button" @click=${() => on.send({ type: 'nudge-dismiss', forever: true })}>${text.never()}</button>
            </div>
          </div>`
        : nothing}
      ${state.failure ? html`<p part="notice" class="notice urgent" role="alert">${text.signOutFailed()}</p>` : nothing}
      <button part="button secondary-button sign-out-button" class="secondary" type="button" @click=${on.signOut}>${text.signOut()}</button>
    </div>
  `;
}

/** Developer-facing, in English on purpose: it names configuration, not user actions. */
export function diagnosticMessage(code: Diagnostic, failure?: Failure, detail = ''): string {
  const { hostname, origin } = globalThis.location;
  switch (code) {
    case 'security-error':
      return (
        `WebAuthn refused with SecurityError: the rpId in the backend's options must be "${hostname}" or a registrable suffix of it, ` +
        `the server's expected origin must be "${origin}", and the page must be a secure context (https, or http://localhost). ` +
        'Passkeys are turned off for this page view.'
      );
    case 'bad-options':
      return 'WebAuthn rejected the options from the backend (TypeError/EncodingError): check that challenge, user.id and credential ids are base64url strings and pubKeyCredParams is not empty.';
    case 'ceremony-pending':
      return 'The browser says another WebAuthn request is already pending in this tab; something outside <passkey-login> may be calling navigator.credentials.';
    case 'ceremony-stalled':
      return 'A WebAuthn request did not settle before its timeout; it was aborted.';
    case 'bad-response':
      return `The backend answered with a body that does not match the contract (HTTP ${failure?.status ?? '?'}); see the README's "Backend contract".`;
    case 'autofill-input-missing':
      return 'No input with autocomplete ending in "webauthn" was found in the element: passkey autofill will not be offered.';
    case 'ignored-field':
      return `The sign-in answer's ${detail} is not a string; it was left aside, and the sign-in stands.`;
    case 'out-of-range':
    case 'adapter-threw':
      return detail;
    case 'challenge-not-kept':
      return (
        'The backend said the challenge had expired right after issuing it, twice: it most likely does not get its challenge back. ' +
        'Check that its challenge cookie reaches it (the `credentials` setting for another origin, SameSite, the cookie path), or that it keeps challenges across instances.'
      );
    case 'poll-failing':
      return `Asking the backend whether the other device approved keeps failing (${failure?.code ?? 'unknown'}${failure?.status ? `, HTTP ${failure.status}` : ''}); the element keeps trying until the request expires.`;
  }
}

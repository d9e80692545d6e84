/**
 * Every user-visible sentence, each with a stable id for translators. Called only while
 * rendering (never at module scope), so the active locale applies.
 */
import { msg } from '../l10n/msg.js';
import type { FieldError } from '../machine/types.js';

export function fieldErrorText(error: FieldError): string {
  return error === 'identifier-required'
    ? msg('Enter your email or username.', { id: 'identifier.required' })
    : msg("That email or username can't be used. Check it and try again.", { id: 'identifier.invalid' });
}

export const text = {
  heading: () => msg('Sign in or create an account', { id: 'form.heading' }),
  headingSignIn: () => msg('Sign in', { id: 'form.heading-sign-in' }),
  identifierLabel: () => msg('Email or username', { id: 'identifier.label' }),
  continue: () => msg('Continue', { id: 'form.continue' }),
  or: () => msg('or', { id: 'form.or' }),
  otherWays: () => msg('Other ways to sign in', { id: 'method.other-ways' }),
  signInWithPasskey: () => msg('Sign in with a passkey', { id: 'signin.passkey' }),
  useHybrid: () => msg('Use a phone or tablet', { id: 'signin.hybrid' }),
  hybridHint: () => msg('Scan a QR code with a phone or tablet that has your passkey; it needs to be nearby with Bluetooth on.', { id: 'signin.hybrid.hint' }),
  loadFailed: () => msg("Part of the sign-in form couldn't load. Check your connection and try again.", { id: 'load-failed' }),
  tryAgain: () => msg('Try again', { id: 'action.retry' }),
  cancel: () => msg('Cancel', { id: 'action.cancel' }),
  preparing: () => msg('Getting ready…', { id: 'progress.preparing' }),
  waitingTitle: () => msg('Waiting for your passkey', { id: 'progress.ceremony.title' }),
  waitingBody: () => msg('Follow the prompt from your browser or device.', { id: 'progress.ceremony.body' }),
  waitingHybrid: () => msg('Scan the QR code with your phone or tablet and follow its prompt.', { id: 'progress.hybrid.body' }),
  verifying: () => msg('Signing you in…', { id: 'progress.verifying' }),
};


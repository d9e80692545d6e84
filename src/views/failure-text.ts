/**
 * What each failure is called and what to say about it: short, calm, no jargon, never the
 * browser's or the server's own words (see docs/copy-guide.md). Every failure has a title and one
 * sentence; `urgent` ones block the way and are announced as alerts.
 */
import { plural } from '../l10n/format.js';
import { msg } from '../l10n/msg.js';
import { str } from '../l10n/str.js';
import type { FailureCode, Source } from '../machine/types.js';

export interface FailureText {
  title: string;
  body: string;
  /** Blocking problems are announced as alerts; a cancel is announced politely. */
  urgent: boolean;
}

export interface FailureTextOptions {
  /** Wrong tries left on a code. */
  triesLeft?: number;
  /** The step offers other ways in than trying again (so the words may point at them). */
  others?: boolean;
}

export function failureText(code: FailureCode, source: Source, { triesLeft, others = false }: FailureTextOptions = {}): FailureText {
  const creating = source === 'create' || source === 'register' || source === 'enrol';
  switch (code) {
    case 'code-invalid':
      return triesLeft === 0
        ? { title: msg("That code isn't right", { id: 'failure.code-invalid.title' }), body: msg('No tries are left for this code. Ask for a new one.', { id: 'failure.code-invalid.none-left' }), urgent: true }
        : {
            title: msg("That code isn't right", { id: 'failure.code-invalid.title' }),
            body:
              triesLeft === undefined
                ? msg('Check the code and try again.', { id: 'failure.code-invalid.body' })
                : plural(triesLeft, {
                    one: () => msg(str`Check the code and try again. You have ${triesLeft} more try.`, { id: 'failure.code-invalid.tries-left.one' }),
                    two: () => msg(str`Check the code and try again. You have ${triesLeft} more tries.`, { id: 'failure.code-invalid.tries-left.two' }),
                    few: () => msg(str`Check the code and try again. You have ${triesLeft} more tries.`, { id: 'failure.code-invalid.tries-left.few' }),
                    many: () => msg(str`Check the code and try again. You have ${triesLeft} more tries.`, { id: 'failure.code-invalid.tries-left.many' }),
                    other: () => msg(str`Check the code and try again. You have ${triesLeft} more tries.`, { id: 'failure.code-invalid.tries-left' }),
                  }),
            urgent: true,
          };
    case 'code-expired':
      return { title: msg('This code has expired', { id: 'failure.code-expired.title' }), body: msg('Ask for a new one. It only takes a moment.', { id: 'failure.code-expired.body' }), urgent: true };
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
        : {
            title: msg("Passkey sign-in didn't complete", { id: 'failure.cancelled.title' }),
            body: others
              ? msg('No problem. Try again, or choose another way to sign in.', { id: 'failure.cancelled.body' })
              : msg('No problem. You can try again.', { id: 'failure.cancelled.body-retry' }),
            urgent: false,
          };
    case 'timed-out':
      return { title: msg('That took too long', { id: 'failure.timed-out.title' }), body: msg('The request to your device timed out. You can try again.', { id: 'failure.timed-out.body' }), urgent: false };
    case 'pending':
    case 'transient':
      return { title: msg("Your device couldn't respond", { id: 'failure.transient.title' }), body: msg('Something went wrong on your device. Try again in a moment.', { id: 'failure.transient.body' }), urgent: true };
    case 'security':
    case 'bad-options':
      return { title: msg("Passkeys aren't working on this site right now", { id: 'failure.site.title' }), body: msg("This is a problem on the site's side, not yours.", { id: 'failure.site.body' }), urgent: true };
    case 'not-supported':
    case 'unsupported':
      return { title: msg("This device can't use that kind of passkey", { id: 'failure.not-supported.title' }), body: others ? msg('Choose another way to sign in.', { id: 'failure.not-supported.body' }) : msg('Try another browser or device.', { id: 'failure.not-supported.body-none' }), urgent: true };
    case 'constraint':
      return { title: msg("This device can't create a passkey here", { id: 'failure.constraint.title' }), body: msg('It may need a screen lock set up first.', { id: 'failure.constraint.body' }), urgent: true };
    case 'unknown-credential':
      return { title: msg("That passkey isn't recognised", { id: 'failure.unknown-credential.title' }), body: (others
            ? msg('It may have been removed from your account. Try another passkey, or choose another way to sign in.', { id: 'failure.unknown-credential.body' })
            : msg('It may have been removed from your account. Try another passkey.', { id: 'failure.unknown-credential.body-retry' })), urgent: true };
    case 'verification-failed':
      return { title: msg("We couldn't confirm that passkey", { id: 'failure.verification-failed.title' }), body: msg('Please try again.', { id: 'failure.verification-failed.body' }), urgent: true };
    case 'challenge-expired':
      return { title: msg('That sign-in request expired', { id: 'failure.challenge-expired.title' }), body: msg('Please try again.', { id: 'failure.challenge-expired.body' }), urgent: true };
    case 'network':
      return { title: msg("We couldn't reach the server", { id: 'failure.network.title' }), body: msg('Check your connection and try again.', { id: 'failure.network.body' }), urgent: true };
    case 'request-timeout':
      return { title: msg('The server is taking too long', { id: 'failure.request-timeout.title' }), body: msg('Please try again in a moment.', { id: 'failure.request-timeout.body' }), urgent: true };
    case 'rate-limited':
      return { title: msg('Too many attempts', { id: 'failure.rate-limited.title' }), body: others ? msg('Wait a little, then try again, or choose another way to sign in.', { id: 'failure.rate-limited.body' }) : msg('Wait a little, then try again.', { id: 'failure.rate-limited.body-retry' }), urgent: true };
    case 'forbidden':
    case 'unauthenticated':
      return { title: msg('This step has expired', { id: 'failure.forbidden.title' }), body: msg('Please start again.', { id: 'failure.forbidden.body' }), urgent: true };
    default:
      return { title: msg('Something went wrong', { id: 'failure.generic.title' }), body: msg('Please try again. If it keeps happening, the site may be having problems.', { id: 'failure.generic.body' }), urgent: true };
  }
}

/**
 * Every sentence of the approval element, each with a stable `approval.` id for translators.
 * Called only while rendering, so the active locale applies.
 */
import { duration } from '../l10n/format.js';
import { msg } from '../l10n/msg.js';
import { str } from '../l10n/str.js';
import type { ApprovalFailureCode, CodeFieldError } from './state.js';

export const text = {
  enterTitle: () => msg('Approve a sign-in', { id: 'approval.enter.title' }),
  enterBody: () => msg('Enter the code shown on the device you want to sign in on. You will see what is asking before anything is approved.', { id: 'approval.enter.body' }),
  codeLabel: () => msg('Code shown on the new device', { id: 'approval.code.label' }),
  codeHint: () => msg('8 letters and digits, like 7KQ2-M9XD.', { id: 'approval.code.hint' }),
  continue: () => msg('Continue', { id: 'approval.continue' }),
  lookingUp: () => msg('Checking the code…', { id: 'approval.progress.lookup' }),
  approving: () => msg('Approving…', { id: 'approval.progress.approve' }),
  denying: () => msg('Denying…', { id: 'approval.progress.deny' }),
  confirmTitle: () => msg('Sign in on a new device?', { id: 'approval.confirm.title' }),
  account: () => msg('Account', { id: 'approval.detail.account' }),
  device: () => msg('Device', { id: 'approval.detail.device' }),
  when: () => msg('When', { id: 'approval.detail.when' }),
  where: () => msg('Where', { id: 'approval.detail.where' }),
  browserOn: (browser: string, os: string) => msg(str`${browser} on ${os}`, { id: 'approval.device.browser-on-os' }),
  unknownBrowser: () => msg('Unknown browser', { id: 'approval.device.unknown-browser' }),
  unknownPlace: () => msg('Location unknown', { id: 'approval.place.unknown' }),
  expiresIn: (when: string) => msg(str`This request expires in ${when}.`, { id: 'approval.expires' }),
  warning: () => msg('If you did not start this, deny.', { id: 'approval.confirm.warning' }),
  deny: () => msg('Deny', { id: 'approval.deny' }),
  approve: () => msg('Approve', { id: 'approval.approve' }),
  approvedTitle: () => msg('Approved', { id: 'approval.approved.title' }),
  approvedBody: () => msg('The new device is signed in.', { id: 'approval.approved.body' }),
  deniedTitle: () => msg('Denied', { id: 'approval.denied.title' }),
  deniedBody: () => msg('The new device was not signed in.', { id: 'approval.denied.body' }),
  enterNewCode: () => msg('Enter a new code', { id: 'approval.action.new-code' }),
  tryAgain: () => msg('Try again', { id: 'approval.action.retry' }),
  retryIn: (when: string) => msg(str`You can try again in ${when}.`, { id: 'approval.retry' }),
};

export function fieldErrorText(error: CodeFieldError): string {
  return error === 'code-required'
    ? msg('Enter the code shown on the new device.', { id: 'approval.code.required' })
    : msg('That is not a code from the new device: it has 8 letters and digits, like 7KQ2-M9XD.', { id: 'approval.code.format' });
}

export function retryText(seconds: number): string {
  return text.retryIn(duration(seconds));
}

export interface FailureText {
  title: string;
  body: string;
}

export function failureText(code: ApprovalFailureCode): FailureText {
  switch (code) {
    case 'device-code-invalid':
      return {
        title: msg("That code isn't right", { id: 'approval.failure.code-invalid.title' }),
        body: msg('Check the code on the new device and enter it again.', { id: 'approval.failure.code-invalid.body' }),
      };
    case 'device-request-expired':
      return {
        title: msg('This request has expired', { id: 'approval.failure.expired.title' }),
        body: msg('Ask the new device for a new code, then enter it here.', { id: 'approval.failure.expired.body' }),
      };
    case 'device-request-used':
      return {
        title: msg('This code has already been used', { id: 'approval.failure.used.title' }),
        body: msg('It was approved or denied already. To sign in on the new device, ask it for a new code.', { id: 'approval.failure.used.body' }),
      };
    case 'unauthenticated':
      return {
        title: msg('Sign in on this device first', { id: 'approval.failure.unauthenticated.title' }),
        body: msg('Only a device where you are signed in can approve. Sign in here, then try again.', { id: 'approval.failure.unauthenticated.body' }),
      };
    case 'rate-limited':
      return {
        title: msg('Too many attempts', { id: 'approval.failure.rate-limited.title' }),
        body: msg('Too many codes were tried. Please wait, then try again.', { id: 'approval.failure.rate-limited.body' }),
      };
    case 'network':
      return {
        title: msg("We couldn't reach the server", { id: 'approval.failure.network.title' }),
        body: msg('Check your connection and try again.', { id: 'approval.failure.network.body' }),
      };
    case 'request-timeout':
      return {
        title: msg('The server is taking too long', { id: 'approval.failure.timeout.title' }),
        body: msg('Please try again in a moment.', { id: 'approval.failure.timeout.body' }),
      };
    default:
      return {
        title: msg('Something went wrong', { id: 'approval.failure.generic.title' }),
        body: msg('Please try again. If it keeps happening, the site may be having problems.', { id: 'approval.failure.generic.body' }),
      };
  }
}

/**
 * What the element tells developers (`passkey-login-diagnostic` and the console): in English on
 * purpose, since it names configuration, not anything a person signing in does.
 */
import type { Diagnostic, Failure } from './machine/types.js';

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

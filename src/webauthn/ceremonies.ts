import {
  startAuthentication,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Ceremony } from './coordinator.js';

/** Extra time past the options' own timeout before the watchdog gives up on a modal request. */
export const WATCHDOG_MARGIN_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 300_000;

// @simplewebauthn keeps its AbortController in a module singleton; aborting through it is the
// only way to cancel a request it started.
export const cancel = () => WebAuthnAbortService.cancelCeremony();

export const watchdog = (timeout: number | undefined) => (timeout && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS) + WATCHDOG_MARGIN_MS;

/** A conditional (autofill) `get()`. It has no timeout of its own (WebAuthn L3 §5.1.4.1 step 21). */
export function autofillRequest(options: PublicKeyCredentialRequestOptionsJSON): Ceremony<AuthenticationResponseJSON> {
  return {
    mode: 'conditional',
    operation: 'get',
    cancel,
    // The library looks for the autofill input with document.querySelectorAll, which cannot see
    // into our shadow root; the element checks its own input instead.
    start: () => startAuthentication({ optionsJSON: options, useBrowserAutofill: true, verifyBrowserAutofillInput: false }),
  };
}

export function signInRequest(options: PublicKeyCredentialRequestOptionsJSON): Ceremony<AuthenticationResponseJSON> {
  return {
    mode: 'modal',
    operation: 'get',
    cancel,
    watchdogMs: watchdog(options.timeout),
    start: () => startAuthentication({ optionsJSON: options }),
  };
}

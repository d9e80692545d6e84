import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { watchdog } from './ceremonies.js';
import type { Ceremony } from './coordinator.js';

interface JsonCapable {
  parseRequestOptionsFromJSON?: (options: PublicKeyCredentialRequestOptionsJSON) => PublicKeyCredentialRequestOptions;
}

/**
 * `get()` with `uiMode: 'immediate'` (Chrome, 2026): with a passkey on this device it asks for it
 * at once; without one it rejects NotAllowedError without showing any sheet, so the person goes
 * straight to the other ways in. @simplewebauthn/browser does not pass `uiMode` through, so the
 * options are decoded by the browser itself (WebAuthn L3 §5.1.9 `parseRequestOptionsFromJSON`).
 * No signal is passed (FAILURES.md); the request settles on its own in moments.
 * `undefined` where the browser cannot decode the options itself.
 */
export function immediateRequest(options: PublicKeyCredentialRequestOptionsJSON): Ceremony<AuthenticationResponseJSON> | undefined {
  const PKC = globalThis.PublicKeyCredential as unknown as JsonCapable | undefined;
  const parse = PKC?.parseRequestOptionsFromJSON;
  if (typeof parse !== 'function') return undefined;
  return {
    mode: 'modal',
    operation: 'get',
    cancel: () => {},
    watchdogMs: watchdog(options.timeout),
    start: async () => {
      const publicKey = parse.call(PKC, options);
      let credential: PublicKeyCredential;
      try {
        credential = (await navigator.credentials.get({ publicKey, uiMode: 'immediate' } as CredentialRequestOptions)) as PublicKeyCredential;
      } catch (error) {
        // In immediate mode NotAllowedError means no passkey here (or its prompt waved away), not
        // a failure to show: named apart so the flow can go straight to the other ways in.
        throw (error as Error)?.name === 'NotAllowedError' ? new DOMException('No passkey on this device', 'NoPasskeyHereError') : error;
      }
      return credential.toJSON() as AuthenticationResponseJSON;
    },
  };
}

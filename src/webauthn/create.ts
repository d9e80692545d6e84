import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { cancel, watchdog } from './ceremonies.js';
import type { Ceremony } from './coordinator.js';

/**
 * Kept apart from the sign-in ceremonies: only sign-up and adding a passkey need `create()`, so it
 * loads with the secondary views, which are on the page before a "Create a passkey" button can be
 * pressed. `conditional` is the silent upgrade after a password sign-in (WebAuthn L3 §5.1.3,
 * mediation "conditional"): the password manager that just filled the password may add a passkey
 * without asking, and otherwise rejects at once.
 */
export function createRequest(options: PublicKeyCredentialCreationOptionsJSON, conditional = false): Ceremony<RegistrationResponseJSON> {
  return {
    mode: 'modal',
    operation: 'create',
    cancel,
    watchdogMs: watchdog(options.timeout),
    start: () => startRegistration({ optionsJSON: options, useAutoRegister: conditional }),
  };
}


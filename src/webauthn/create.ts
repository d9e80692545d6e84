import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { cancel, watchdog } from './ceremonies.js';
import type { Ceremony } from './coordinator.js';

/**
 * Kept apart from the sign-in ceremonies: only sign-up needs `create()`, so it loads with the
 * secondary views, which are on the page before the "Create a passkey" button can be pressed.
 */
export function createRequest(options: PublicKeyCredentialCreationOptionsJSON): Ceremony<RegistrationResponseJSON> {
  return {
    mode: 'modal',
    operation: 'create',
    cancel,
    watchdogMs: watchdog(options.timeout),
    start: () => startRegistration({ optionsJSON: options }),
  };
}


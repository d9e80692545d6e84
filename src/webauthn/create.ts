/**
 * Kept apart from the sign-in ceremonies: only sign-up and adding a passkey need `create()`, so it
 * loads with the views that offer it, which are on the page before a "Create a passkey" button
 * can be pressed.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { ceremony, jsonMethods, toJson } from './ceremonies.js';
import type { Ceremony } from './coordinator.js';

/**
 * `create()`: sign-up, or adding a passkey to a signed-in account. `conditional` is the silent
 * upgrade after a password sign-in (WebAuthn L3 §5.1.3, mediation "conditional"): the password
 * manager that just filled the password may add a passkey without asking, and otherwise rejects.
 */
export function createRequest(options: PublicKeyCredentialCreationOptionsJSON, conditional = false): Ceremony<RegistrationResponseJSON> {
  const json = jsonMethods();
  return ceremony(
    'modal',
    'create',
    options.timeout,
    json &&
      (async (signal) => {
        const publicKey = json.parseCreationOptionsFromJSON(options);
        const request: CredentialCreationOptions = { publicKey, signal, ...(conditional ? { mediation: 'conditional' as CredentialMediationRequirement } : {}) };
        return toJson<RegistrationResponseJSON>(await navigator.credentials.create(request));
      }),
    (library) => library.startRegistration({ optionsJSON: options, useAutoRegister: conditional }),
  );
}

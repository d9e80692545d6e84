/**
 * A DevTools-Protocol virtual authenticator for this test page (see the `virtual-authenticator`
 * plugin in web-test-runner.config.mjs): real WebAuthn ceremonies in real Chromium.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface VirtualCredential {
  credentialId: string;
  signCount: number;
  userHandle?: string;
}

export const authenticator = {
  add: (options: { automaticPresenceSimulation?: boolean } = {}) => executeServerCommand('webauthn:add', options),
  remove: () => executeServerCommand('webauthn:remove'),
  /** false: the next `get()` is refused as if the user cancelled the OS prompt. */
  setUserVerified: (value: boolean) => executeServerCommand('webauthn:set-user-verified', { value }),
  /** false: requests wait for a touch that never comes, as while an OS prompt is open. */
  setPresence: (value: boolean) => executeServerCommand('webauthn:set-presence', { value }),
  /** Makes the authenticator's next responses wrong in the given ways (e.g. a bogus signature). */
  override: (bits: { isBogusSignature?: boolean; isBadUV?: boolean; isBadUP?: boolean }) =>
    executeServerCommand('webauthn:set-response-override-bits', bits),
  credentials: () => executeServerCommand<VirtualCredential[], undefined>('webauthn:credentials'),
};

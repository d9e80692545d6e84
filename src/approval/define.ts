/**
 * Registers `<passkey-login-approval>`. Guarded like `<passkey-login>`'s registration, so a page
 * that loads the script twice (or the npm build and the script-tag build) does not throw.
 */
import { PasskeyLoginApproval } from './passkey-login-approval.js';

if (!customElements.get('passkey-login-approval')) customElements.define('passkey-login-approval', PasskeyLoginApproval);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login-approval': PasskeyLoginApproval;
  }
}

export { PasskeyLoginApproval };

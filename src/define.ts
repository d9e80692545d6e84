/**
 * Registers `<passkey-login>`. The only module with a side effect; guarded so that a page that
 * loads the script twice (or the npm build and the script-tag build) does not throw.
 */
import { PasskeyLogin } from './passkey-login.js';

if (!customElements.get('passkey-login')) customElements.define('passkey-login', PasskeyLogin);

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login': PasskeyLogin;
  }
}

export { PasskeyLogin };

import type { SuccessDetail } from './details.js';

/** Signed in. Cancel it (`preventDefault()`) to stay on the page instead of following `redirect`. */
export class PasskeyLoginSuccessEvent extends CustomEvent<SuccessDetail> {
  static readonly type = 'passkey-login-success';
  constructor(detail: SuccessDetail) {
    super(PasskeyLoginSuccessEvent.type, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-success': PasskeyLoginSuccessEvent;
  }
}

import type { FailureDetail } from './details.js';

/** A step failed; never for an autofill request the person ignored. */
export class PasskeyLoginFailureEvent extends CustomEvent<FailureDetail> {
  static readonly type = 'passkey-login-failure';
  constructor(detail: FailureDetail) {
    super(PasskeyLoginFailureEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-failure': PasskeyLoginFailureEvent;
  }
}

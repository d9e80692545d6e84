import type { StateDetail } from './details.js';

/** The flow moved to another step. */
export class PasskeyLoginStateEvent extends CustomEvent<StateDetail> {
  static readonly type = 'passkey-login-state';
  constructor(detail: StateDetail) {
    super(PasskeyLoginStateEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-state': PasskeyLoginStateEvent;
  }
}

import type { FunnelDetail } from './details.js';

/** One step of the sign-in funnel, for analytics. */
export class PasskeyLoginFunnelEvent extends CustomEvent<FunnelDetail> {
  static readonly type = 'passkey-login-funnel';
  constructor(detail: FunnelDetail) {
    super(PasskeyLoginFunnelEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-funnel': PasskeyLoginFunnelEvent;
  }
}

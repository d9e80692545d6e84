import type { DiagnosticDetail } from './details.js';

/** For developers: something to fix in the configuration or the backend. */
export class PasskeyLoginDiagnosticEvent extends CustomEvent<DiagnosticDetail> {
  static readonly type = 'passkey-login-diagnostic';
  constructor(detail: DiagnosticDetail) {
    super(PasskeyLoginDiagnosticEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-diagnostic': PasskeyLoginDiagnosticEvent;
  }
}

/** Signed out. */
export class PasskeyLoginSignedOutEvent extends CustomEvent<Record<string, never>> {
  static readonly type = 'passkey-login-signed-out';
  constructor() {
    super(PasskeyLoginSignedOutEvent.type, { bubbles: true, composed: true, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-signed-out': PasskeyLoginSignedOutEvent;
  }
}

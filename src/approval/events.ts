/**
 * The approval element's own event. Like the sign-in element's events it bubbles and is
 * composed, and carries nothing personal or secret: no account name, no code, no device details.
 * Funnel steps go out as the shared `passkey-login-funnel` event (src/events.ts).
 */
import type { DecisionOutcome } from './state.js';

export interface ApprovalDetail {
  /** What the backend recorded: the new device is signed in (`approved`) or was refused (`denied`). */
  decision: DecisionOutcome;
}

export class PasskeyLoginApprovalEvent extends CustomEvent<ApprovalDetail> {
  static readonly type = 'passkey-login-approval';
  constructor(detail: ApprovalDetail) {
    super(PasskeyLoginApprovalEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-login-approval': PasskeyLoginApprovalEvent;
  }
}

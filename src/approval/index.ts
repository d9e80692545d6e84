/**
 * The npm entry of the approval element (`passkey-login/approval`): the class, its event and
 * types, without registering anything. Import `passkey-login/approval/define` to register the tag.
 */
export { PasskeyLoginApproval } from './passkey-login-approval.js';
export { PasskeyLoginApprovalEvent, type ApprovalDetail } from './events.js';
export type { ApprovalFailureCode, ApprovalStateKind, DecisionOutcome } from './state.js';

/**
 * The npm entry: the element class, its events and types, without registering anything.
 * Import `passkey-login/define` (or call `customElements.define`) to register the tag, and
 * `passkey-login/approval/define` for `<passkey-login-approval>`.
 */
export { PasskeyLogin } from './passkey-login.js';
export * from './events.js';
export {
  PasskeyLoginApproval,
  PasskeyLoginApprovalEvent,
  type ApprovalDetail,
  type ApprovalFailureCode,
  type ApprovalStateKind,
  type DecisionOutcome,
} from './approval/index.js';
export type {
  BackendAdapter,
  BackendConfig,
  BackendError,
  CallContext,
  EndpointConfig,
  EndpointMap,
  Operation,
  ProblemCode,
  RequestContext,
  Route,
} from './backend/config.js';
export { ALL_OPERATIONS, BackendFailure, DEFAULT_ENDPOINT } from './backend/config.js';
export { DEFAULT_ROUTES } from './backend/fallback-routes.js';
export type { Preset, PresetFactory } from './presets/preset.js';
export type {
  Capabilities,
  Diagnostic,
  Failure,
  FailureCode,
  Method,
  SignInResult,
  Source,
  StateKind,
  User,
} from './machine/types.js';

/**
 * The npm entry: the element class, its events and types, without registering anything.
 * Import `passkey-login/define` (or call `customElements.define`) to register the tag.
 */
export { PasskeyLogin } from './passkey-login.js';
export * from './events.js';
export type {
  BackendConfig,
  EndpointConfig,
  EndpointMap,
  Operation,
} from './backend/config.js';
export { DEFAULT_ENDPOINT, DEFAULT_ROUTES } from './backend/config.js';
export type {
  Capabilities,
  Diagnostic,
  Failure,
  FailureCode,
  SignInResult,
  Source,
  StateKind,
  User,
} from './machine/types.js';

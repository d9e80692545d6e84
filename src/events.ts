/**
 * The element's public events: each a class in a module of its own (so each loads with the code
 * that sends it), bubbling and composed so a page can listen on any ancestor, declared in the
 * global event maps so `addEventListener` is typed. No event carries a credential, a challenge or
 * anything the user typed.
 */
export * from './events/details.js';
export { PasskeyLoginDiagnosticEvent } from './events/diagnostic.js';
export { PasskeyLoginFailureEvent } from './events/failure.js';
export { PasskeyLoginFunnelEvent } from './events/funnel.js';
export { PasskeyLoginSignedOutEvent } from './events/signed-out.js';
export { PasskeyLoginStateEvent } from './events/state.js';
export { PasskeyLoginSuccessEvent } from './events/success.js';

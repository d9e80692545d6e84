/**
 * What loads after the first render, as one lazy chunk: the views most sign-ins never show, the
 * `create()` ceremony and registration checks only sign-up needs, the reading of error answers,
 * the redirect rules of a successful sign-in and the unknown-credential signal. Nothing here runs on import.
 */
export * from './views/secondary-views.js';
export { createRequest } from './webauthn/create.js';
export { asCreationOptions } from './backend/validate-creation.js';
export { safeRedirect, webUrl } from './redirects.js';
export { signalUnknownCredential } from './webauthn/signal.js';
export { failureFromResponse } from './backend/problem.js';

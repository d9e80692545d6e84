/**
 * What loads after the first render, as one lazy chunk: the views most sign-ins never show, and
 * the `create()` ceremony that only sign-up needs. Nothing here runs on import.
 */
export * from './views/secondary-views.js';
export { createRequest } from './webauthn/create.js';
export { asCreationOptions } from './backend/validate-creation.js';

/**
 * What loads after the first render, as one lazy chunk: the views most sign-ins never show, the
 * `create()` ceremony and registration checks only sign-up needs, the reading of error answers,
 * the redirect rules of a successful sign-in, the unknown-credential signal, and the fallbacks
 * (codes, password, recovery, passkey offers: their machine, effects and views). Nothing here runs
 * on import.
 */
export { failureFromResponse } from './backend/problem.js';
export { fallbackStatus, fallbackStyles, otherWays, view } from './steps/fallbacks/views.js';
export { unsupportedNotice } from './views/parts.js';
export { otherMethods, withFallbacks } from './steps/fallbacks/machine.js';
export { configuration, followPageSession, observe, runEffect } from './steps/effects.js';
export { immediateRequest } from './webauthn/immediate.js';
export { escapeEvent } from './steps/escape.js';

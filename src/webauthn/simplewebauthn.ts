/**
 * @simplewebauthn/browser for browsers without WebAuthn's JSON methods: a module of its own, so
 * that it ships as its own lazy file and only those browsers load it.
 */
export { startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';

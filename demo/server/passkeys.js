// @ts-check
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { signInResult } from './account.js';
import { Problem } from './http.js';

/** @typedef {import('@simplewebauthn/server').RegistrationResponseJSON} RegistrationResponseJSON */
/** @typedef {import('@simplewebauthn/server').AuthenticationResponseJSON} AuthenticationResponseJSON */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').ChallengeKind} ChallengeKind */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').Request} Request */

/**
 * @typedef {object} PasskeyOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {string} rpID
 * @property {string} rpName
 * @property {() => readonly string[]} origins exact origins a ceremony may come from
 * @property {number} challengeTtlMs also sent as the options' `timeout`
 * @property {() => number} now
 * @property {string} [redirectAfterSignIn]
 */

/**
 * @typedef {'registrationOptions' | 'registrationVerify' | 'authenticationOptions'
 *   | 'authenticationVerify'} PasskeyOperation
 */

const MAX_IDENTIFIER_LENGTH = 64;
// Controls, line breaks and bidi overrides: invisible in a name and useful only for spoofing.
const FORBIDDEN_IN_IDENTIFIER = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const KNOWN_TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
// Enough for two widgets on a page, each re-arming autofill once while the other's request is
// still open, without letting one session hoard challenges.
const MAX_PENDING_CHALLENGES = 5;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * @param {unknown} value
 * @returns {string} trimmed and NFC-normalized, so visually equal names are one account
 */
function parseIdentifier(value) {
  if (typeof value !== 'string') throw new Problem('invalid-identifier');
  const name = value.trim().normalize('NFC');
  const length = [...name].length;
  if (length < 1 || length > MAX_IDENTIFIER_LENGTH || FORBIDDEN_IN_IDENTIFIER.test(name)) {
    throw new Problem('invalid-identifier');
  }
  return name;
}

/**
 * Just enough shape to look the credential up; the library checks the rest.
 * @param {Record<string, unknown>} body
 */
function isCredentialResponse(body) {
  const { id, rawId, response } = body;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    typeof rawId === 'string' &&
    typeof response === 'object' &&
    response !== null &&
    !Array.isArray(response)
  );
}

/**
 * The challenge the browser signed over. A session may have several pending, and this says
 * which one the response answers; the library still checks the whole client data afterwards.
 * @param {unknown} clientDataJSON base64url of the client data's JSON
 * @returns {string}
 */
function answeredChallenge(clientDataJSON) {
  if (typeof clientDataJSON === 'string' && BASE64URL.test(clientDataJSON)) {
    let clientData;
    try {
      clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    } catch {
      clientData = null;
    }
    const challenge = typeof clientData === 'object' && clientData !== null && clientData.challenge;
    if (typeof challenge === 'string' && challenge !== '') return challenge;
  }
  throw new Problem('verification-failed', { reason: 'client-data' });
}

/**
 * A coarse, secret-free label for the request log, so a developer can tell an origin or rpID
 * misconfiguration from a broken authenticator. Library messages embed challenges, so only the
 * label ever leaves this function.
 * @param {unknown} error
 */
function failureReason(error) {
  const message = error instanceof Error ? error.message : '';
  if (/ challenge |challenge verifier/.test(message)) return 'challenge';
  if (/origin/i.test(message)) return 'origin';
  if (/RP ID/.test(message)) return 'rp-id';
  if (/verification/i.test(message)) return 'user-verification';
  if (/present/i.test(message)) return 'user-presence';
  if (/counter/i.test(message)) return 'counter';
  if (/backed up/i.test(message)) return 'backup-flags';
  if (/response type/.test(message)) return 'type';
  return 'malformed';
}

/**
 * The four passkey operations of the backend contract.
 *
 * @param {PasskeyOptions} options
 * @returns {Record<PasskeyOperation, Handler>}
 */
export function createPasskeyHandlers(options) {
  const { store, sessions, rpID, rpName, origins, challengeTtlMs, now } = options;

  /**
   * Consumes the challenge the response answers before the response itself is checked, so a
   * verify request uses it up whatever its outcome and a replay finds nothing. Only this
   * session's challenges are looked at: one issued to another browser is as good as none.
   * A body too broken to name a challenge cannot use one up, and cannot pass either.
   * @param {Request} req
   * @param {Record<string, unknown>} body
   * @param {ChallengeKind} kind
   */
  function takeChallenge(req, body, kind) {
    const session = sessions.current(req);
    if (!session) throw new Problem('challenge-expired');
    if (!isCredentialResponse(body)) throw new Problem('bad-request');
    const response = /** @type {Record<string, unknown>} */ (body.response);
    const challenge = answeredChallenge(response.clientDataJSON);
    const pending = store.takeChallenge(session.idHash, kind, challenge);
    if (!pending || pending.expiresAt <= now()) throw new Problem('challenge-expired');
    return { session, pending };
  }

  return {
    async registrationOptions({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      // The contract asks for this answer; any sign-up form reveals taken names the same way.
      if (store.findUserByName(name)) throw new Problem('identifier-taken');
      const session = sessions.ensure(req, res);
      const creation = await generateRegistrationOptions({
        rpName,
        rpID,
        userName: name,
        userDisplayName: name,
        userID: new Uint8Array(randomBytes(32)),
        timeout: challengeTtlMs,
        attestationType: 'none',
        // A new account has no passkeys to exclude yet; a credential ID that is already
        // registered to anyone is refused at verify instead.
        excludeCredentials: [],
        authenticatorSelection: {
          residentKey: 'required',
          requireResidentKey: true,
          userVerification: 'required',
        },
      });
      const time = now();
      store.addChallenge(
        session.idHash,
        'registration',
        {
          challenge: creation.challenge,
          createdAt: time,
          expiresAt: time + challengeTtlMs,
          userHandle: creation.user.id,
          userName: name,
        },
        MAX_PENDING_CHALLENGES,
      );
      return { status: 200, body: creation };
    },

    async registrationVerify({ req, res, body }) {
      const { session, pending } = takeChallenge(req, body, 'registration');
      // A registration challenge is always stored with its account-to-be; without one there
      // is nothing this verify could create.
      if (!pending.userHandle || !pending.userName) throw new Problem('challenge-expired');
      let verification;
      try {
        verification = await verifyRegistrationResponse({
          response: /** @type {RegistrationResponseJSON} */ (/** @type {unknown} */ (body)),
          expectedChallenge: pending.challenge,
          expectedOrigin: [...origins()],
          expectedRPID: rpID,
          requireUserPresence: true,
          requireUserVerification: true,
        });
      } catch (error) {
        throw new Problem('verification-failed', { reason: failureReason(error) });
      }
      if (!verification.verified) {
        throw new Problem('verification-failed', { reason: 'attestation' });
      }
      const { credential, credentialDeviceType, credentialBackedUp } =
        verification.registrationInfo;
      const created = store.createAccount(
        { handle: pending.userHandle, name: pending.userName, displayName: pending.userName },
        {
          id: credential.id,
          publicKey: credential.publicKey,
          counter: credential.counter,
          transports: (credential.transports ?? [])
            .filter((transport) => KNOWN_TRANSPORTS.has(transport))
            .slice(0, KNOWN_TRANSPORTS.size),
          deviceType: credentialDeviceType,
          backedUp: credentialBackedUp,
        },
        now(),
      );
      if (!created.ok) {
        // Someone else finished signing up with this name while this ceremony was running.
        if (created.reason === 'name-taken') throw new Problem('identifier-taken');
        throw new Problem('verification-failed', { reason: 'credential-exists' });
      }
      sessions.signIn(res, session, created.user.id);
      return { status: 200, body: signInResult(created.user, options.redirectAfterSignIn) };
    },

    async authenticationOptions({ req, res }) {
      const session = sessions.ensure(req, res);
      const request = await generateAuthenticationOptions({
        rpID,
        // Empty: discoverable credentials let the authenticator offer its accounts, and the
        // server never reveals which identifiers have passkeys.
        allowCredentials: [],
        userVerification: 'required',
        timeout: challengeTtlMs,
      });
      const time = now();
      store.addChallenge(
        session.idHash,
        'authentication',
        { challenge: request.challenge, createdAt: time, expiresAt: time + challengeTtlMs },
        MAX_PENDING_CHALLENGES,
      );
      return { status: 200, body: request };
    },

    async authenticationVerify({ req, res, body }) {
      const { session, pending } = takeChallenge(req, body, 'authentication');
      const response = /** @type {AuthenticationResponseJSON} */ (/** @type {unknown} */ (body));
      const stored = store.findCredential(response.id);
      const user = stored ? store.findUserById(stored.userId) : null;
      if (!stored || !user) throw new Problem('unknown-credential');
      // WebAuthn L3 §7.2 step 6: with no allowCredentials the user was not identified
      // beforehand, so the user handle must be present and must own this credential.
      if (response.response.userHandle !== user.handle) {
        throw new Problem('verification-failed', { reason: 'user-handle' });
      }
      let verification;
      try {
        verification = await verifyAuthenticationResponse({
          response,
          expectedChallenge: pending.challenge,
          expectedOrigin: [...origins()],
          expectedRPID: rpID,
          credential: {
            id: stored.id,
            publicKey: stored.publicKey,
            counter: stored.counter,
            transports: stored.transports,
          },
          requireUserVerification: true,
        });
      } catch (error) {
        throw new Problem('verification-failed', { reason: failureReason(error) });
      }
      if (!verification.verified) {
        throw new Problem('verification-failed', { reason: 'signature' });
      }
      const info = verification.authenticationInfo;
      const recorded = store.recordCredentialUse(stored.id, {
        counter: info.newCounter,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        now: now(),
      });
      if (!recorded) throw new Problem('verification-failed', { reason: 'counter' });
      sessions.signIn(res, session, user.id);
      return { status: 200, body: signInResult(user, options.redirectAfterSignIn) };
    },
  };
}

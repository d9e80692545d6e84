// @ts-check
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { signInResult } from './account.js';
import { parseIdentifier } from './contact.js';
import { Problem } from './problems.js';
import { providerName } from './providers.js';

/** @typedef {import('@simplewebauthn/server').RegistrationResponseJSON} RegistrationResponseJSON */
/** @typedef {import('@simplewebauthn/server').AuthenticationResponseJSON} AuthenticationResponseJSON */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').ChallengeKind} ChallengeKind */
/** @typedef {import('./store.js').StoredCredential} StoredCredential */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('fastify').FastifyRequest} Request */

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
 *   | 'authenticationVerify' | 'passkeys'} PasskeyOperation
 */

const KNOWN_TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
// Enough for two widgets on a page, each re-arming autofill once while the other's request is
// still open, without letting one session hoard challenges.
const MAX_PENDING_CHALLENGES = 5;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

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
 * A passkey as the account's owner and support see it: enough to tell passkeys apart and to
 * see whether losing one device would lock the account out (`deviceType: 'singleDevice'`
 * cannot be synced; `backedUp` says a synced one is).
 * @param {StoredCredential} credential
 */
export function passkeyView(credential) {
  const provider = providerName(credential.aaguid);
  return {
    id: credential.id,
    createdAt: new Date(credential.createdAt).toISOString(),
    lastUsedAt: credential.lastUsedAt === null ? null : new Date(credential.lastUsedAt).toISOString(),
    deviceType: credential.deviceType,
    backedUp: credential.backedUp,
    ...(provider === undefined ? {} : { provider }),
  };
}

/**
 * The four passkey operations of the backend contract, and the signed-in account's list.
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
  async function takeChallenge(req, body, kind) {
    const session = await sessions.current(req);
    if (!session) throw new Problem('challenge-expired');
    if (!isCredentialResponse(body)) throw new Problem('bad-request');
    const response = /** @type {Record<string, unknown>} */ (body.response);
    const challenge = answeredChallenge(response.clientDataJSON);
    const pending = await store.takeChallenge(session.idHash, kind, challenge);
    if (!pending || pending.expiresAt <= now()) throw new Problem('challenge-expired');
    return { session, pending };
  }

  return {
    async registrationOptions({ req, res, body }) {
      const current = await sessions.current(req);
      const signedIn =
        body.identifier === undefined && current?.userId !== undefined && current.userId !== null
          ? await store.findUserById(current.userId)
          : null;
      // Only an account that is already signed in can be upgraded silently.
      const silent = body.mediation === 'conditional';
      if (silent && !signedIn) throw new Problem('forbidden');
      if (body.mediation !== undefined && !silent) throw new Problem('bad-request');
      /** @type {{ name: string, handle: Uint8Array<ArrayBuffer>, exclude: StoredCredential[] }} */
      let account;
      if (signedIn) {
        // Another passkey for the account this session is signed in to (after a code or
        // password sign-in, or on a second device): its own handle, so the authenticator files
        // it with the same account, and its passkeys excluded so one device does not make two.
        account = {
          name: signedIn.name,
          handle: new Uint8Array(Buffer.from(signedIn.handle, 'base64url')),
          exclude: await store.listCredentials(signedIn.id),
        };
      } else {
        const name = parseIdentifier(body.identifier);
        // The contract asks for this answer; any sign-up form reveals taken names the same way.
        if (await store.findUserByName(name)) throw new Problem('identifier-taken');
        // A new account has no passkeys to exclude yet; a credential ID that is already
        // registered to anyone is refused at verify instead.
        account = { name, handle: new Uint8Array(randomBytes(32)), exclude: [] };
      }
      const creation = await generateRegistrationOptions({
        rpName,
        rpID,
        userName: account.name,
        userDisplayName: account.name,
        userID: account.handle,
        timeout: challengeTtlMs,
        attestationType: 'none',
        excludeCredentials: account.exclude.map((credential) => ({
          id: credential.id,
          transports: /** @type {any} */ (credential.transports),
        })),
        authenticatorSelection: {
          residentKey: 'required',
          requireResidentKey: true,
          // A conditional create shows no prompt, so it may not verify the user either; the
          // account proved itself with its password a moment ago.
          userVerification: silent ? 'preferred' : 'required',
        },
      });
      const time = now();
      // The session and its challenge in one transaction: one commit, and never a challenge
      // without the session it belongs to.
      await store.transaction(async (tx) => {
        const session = await sessions.ensure(req, res, tx);
        // Only the answer to this challenge may come without user presence (WebAuthn L3 §5.1.3:
        // the password manager creates the passkey without a prompt); the row says so.
        await tx.addChallenge(
          session.idHash,
          'registration',
          {
            challenge: creation.challenge,
            createdAt: time,
            expiresAt: time + challengeTtlMs,
            userHandle: creation.user.id,
            userName: account.name,
            conditional: silent,
          },
          MAX_PENDING_CHALLENGES,
          session.fresh,
        );
      });
      return { status: 200, body: creation };
    },

    async registrationVerify({ req, res, body }) {
      const { session, pending } = await takeChallenge(req, body, 'registration');
      // A registration challenge is always stored with its account-to-be; without one there
      // is nothing this verify could create.
      if (!pending.userHandle || !pending.userName) throw new Problem('challenge-expired');
      const silent = pending.conditional === true;
      let verification;
      try {
        verification = await verifyRegistrationResponse({
          response: /** @type {RegistrationResponseJSON} */ (/** @type {unknown} */ (body)),
          expectedChallenge: pending.challenge,
          expectedOrigin: [...origins()],
          expectedRPID: rpID,
          // SECURITY.md: presence is relaxed only for a conditional-create registration.
          requireUserPresence: !silent,
          requireUserVerification: !silent,
        });
      } catch (error) {
        throw new Problem('verification-failed', { reason: failureReason(error) });
      }
      if (!verification.verified) {
        throw new Problem('verification-failed', { reason: 'attestation' });
      }
      const { credential, credentialDeviceType, credentialBackedUp, aaguid } =
        verification.registrationInfo;
      const newCredential = {
        id: credential.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: (credential.transports ?? [])
          .filter((transport) => KNOWN_TRANSPORTS.has(transport))
          .slice(0, KNOWN_TRANSPORTS.size),
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
      };
      // Sign-up handles are fresh random bytes, so an existing handle means the options were
      // for adding a passkey, and only the session signed in to that account may add it.
      const existing = await store.findUserByHandle(pending.userHandle);
      if (existing) {
        if (session.userId !== existing.id) throw new Problem('challenge-expired', { reason: 'account' });
        if (!(await store.addCredential(existing.id, newCredential, now()))) {
          throw new Problem('verification-failed', { reason: 'credential-exists' });
        }
        // What the widget needs to say where the passkey went ("Saved in Google Password
        // Manager") and to suggest another when this one cannot be synced.
        const provider = providerName(aaguid);
        return {
          status: 200,
          body: {
            ...signInResult(existing),
            passkey: {
              ...(provider === undefined ? {} : { provider }),
              backedUp: credentialBackedUp,
              backupEligible: credentialDeviceType === 'multiDevice',
            },
          },
        };
      }
      const created = await store.createAccount(
        { handle: pending.userHandle, name: pending.userName, displayName: pending.userName },
        newCredential,
        now(),
      );
      if (!created.ok) {
        // Someone else finished signing up with this name while this ceremony was running.
        if (created.reason === 'name-taken') throw new Problem('identifier-taken');
        throw new Problem('verification-failed', { reason: 'credential-exists' });
      }
      await sessions.signIn(res, session, created.user.id);
      return { status: 200, body: signInResult(created.user, options.redirectAfterSignIn) };
    },

    async authenticationOptions({ req, res, rateLimit }) {
      const request = await generateAuthenticationOptions({
        rpID,
        // Empty: discoverable credentials let the authenticator offer its accounts, and the
        // server never reveals which identifiers have passkeys.
        allowCredentials: [],
        userVerification: 'required',
        timeout: challengeTtlMs,
      });
      const time = now();
      const proposal = sessions.propose(req);
      // The rate limit, the session and its challenge in one step: one commit (one statement on
      // PostgreSQL), and a refused request leaves no session behind.
      const session = await store.openCeremony({
        idHash: proposal.idHash,
        fresh: proposal.session,
        kind: 'authentication',
        pending: { challenge: request.challenge, createdAt: time, expiresAt: time + challengeTtlMs },
        keep: MAX_PENDING_CHALLENGES,
        limit: /** @type {NonNullable<typeof rateLimit>} */ (rateLimit),
      });
      if (session.fresh) sessions.adopt(res, proposal);
      return { status: 200, body: request };
    },

    async authenticationVerify({ req, res, body }) {
      const { session, pending } = await takeChallenge(req, body, 'authentication');
      const response = /** @type {AuthenticationResponseJSON} */ (/** @type {unknown} */ (body));
      const stored = await store.findCredential(response.id);
      const user = stored ? await store.findUserById(stored.userId) : null;
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
      const recorded = await store.recordCredentialUse(stored.id, {
        counter: info.newCounter,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        now: now(),
      });
      if (!recorded) throw new Problem('verification-failed', { reason: 'counter' });
      await sessions.signIn(res, session, user.id);
      return { status: 200, body: signInResult(user, options.redirectAfterSignIn) };
    },

    async passkeys({ req }) {
      const session = await sessions.current(req);
      if (!session || session.userId === null) throw new Problem('unauthenticated');
      return { status: 200, body: { passkeys: (await store.listCredentials(session.userId)).map(passkeyView) } };
    },
  };
}

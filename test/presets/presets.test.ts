/**
 * The presets through the element's own backend client, with a fetch hook answering as better-auth
 * 1.7.6 and Auth.js 0.41.3 answered on the wire (test/backends/ runs the real servers end to end):
 * what each operation sends, and what each answer, above all each error, becomes in the
 * contract's terms. The answers the end-to-end tests cannot provoke are here.
 */
import { expect } from '@open-wc/testing';
import { BackendClient, type Parse, type Result } from '../../src/backend/client.js';
import type { BackendConfig, Operation } from '../../src/backend/config.js';
import { DEFAULT_ROUTES } from '../../src/backend/fallback-routes.js';
import { failureFromResponse } from '../../src/backend/problem.js';
import { asCreationOptions } from '../../src/backend/validate-creation.js';
import { asCodeResult, asCodeSent, asEnrolled, asPasskeyCount } from '../../src/backend/validate-fallbacks.js';
import { asRequestOptions, asSession, asSignInResult } from '../../src/backend/validate.js';
import type { Failure } from '../../src/machine/types.js';
import { authjs } from '../../src/presets/authjs.js';
import { betterAuth } from '../../src/presets/better-auth.js';
import type { Preset } from '../../src/presets/preset.js';
import { fixtures } from '../mocks/backend.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = Response | ((sent: Sent) => Response);

/** A client configured by `preset` alone; `answers` by "METHOD path" (no query), in order when an array. */
function through(preset: Preset, answers: Record<string, Answer | Answer[]>, endpoint = '/api/auth') {
  const sent: Sent[] = [];
  const config: BackendConfig = {
    endpoint,
    endpoints: preset.endpoints ?? {},
    headers: {},
    credentials: 'same-origin',
    timeoutMs: 2000,
    fetch: async (input, init) => {
      const request: Sent = {
        url: String(input),
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      sent.push(request);
      const key = `${request.method} ${request.url.replace(/\?.*$/, '')}`;
      const queue = answers[key];
      const answer = Array.isArray(queue) ? queue.shift() : queue;
      if (!answer) throw new Error(`nothing answers ${key}`);
      return typeof answer === 'function' ? answer(request) : answer.clone();
    },
    ...(preset.adapter ? { adapter: preset.adapter } : {}),
  };
  const client = new BackendClient(() => config, async (status, body, retryAfter) => failureFromResponse(status, body, retryAfter));
  const request = <T>(operation: Operation, body: unknown, parse: Parse<T>): Promise<Result<T>> =>
    client.request(operation, body, parse, undefined, DEFAULT_ROUTES[operation]);
  return { request, sent, offers: (operation: Operation) => client.offers(operation) };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const failure = <T>(result: Result<T>): Failure => {
  if (result.ok) throw new Error(`succeeded: ${JSON.stringify(result.value)}`);
  return result.failure;
};

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`failed: ${JSON.stringify(result.failure)}`);
  return result.value;
};

describe('preset better-auth', () => {
  const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', emailVerified: true, phoneNumber: null, phoneNumberVerified: null };
  /** better-auth's error answer. */
  const refused = (status: number, code: string) => json({ code, message: 'prose the element never shows' }, status);

  it('asks for passkey options with a GET, and sends the credential wrapped', async () => {
    const { request, sent } = through(betterAuth(), {
      'GET /api/auth/passkey/generate-authenticate-options': json(fixtures.requestOptions),
      'POST /api/auth/passkey/verify-authentication': json({ session: { id: 's1' }, user }),
    });
    expect(value(await request('authenticationOptions', {}, asRequestOptions)).challenge).to.equal(fixtures.requestOptions.challenge);
    const signedIn = value(await request('authenticationVerify', { id: 'cred', response: {} }, asSignInResult));
    expect(signedIn).to.deep.equal({ user: { id: 'u1', name: 'ada@example.com', displayName: 'Ada' } });
    expect(sent[1]!.body).to.deep.equal({ response: { id: 'cred', response: {} } });
  });

  it('names a new account in `context` for sign-up; a signed-in account asks for itself', async () => {
    const { request, sent } = through(betterAuth(), { 'GET /api/auth/passkey/generate-register-options': json(fixtures.creationOptions) });
    value(await request('registrationOptions', { identifier: 'new@example.com' }, asCreationOptions));
    value(await request('registrationOptions', { mediation: 'conditional' }, asCreationOptions));
    expect(sent.map((s) => s.url)).to.deep.equal([
      '/api/auth/passkey/generate-register-options?context=new%40example.com',
      '/api/auth/passkey/generate-register-options',
    ]);
  });

  it('a registration asks for a session only when there is none yet, and says whether the passkey syncs', async () => {
    const row = { id: 'p1', deviceType: 'multiDevice', backedUp: true, credentialID: 'cred', publicKey: 'key' };
    const signUp = through(betterAuth(), {
      'GET /api/auth/get-session': json(null),
      'POST /api/auth/passkey/verify-registration': json({ ...row, session: { id: 's1' }, user }),
    });
    const created = value(await signUp.request('registrationVerify', { id: 'cred' }, asEnrolled));
    expect(created.result.user.name).to.equal('ada@example.com');
    expect(signUp.sent[1]!.body).to.deep.equal({ response: { id: 'cred' }, createSession: true });

    const adding = through(betterAuth(), {
      'GET /api/auth/get-session': json({ session: { id: 's1' }, user }),
      // Without createSession, better-auth answers the bare passkey row.
      'POST /api/auth/passkey/verify-registration': json(row),
    });
    const added = value(await adding.request('registrationVerify', { id: 'cred' }, asEnrolled));
    expect(adding.sent[1]!.body).to.deep.equal({ response: { id: 'cred' }, createSession: false });
    expect(added).to.deep.equal({ result: { user: { id: 'u1', name: 'ada@example.com', displayName: 'Ada' } }, saved: { synced: true } });
  });

  it('the session: `null` is nobody; an SMS sign-up is known by its number, not its stand-in email', async () => {
    const phoneUser = { id: 'u2', email: '15555550100@phone.invalid', name: '+15555550100', emailVerified: false, phoneNumber: '+15555550100', phoneNumberVerified: true };
    const { request } = through(betterAuth(), { 'GET /api/auth/get-session': [json(null), json({ session: {}, user: phoneUser })] });
    expect(value(await request('session', undefined, asSession))).to.equal(null);
    expect(value(await request('session', undefined, asSession))).to.deep.equal({ user: { id: 'u2', name: '+15555550100', displayName: '+15555550100' } });
  });

  it('codes go to emailOTP or phoneNumber by channel; what better-auth does not say comes from the options', async () => {
    const { request, sent } = through(betterAuth({ expiresIn: 600, otpLength: 8, resendAfter: 30 }), {
      'POST /api/auth/email-otp/send-verification-otp': json({ success: true }),
      'POST /api/auth/phone-number/send-otp': json({ message: 'code sent' }),
      'POST /api/auth/sign-in/email-otp': json({ token: 't', user }),
      'POST /api/auth/phone-number/verify': json({ status: true, token: 't', user: { ...user, phoneNumber: '+15555550100' } }),
    });
    const email = value(await request('codeSend', { identifier: 'ada@example.com', channel: 'email', purpose: 'sign-in' }, asCodeSent));
    expect(email).to.deep.include({ channel: 'email', destination: 'a•••@example.com', expiresIn: 600, resendAfter: 30, length: 8 });
    const sms = value(await request('codeSend', { identifier: '+15555550100', channel: 'sms', purpose: 'sign-in' }, asCodeSent));
    expect(sms).to.deep.include({ channel: 'sms', destination: '••• 00' });
    // A recovery code is a sign-in code: better-auth has no way to set a new password after it.
    value(await request('codeSend', { identifier: 'ada@example.com', channel: 'email', purpose: 'recovery' }, asCodeSent));
    const verified = value(await request('codeVerify', { code: '12345678', identifier: 'ada@example.com', channel: 'email' }, asCodeResult));
    expect(verified).to.deep.equal({ result: { user: { id: 'u1', name: 'ada@example.com', displayName: 'Ada' } }, recovery: false });
    value(await request('codeVerify', { code: '12345678', identifier: '+15555550100', channel: 'sms' }, asCodeResult));
    expect(sent.map((s) => s.body)).to.deep.equal([
      { email: 'ada@example.com', type: 'sign-in' },
      { phoneNumber: '+15555550100' },
      { email: 'ada@example.com', type: 'sign-in' },
      { email: 'ada@example.com', otp: '12345678' },
      { phoneNumber: '+15555550100', code: '12345678' },
    ]);
  });

  it('counts the tries left, which better-auth does not say, from a send of its own on', async () => {
    const { request } = through(betterAuth(), {
      'POST /api/auth/sign-in/email-otp': () => refused(400, 'INVALID_OTP'),
      'POST /api/auth/email-otp/send-verification-otp': json({ success: true }),
    });
    const verify = () => request('codeVerify', { code: '000000', identifier: 'ada@example.com', channel: 'email' }, asCodeResult);
    // No send seen: nothing to count from.
    expect(failure(await verify())).to.deep.equal({ code: 'code-invalid', status: 400 });
    await request('codeSend', { identifier: 'ada@example.com', channel: 'email', purpose: 'sign-in' }, asCodeSent);
    const left = [];
    for (let i = 0; i < 4; i += 1) left.push(failure(await verify()).triesLeft);
    expect(left).to.deep.equal([2, 1, 0, 0]);
    // A new code, three new tries.
    await request('codeSend', { identifier: 'ada@example.com', channel: 'email', purpose: 'sign-in' }, asCodeSent);
    expect(failure(await verify()).triesLeft).to.equal(2);
  });

  it("every error code better-auth sends that the contract has a word for", async () => {
    const cases: Array<[Operation, number, string, Partial<Failure>]> = [
      ['authenticationVerify', 400, 'CHALLENGE_NOT_FOUND', { code: 'challenge-expired' }],
      ['authenticationVerify', 401, 'PASSKEY_NOT_FOUND', { code: 'unknown-credential' }],
      ['authenticationVerify', 401, 'AUTHENTICATION_FAILED', { code: 'verification-failed' }],
      ['registrationVerify', 500, 'FAILED_TO_VERIFY_REGISTRATION', { code: 'verification-failed' }],
      ['registrationOptions', 422, 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', { code: 'identifier-taken' }],
      ['registrationOptions', 400, 'INVALID_EMAIL', { code: 'invalid-identifier' }],
      ['registrationOptions', 401, 'UNAUTHORIZED', { code: 'unauthenticated' }],
      ['codeVerify', 400, 'OTP_EXPIRED', { code: 'code-expired' }],
      ['codeVerify', 403, 'TOO_MANY_ATTEMPTS', { code: 'too-many-tries' }],
      ['codeVerify', 400, 'OTP_NOT_FOUND', { code: 'code-invalid', triesLeft: 0 }],
      ['passwordSignIn', 401, 'INVALID_EMAIL_OR_PASSWORD', { code: 'invalid-credentials' }],
      ['codeSend', 400, 'INVALID_EMAIL', { code: 'invalid-identifier' }],
    ];
    for (const [operation, status, code, expected] of cases) {
      const { request } = through(betterAuth(), {
        'GET /api/auth/get-session': json(null),
        [`${operation.endsWith('Options') ? 'GET' : 'POST'} /api/auth${{ authenticationVerify: '/passkey/verify-authentication', registrationVerify: '/passkey/verify-registration', registrationOptions: '/passkey/generate-register-options', codeVerify: '/sign-in/email-otp', codeSend: '/email-otp/send-verification-otp', passwordSignIn: '/sign-in/email' }[operation as string]}`]:
          refused(status, code),
      });
      const body = operation === 'codeVerify' || operation === 'codeSend' ? { identifier: 'ada@example.com', channel: 'email', code: '1', purpose: 'sign-in' } : { identifier: 'ada@example.com', password: 'x' };
      expect(failure(await request(operation, body, (v) => v)), `${operation} ${code}`).to.deep.equal({ status, ...expected });
    }
  });

  it('its rate limiter says when in X-Retry-After, with no code', async () => {
    const { request } = through(betterAuth(), {
      'POST /api/auth/sign-in/email': json({ message: 'Too many requests. Please try again later.' }, 429, { 'X-Retry-After': '7' }),
    });
    expect(failure(await request('passwordSignIn', { identifier: 'ada@example.com', password: 'x' }, asSignInResult))).to.deep.equal({ code: 'rate-limited', status: 429, retryAfter: 7 });
  });

  it('the passkey list, bare rows with their public keys, is counted by what the nudge needs', async () => {
    const { request } = through(betterAuth(), {
      'GET /api/auth/passkey/list-user-passkeys': json([
        { id: 'p1', deviceType: 'singleDevice', backedUp: false, publicKey: 'k1' },
        { id: 'p2', deviceType: 'multiDevice', backedUp: true, publicKey: 'k2' },
      ]),
    });
    expect(value(await request('passkeys', undefined, asPasskeyCount))).to.deep.equal({ count: 2, synced: 1 });
  });

  it('what better-auth lacks is off', () => {
    const { offers } = through(betterAuth(), {});
    expect((['methods', 'passwordSet', 'recoveryRedeem', 'deviceRequest', 'deviceRequestStatus'] as Operation[]).filter(offers)).to.deep.equal([]);
    expect(betterAuth().methods).to.deep.equal(['passkey', 'hybrid', 'email-code', 'sms-code', 'password']);
  });
});

describe('preset authjs', () => {
  const session = { user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, expires: '2030-01-01T00:00:00.000Z' };
  /** Auth.js answers a POST with X-Auth-Return-Redirect this way, success or failure. */
  const to = (url: string) => json({ url: `http://localhost${url}` });
  const csrf = () => json({ csrfToken: 'token-1' });

  it('unwraps passkey options, and sends the credential as a JSON string with the action', async () => {
    const { request, sent } = through(
      authjs(),
      {
        'GET /auth/webauthn-options/passkey': json({ action: 'authenticate', options: fixtures.requestOptions }),
        'POST /auth/callback/passkey': to('/'),
        'GET /auth/session': json(session),
      },
      '/auth',
    );
    value(await request('authenticationOptions', {}, asRequestOptions));
    const signedIn = value(await request('authenticationVerify', { id: 'cred' }, asSignInResult));
    expect(signedIn).to.deep.equal({ user: { id: 'u1', name: 'ada@example.com', displayName: 'Ada' } });
    expect(sent.map((s) => `${s.method} ${s.url}`)).to.deep.equal([
      'GET /auth/webauthn-options/passkey?action=authenticate',
      'POST /auth/callback/passkey',
      // Who signed in: only the session says.
      'GET /auth/session',
    ]);
    expect(sent[1]!.body).to.deep.equal({ action: 'authenticate', data: '{"id":"cred"}' });
    expect(sent[1]!.headers['x-auth-return-redirect']).to.equal('1');
  });

  it('sign-up options name the email; one that has an account is taken', async () => {
    const { request, sent } = through(
      authjs(),
      { 'GET /auth/webauthn-options/passkey': [json({ action: 'register', options: fixtures.creationOptions }), json({ error: 'Invalid request' }, 400), json({ error: 'Invalid request' }, 400)] },
      '/auth',
    );
    value(await request('registrationOptions', { identifier: 'new@example.com' }, asCreationOptions));
    expect(failure(await request('registrationOptions', { identifier: 'ada@example.com' }, asCreationOptions))).to.deep.equal({ code: 'identifier-taken', status: 400 });
    // Adding a passkey without a session any more: not a taken name.
    expect(failure(await request('registrationOptions', {}, asCreationOptions))).to.deep.equal({ code: 'failed', status: 400 });
    expect(sent.map((s) => s.url)).to.deep.equal([
      '/auth/webauthn-options/passkey?action=register&email=new%40example.com',
      '/auth/webauthn-options/passkey?action=register&email=ada%40example.com',
      '/auth/webauthn-options/passkey?action=register',
    ]);
  });

  it('form posts carry the CSRF token; the passkey callback and the code link do not need one', async () => {
    const { request, sent } = through(
      authjs({ codeExpiresIn: 300 }),
      {
        'GET /auth/csrf': csrf,
        'POST /auth/signin/email': to('/auth/verify-request?provider=email&type=email'),
        'GET /auth/callback/email': to('/'),
        'POST /auth/callback/credentials': to('/'),
        'POST /auth/signout': to('/'),
        'GET /auth/session': () => json(session),
      },
      '/auth',
    );
    const sent1 = value(await request('codeSend', { identifier: 'ada@example.com', channel: 'email', purpose: 'sign-in' }, asCodeSent));
    expect(sent1).to.deep.include({ channel: 'email', destination: 'a•••@example.com', expiresIn: 300, resendAfter: 0, length: 6 });
    value(await request('codeVerify', { code: '123456', identifier: 'ada@example.com', channel: 'email' }, asCodeResult));
    value(await request('passwordSignIn', { identifier: 'ada@example.com', password: 'pw' }, asSignInResult));
    value(await request('signOut', {}, () => true));
    expect(sent.map((s) => `${s.method} ${s.url.replace(/\?.*/, '')} ${JSON.stringify(s.body ?? null)}`)).to.deep.equal([
      'GET /auth/csrf null',
      'POST /auth/signin/email {"email":"ada@example.com","csrfToken":"token-1"}',
      'GET /auth/callback/email null',
      'GET /auth/session null',
      'GET /auth/csrf null',
      'POST /auth/callback/credentials {"email":"ada@example.com","password":"pw","csrfToken":"token-1"}',
      'GET /auth/session null',
      'GET /auth/csrf null',
      'POST /auth/signout {"csrfToken":"token-1"}',
    ]);
    expect(sent[2]!.url).to.equal('/auth/callback/email?token=123456&email=ada%40example.com');
  });

  it("every failure in Auth.js' answer URL, in the contract's terms", async () => {
    const cases: Array<[Operation, string, string]> = [
      ['passwordSignIn', '/auth/signin?error=CredentialsSignin&code=credentials', 'invalid-credentials'],
      // A CredentialsSignin subclass of the app's, with a contract code.
      ['passwordSignIn', '/auth/signin?error=CredentialsSignin&code=rate-limited', 'rate-limited'],
      ['passwordSignIn', '/auth/signin?error=MissingCSRF', 'forbidden'],
      ['codeVerify', '/auth/error?error=Verification', 'code-invalid'],
      ['codeVerify', '/auth/error?error=Configuration', 'failed'],
      ['codeSend', '/auth/error?error=Configuration', 'delivery-failed'],
      ['codeSend', '/auth/error?error=AccessDenied', 'forbidden'],
      ['authenticationVerify', '/auth/error?error=WebAuthnVerificationError', 'verification-failed'],
      // An unknown passkey, a used or expired challenge: Auth.js does not say which.
      ['authenticationVerify', '/auth/error?error=Configuration', 'verification-failed'],
      ['registrationVerify', '/auth/error?error=AccountNotLinked', 'verification-failed'],
      ['signOut', '/auth/signin?error=MissingCSRF', 'forbidden'],
    ];
    for (const [operation, url, code] of cases) {
      const { request } = through(
        authjs(),
        {
          'GET /auth/csrf': csrf,
          [`${operation === 'codeVerify' ? 'GET' : 'POST'} /auth${{ passwordSignIn: '/callback/credentials', codeVerify: '/callback/email', codeSend: '/signin/email', authenticationVerify: '/callback/passkey', registrationVerify: '/callback/passkey', signOut: '/signout' }[operation as string]}`]: to(url),
        },
        '/auth',
      );
      const body = { identifier: 'ada@example.com', password: 'x', code: '000000', channel: 'email', purpose: 'sign-in', id: 'cred' };
      expect(failure(await request(operation, body, (v) => v)), `${operation} ${url}`).to.deep.equal({ code });
    }
  });

  it('the session: `null` is nobody; a user without a name is known by the email', async () => {
    const { request } = through(authjs(), { 'GET /auth/session': [json(null), json({ user: { id: 'u1', email: 'ada@example.com' }, expires: '' })] }, '/auth');
    expect(value(await request('session', undefined, asSession))).to.equal(null);
    expect(value(await request('session', undefined, asSession))).to.deep.equal({ user: { id: 'u1', name: 'ada@example.com' } });
  });

  it('what Auth.js lacks is off, and provider ids follow the options', () => {
    const { offers } = through(authjs(), {});
    expect((['methods', 'passwordSet', 'recoveryRedeem', 'passkeys', 'deviceRequest', 'deviceRequestStatus'] as Operation[]).filter(offers)).to.deep.equal([]);
    const { endpoints } = authjs({ passkeyProvider: 'webauthn', emailProvider: 'resend', credentialsProvider: 'password' });
    expect([endpoints?.authenticationVerify, endpoints?.codeSend, endpoints?.passwordSignIn].map((e) => (e ? e.path : e))).to.deep.equal([
      '/callback/webauthn',
      '/signin/resend',
      '/callback/password',
    ]);
    expect(authjs().methods).to.deep.equal(['passkey', 'hybrid', 'email-code', 'password']);
  });
});

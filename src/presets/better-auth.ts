/**
 * `<passkey-login preset="better-auth">`: the element speaking better-auth's own API (better-auth
 * 1.7 with the @better-auth/passkey plugin, and the emailOTP, phoneNumber and email-and-password
 * sign-ins where the server has them enabled). `endpoint` is better-auth's basePath, `/api/auth`
 * by default, as is the element's. What better-auth's answers do not say (a code's length and
 * lifetime, tries left) comes from the options, which default to better-auth's own defaults.
 */
import type { BackendAdapter, BackendError, CallContext, ProblemCode } from '../backend/config.js';
import type { Preset, PresetFactory } from './preset.js';

export interface BetterAuthOptions {
  /** emailOTP's and phoneNumber's `otpLength`. Default 6. */
  otpLength?: number;
  /** Their `expiresIn`, in seconds. Default 300. */
  expiresIn?: number;
  /** Their `allowedAttempts`. Default 3. */
  allowedAttempts?: number;
  /**
   * Seconds before "Send a new code" is offered. Default 20: better-auth lets a client address
   * ask for 3 codes a minute, so a person waiting this long never meets its rate limit.
   */
  resendAfter?: number;
}

interface User {
  id?: string;
  email?: string | null;
  name?: string | null;
  emailVerified?: boolean | null;
  phoneNumber?: string | null;
  phoneNumberVerified?: boolean | null;
}

type Fields = Record<string, unknown>;

/** better-auth's error `code`s (its BASE_ERROR_CODES and the plugins' own) in the contract's terms. */
const CODES: Record<string, ProblemCode> = {
  // A challenge missing, used or expired: better-auth answers the same for all three.
  CHALLENGE_NOT_FOUND: 'challenge-expired',
  PASSKEY_NOT_FOUND: 'unknown-credential',
  AUTHENTICATION_FAILED: 'verification-failed',
  FAILED_TO_VERIFY_REGISTRATION: 'verification-failed',
  YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY: 'verification-failed',
  // What sign-up/email answers for a taken email, and what the sign-up `resolveUser` of the
  // README's configuration throws: better-auth leaves that answer to the app.
  USER_ALREADY_EXISTS: 'identifier-taken',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'identifier-taken',
  INVALID_EMAIL: 'invalid-identifier',
  INVALID_PHONE_NUMBER: 'invalid-identifier',
  INVALID_OTP: 'code-invalid',
  OTP_EXPIRED: 'code-expired',
  // phoneNumber's answer once a code is used up or was never sent.
  OTP_NOT_FOUND: 'code-invalid',
  TOO_MANY_ATTEMPTS: 'too-many-tries',
  INVALID_EMAIL_OR_PASSWORD: 'invalid-credentials',
};

/** better-auth's error answer `{code, message}` in the contract's terms; `undefined` reads it by status. */
function problem(body: unknown, status: number, headers?: Headers): BackendError | undefined {
  // Its rate limiter says when in its own header, not Retry-After, and sends no `code`
  // (better-auth api/rate-limiter: `X-Retry-After: <seconds>`).
  if (status === 429) {
    const wait = Number(headers?.get('X-Retry-After') ?? Number.NaN);
    return { code: 'rate-limited', ...(wait >= 0 ? { retryAfter: Math.ceil(wait) } : {}) };
  }
  const code = CODES[String((body as Fields | null)?.code)];
  if (!code) return undefined;
  return { code, ...((body as Fields).code === 'OTP_NOT_FOUND' ? { triesLeft: 0 } : {}) };
}

/**
 * A request of the preset's own, for a route that is not the operation's (the SMS routes, the
 * session before a registration), with the same error answers.
 */
async function own(context: CallContext, signal: AbortSignal, path: string, body?: Fields): Promise<Fields | null> {
  const response = await context.fetch(context.url(path), {
    method: body ? 'POST' : 'GET',
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    // `include` so that a better-auth on another origin gets its cookies; the same as
    // `same-origin` for one on the page's origin.
    credentials: 'include',
    signal,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json().catch(() => null)) as Fields | null;
  if (response.ok) return json;
  throw { status: response.status, ...problem(json, response.status, response.headers) } satisfies BackendError;
}

/**
 * People sign in with their email; an account made by an SMS sign-up has only a stand-in email
 * (phoneNumber's `getTempEmail`, never verified) and is known by its phone number instead.
 */
const toUser = (user: User | null | undefined) =>
  user && {
    id: user.id ?? '',
    name: (!user.emailVerified && user.phoneNumberVerified && user.phoneNumber) || user.email || user.phoneNumber || '',
    ...(user.name ? { displayName: user.name } : {}),
  };

/** Where a code went, as the code step shows it: enough to recognise, not to read off a screen. */
const masked = (to: string, channel: string) =>
  channel === 'sms' ? `••• ${to.replace(/\D/g, '').slice(-2)}` : to.replace(/^([^@])[^@]*/, '$1•••');

export const betterAuth: PresetFactory<BetterAuthOptions> = ({ otpLength = 6, expiresIn = 300, allowedAttempts = 3, resendAfter = 20 } = {}) => {
  // Wrong codes since the last send, by channel and recipient: better-auth counts them (and
  // refuses the code after `allowedAttempts`) but never says how many are left.
  const wrong = new Map<string, number>();

  const adapter: BackendAdapter = {
    request(operation, body) {
      const fields = (body ?? {}) as Fields;
      switch (operation) {
        case 'authenticationVerify':
          return { response: body };
        case 'registrationOptions':
          // Sign-up names the new account in `context`, which better-auth hands to the app's
          // `resolveUser`; a signed-in account (`{}`) gets options for itself.
          return fields.identifier ? { context: fields.identifier } : {};
        case 'passwordSignIn':
          return { email: fields.identifier, password: fields.password };
        default:
          return body;
      }
    },

    response(operation, body) {
      const fields = (body ?? {}) as Fields;
      switch (operation) {
        case 'authenticationVerify':
        case 'passwordSignIn':
          return { user: toUser(fields.user as User) };
        case 'session':
          // `null` when nobody is signed in, else `{session, user}`.
          return { user: toUser(fields.user as User) ?? null };
        case 'passkeys':
          // A bare array of passkey rows, public keys included: only what the nudge counts.
          return Array.isArray(body) ? { passkeys: body.map(({ id, createdAt, deviceType, backedUp }: Fields) => ({ id, createdAt, deviceType, backedUp })) } : body;
        default:
          return body;
      }
    },

    error: (_operation, body, status, { headers }) => problem(body, status, headers),

    async call(operation, body, signal, context) {
      const { identifier, channel, code } = (body ?? {}) as Fields;
      const key = `${String(channel)} ${String(identifier)}`;
      switch (operation) {
        case 'registrationVerify': {
          // A sign-up asks for a session with the new passkey; a signed-in account adding one
          // must not get a second session, which would outlive its sign-out.
          const current = await own(context, signal, '/get-session');
          const answer = (await context.http({ response: body, createSession: !current?.user })) as Fields;
          return {
            user: toUser((answer.user ?? current?.user) as User),
            passkey: { backedUp: answer.backedUp === true, backupEligible: answer.deviceType === 'multiDevice' },
          };
        }
        case 'codeSend':
          // A recovery code is a sign-in code too: better-auth resets a password only with the
          // code and the new one in one request (/email-otp/reset-password), and sets one over
          // HTTP in no other way (setPassword is server-only). So no `recovery: true` follows,
          // and after the code the element offers a passkey rather than a new password.
          await (channel === 'sms'
            ? own(context, signal, '/phone-number/send-otp', { phoneNumber: identifier })
            : context.http({ email: identifier, type: 'sign-in' }));
          wrong.set(key, 0);
          return { channel, destination: masked(String(identifier), String(channel)), length: otpLength, expiresIn, resendAfter };
        case 'codeVerify':
          try {
            const answer = await (channel === 'sms'
              ? own(context, signal, '/phone-number/verify', { phoneNumber: identifier, code })
              : context.http({ email: identifier, otp: code }));
            wrong.delete(key);
            return { user: toUser((answer as Fields | null)?.user as User) };
          } catch (error) {
            const tries = wrong.get(key);
            if ((error as BackendError).code !== 'code-invalid' || (error as BackendError).triesLeft !== undefined || tries === undefined) throw error;
            wrong.set(key, tries + 1);
            throw { ...(error as BackendError), triesLeft: Math.max(0, allowedAttempts - tries - 1) };
          }
        default:
          return context.http();
      }
    },
  };

  return {
    endpoints: {
      authenticationOptions: { path: '/passkey/generate-authenticate-options', method: 'GET' },
      authenticationVerify: { path: '/passkey/verify-authentication' },
      // A GET: `context` goes in the query string.
      registrationOptions: { path: '/passkey/generate-register-options', method: 'GET' },
      registrationVerify: { path: '/passkey/verify-registration' },
      session: { path: '/get-session' },
      signOut: { path: '/sign-out' },
      // The email routes; SMS codes go to phoneNumber's (see `call`).
      codeSend: { path: '/email-otp/send-verification-otp' },
      codeVerify: { path: '/sign-in/email-otp' },
      passwordSignIn: { path: '/sign-in/email' },
      passkeys: { path: '/passkey/list-user-passkeys', method: 'GET' },
      // Nothing in better-auth says which ways in an account has, sets a password without the
      // current one, redeems a support code, or approves a sign-in from another device.
      methods: false,
      passwordSet: false,
      recoveryRedeem: false,
      deviceRequest: false,
      deviceRequestStatus: false,
    },
    adapter,
    methods: ['passkey', 'hybrid', 'email-code', 'sms-code', 'password'],
  } satisfies Preset;
};

export default betterAuth;

/**
 * `<passkey-login preset="authjs" endpoint="/auth">`: the element speaking Auth.js's own routes
 * (@auth/core 0.41: Next.js' NextAuth v5, @auth/express, @auth/sveltekit, ...) with the Passkey
 * provider, an email provider that sends a short code, and a Credentials provider for passwords.
 * `endpoint` is Auth.js's basePath (`/api/auth` in Next.js, `/auth` elsewhere). Auth.js answers
 * every sign-in with where to go next, never with who signed in: each one is followed by a read
 * of the session.
 */
import type { BackendAdapter, CallContext, Operation, ProblemCode } from '../backend/config.js';
import type { Preset, PresetFactory } from './preset.js';

export interface AuthjsOptions {
  /** The Passkey provider's `id`. Default `passkey`, Auth.js's own. */
  passkeyProvider?: string;
  /** The `id` of the email provider that sends a code (its `generateVerificationToken`). Default `email`. */
  emailProvider?: string;
  /** The Credentials provider's `id`, whose `authorize` gets `{email, password}`. Default `credentials`, Auth.js's own. */
  credentialsProvider?: string;
  /** Digits in a code, as the email provider's `generateVerificationToken` makes them. Default 6. */
  codeLength?: number;
  /** The email provider's `maxAge`, in seconds. Default 600. */
  codeExpiresIn?: number;
}

interface User {
  id?: string;
  email?: string | null;
  name?: string | null;
}

type Fields = Record<string, unknown>;

/**
 * With this header Auth.js answers a POST `200 {url}` instead of a 302 to its own pages (the
 * element's requests follow no redirect), failures included (@auth/core lib/index.js).
 */
const JSON_ANSWER = { 'X-Auth-Return-Redirect': '1' };

/** The operations Auth.js answers with a URL: the result is in it, or in the session after it. */
const ANSWERS_WITH_URL: readonly Operation[] = ['authenticationVerify', 'registrationVerify', 'codeSend', 'codeVerify', 'passwordSignIn', 'signOut'];

/** The form posts Auth.js checks its double-submit CSRF token on (the passkey callback is not one). */
const NEEDS_CSRF: readonly Operation[] = ['codeSend', 'passwordSignIn', 'signOut'];

/**
 * The failure in an answer's URL, from its `error` parameter: the only one of Auth.js' errors the
 * browser gets to see (its clientErrors; everything else becomes `Configuration`).
 */
function failureIn(url: unknown, operation: Operation): ProblemCode | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(String(url), globalThis.location?.href).searchParams;
  } catch {
    return 'failed';
  }
  switch (params.get('error')) {
    case null:
      return undefined;
    case 'CredentialsSignin': {
      // `code` is what the app's `authorize` threw a CredentialsSignin subclass with; Auth.js's
      // own, for `authorize` returning null, is `credentials`.
      const code = params.get('code');
      return code && code !== 'credentials' ? (code as ProblemCode) : 'invalid-credentials';
    }
    case 'Verification':
      // A wrong, used or expired code alike: Auth.js does not tell them apart.
      return 'code-invalid';
    case 'WebAuthnVerificationError':
      return 'verification-failed';
    case 'AccessDenied':
    case 'MissingCSRF':
      return 'forbidden';
    default:
      // `Configuration` covers, among much else, an unknown passkey and a missing or used
      // challenge (its cookie): they cannot be told from a bad signature here. For a code, it
      // is a malformed email or a failed `sendVerificationRequest`.
      if (operation === 'codeSend') return 'delivery-failed';
      return operation === 'authenticationVerify' || operation === 'registrationVerify' ? 'verification-failed' : 'failed';
  }
}

async function get(context: CallContext, path: string, signal: AbortSignal): Promise<Fields | null> {
  // `include` so that an Auth.js on another origin gets its cookies; the same as `same-origin`
  // for one on the page's origin.
  const response = await context.fetch(context.url(path), { headers: { Accept: 'application/json' }, credentials: 'include', signal });
  if (!response.ok) throw { status: response.status };
  return (await response.json()) as Fields | null;
}

/** People sign in with their email; `name` is whatever the app or the provider set, often nothing. */
const toUser = (user: User | null | undefined) =>
  user && { id: user.id ?? '', name: user.email ?? user.name ?? '', ...(user.name ? { displayName: user.name } : {}) };

export const authjs: PresetFactory<AuthjsOptions> = ({
  passkeyProvider = 'passkey',
  emailProvider = 'email',
  credentialsProvider = 'credentials',
  codeLength = 6,
  codeExpiresIn = 600,
} = {}) => {
  const adapter: BackendAdapter = {
    request(operation, body) {
      const fields = (body ?? {}) as Fields;
      switch (operation) {
        case 'authenticationOptions':
          return { action: 'authenticate' };
        case 'registrationOptions':
          // An email signs a new account up (Auth.js refuses one that has an account);
          // without one, options to add a passkey to the signed-in account.
          return { action: 'register', email: fields.identifier };
        case 'authenticationVerify':
          // `data` is the credential as a JSON string, not an object (@auth/core lib/utils/webauthn-utils.js).
          return { action: 'authenticate', data: JSON.stringify(body) };
        case 'registrationVerify':
          return { action: 'register', data: JSON.stringify(body) };
        case 'codeSend':
          return { email: fields.identifier };
        case 'codeVerify':
          // Auth.js finds a token by email and token together: the code alone finds nothing.
          return { token: fields.code, email: fields.identifier };
        case 'passwordSignIn':
          return { email: fields.identifier, password: fields.password };
        default:
          return body;
      }
    },

    response(operation, body) {
      switch (operation) {
        case 'authenticationOptions':
        case 'registrationOptions':
          return (body as Fields | null)?.options;
        case 'session':
          // `null` when nobody is signed in, else `{user, expires}`.
          return { user: toUser((body as Fields | null)?.user as User) ?? null };
        default:
          return body;
      }
    },

    error(_operation, _body, status, { body }) {
      // `400 {"error": "Invalid request"}` is all Auth.js says when an email that already has an
      // account asks for sign-up options.
      if (status === 400 && (body as Fields | null)?.identifier) return { code: 'identifier-taken' };
      return undefined;
    },

    async call(operation, body, signal, context) {
      const csrfToken = NEEDS_CSRF.includes(operation) ? (await get(context, '/csrf', signal))?.csrfToken : undefined;
      const answer = (await context.http(csrfToken ? { ...(body as Fields), csrfToken } : body)) as Fields | null;
      if (!ANSWERS_WITH_URL.includes(operation)) return answer;
      const failure = failureIn(answer?.url, operation);
      if (failure) throw { code: failure };
      if (operation === 'signOut') return answer;
      if (operation === 'codeSend') {
        const to = String((body as Fields).email);
        // Auth.js has no resend limit: "Send a new code" is offered at once.
        return { channel: 'email', destination: to.replace(/^([^@])[^@]*/, '$1•••'), length: codeLength, expiresIn: codeExpiresIn, resendAfter: 0 };
      }
      // Signed in; who, only the session says.
      const user = toUser((await get(context, '/session', signal))?.user as User);
      if (!user) throw { code: 'failed' };
      return { user };
    },
  };

  return {
    endpoints: {
      authenticationOptions: { path: `/webauthn-options/${passkeyProvider}`, method: 'GET' },
      authenticationVerify: { path: `/callback/${passkeyProvider}`, headers: JSON_ANSWER },
      registrationOptions: { path: `/webauthn-options/${passkeyProvider}`, method: 'GET' },
      registrationVerify: { path: `/callback/${passkeyProvider}`, headers: JSON_ANSWER },
      session: { path: '/session' },
      signOut: { path: '/signout', headers: JSON_ANSWER },
      codeSend: { path: `/signin/${emailProvider}`, headers: JSON_ANSWER },
      // The link in Auth.js's email, as a GET with the code in it.
      codeVerify: { path: `/callback/${emailProvider}`, method: 'GET', headers: JSON_ANSWER },
      passwordSignIn: { path: `/callback/${credentialsProvider}`, headers: JSON_ANSWER },
      // Auth.js has no SMS provider, keeps no passwords (so sets none), lists no passkeys, and
      // has no per-account ways in, support codes or approval from another device.
      methods: false,
      passwordSet: false,
      recoveryRedeem: false,
      passkeys: false,
      deviceRequest: false,
      deviceRequestStatus: false,
    },
    adapter,
    methods: ['passkey', 'hybrid', 'email-code', 'password'],
  } satisfies Preset;
};

export default authjs;

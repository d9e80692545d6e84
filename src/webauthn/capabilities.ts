import type { Capabilities, Support } from '../machine/types.js';

type ClientCapabilities = Record<string, boolean | undefined>;

interface PublicKeyCredentialStatics {
  getClientCapabilities?: () => Promise<ClientCapabilities>;
  isConditionalMediationAvailable?: () => Promise<boolean>;
  isUserVerifyingPlatformAuthenticatorAvailable?: () => Promise<boolean>;
}

const toSupport = (value: boolean | undefined): Support =>
  value === true ? 'supported' : value === false ? 'unsupported' : 'unknown';

async function ask(check: (() => Promise<boolean>) | undefined): Promise<Support> {
  if (typeof check !== 'function') return 'unknown';
  try {
    return toSupport(await check());
  } catch {
    return 'unknown';
  }
}

/**
 * What this browser can do with passkeys. Called on connect, never at module scope (SSR).
 * `getClientCapabilities()` (WebAuthn L3 §5.1.7) where present, where a missing key means
 * unknown, not false; otherwise, and for keys it leaves unknown, the older single checks.
 */
export async function detectCapabilities(scope: typeof globalThis = globalThis): Promise<Capabilities> {
  const PKC = (scope as { PublicKeyCredential?: PublicKeyCredentialStatics & (new () => unknown) })
    .PublicKeyCredential;
  const credentials = (scope as { navigator?: Navigator }).navigator?.credentials;
  const webauthn = typeof PKC === 'function' && Boolean(credentials);
  let reported: ClientCapabilities = {};
  if (webauthn && typeof PKC.getClientCapabilities === 'function') {
    try {
      reported = (await PKC.getClientCapabilities.call(PKC)) ?? {};
    } catch {
      reported = {};
    }
  }
  // Without WebAuthn, nothing of it is supported.
  const support = (name: string) => toSupport(webauthn ? reported[name] : false);
  let conditionalGet = support('conditionalGet');
  if (conditionalGet === 'unknown') conditionalGet = await ask(PKC!.isConditionalMediationAvailable?.bind(PKC));
  let uvpa = support('userVerifyingPlatformAuthenticator');
  if (uvpa === 'unknown') uvpa = await ask(PKC!.isUserVerifyingPlatformAuthenticatorAvailable?.bind(PKC));
  return {
    webauthn,
    conditionalGet,
    hybridTransport: support('hybridTransport'),
    userVerifyingPlatformAuthenticator: uvpa,
    conditionalCreate: support('conditionalCreate'),
    immediateGet: support('immediateGet'),
  };
}

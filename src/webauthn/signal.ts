interface SignalCapable {
  signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void>;
}

/**
 * WebAuthn L3 §5.1.10.1: ask the authenticator to hide a credential the server does not know, so
 * the user is not offered it again. Best effort: failures are not the user's concern.
 */
export async function signalUnknownCredential(credentialId: string, rpId: string | undefined, scope: typeof globalThis = globalThis): Promise<boolean> {
  const PKC = (scope as { PublicKeyCredential?: SignalCapable }).PublicKeyCredential;
  if (typeof PKC?.signalUnknownCredential !== 'function') return false;
  try {
    await PKC.signalUnknownCredential({ rpId: rpId ?? scope.location.hostname, credentialId });
    return true;
  } catch {
    return false;
  }
}

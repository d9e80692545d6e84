/**
 * Stands in for the browser's WebAuthn (navigator.credentials and PublicKeyCredential) in
 * element tests and Storybook, where no authenticator exists. Failures are real DOMExceptions by
 * name, as browsers throw them (see FAILURES.md).
 */

export type Behaviour =
  | { resolve: true }
  | { reject: string; message?: string }
  /** Never settles until aborted, like an open OS sheet. */
  | { hang: true }
  /** Never settles, even when aborted: the platform bug the watchdog exists for. */
  | { stall: true };

export interface PlatformScenario {
  /** Modal `get()`; a list answers one entry per call, repeating the last. */
  get?: Behaviour | Behaviour[];
  /** Conditional (autofill) `get()`; default: waits until aborted, as a real browser does. */
  conditional?: Behaviour | Behaviour[];
  create?: Behaviour | Behaviour[];
  capabilities?: Record<string, boolean>;
  /** Remove WebAuthn altogether. */
  noWebAuthn?: boolean;
  /**
   * The browser decodes and encodes WebAuthn JSON itself (`parseRequestOptionsFromJSON`,
   * `parseCreationOptionsFromJSON`, `toJSON()`), as current browsers do (the default); `false`
   * is an older browser, for which the element loads @simplewebauthn/browser.
   */
  json?: boolean;
}

export interface PlatformLog {
  calls: Array<{ kind: 'get' | 'conditional' | 'create'; options: CredentialRequestOptions | CredentialCreationOptions }>;
  signals: Array<{ rpId: string; credentialId: string }>;
}

const buffer = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

const base64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;

/** `toJSON()` as WebAuthn L3 §5.1 defines it for the fakes: every buffer as base64url. */
function toJSON(this: { id: string; type: string; authenticatorAttachment: string; response: Record<string, unknown> }) {
  const response = Object.fromEntries(
    Object.entries(this.response).flatMap(([key, value]) => (value instanceof ArrayBuffer ? [[key, base64url(value)]] : [])),
  );
  return { id: this.id, rawId: this.id, type: this.type, authenticatorAttachment: this.authenticatorAttachment, response, clientExtensionResults: {} };
}

function fakeAssertion(): unknown {
  return {
    toJSON,
    id: 'Y3JlZC0x',
    rawId: buffer('cred-1'),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: buffer('{"type":"webauthn.get"}'),
      authenticatorData: buffer('authenticator-data'),
      signature: buffer('signature'),
      userHandle: buffer('user-1'),
    },
    getClientExtensionResults: () => ({}),
  };
}

function fakeAttestation(): unknown {
  return {
    toJSON,
    id: 'Y3JlZC0y',
    rawId: buffer('cred-2'),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: buffer('{"type":"webauthn.create"}'),
      attestationObject: buffer('attestation'),
      getTransports: () => ['internal'],
      getPublicKeyAlgorithm: () => -7,
      getPublicKey: () => buffer('public-key'),
      getAuthenticatorData: () => buffer('authenticator-data'),
    },
    getClientExtensionResults: () => ({}),
  };
}

function act(behaviour: Behaviour, signal: AbortSignal | null | undefined, make: () => unknown): Promise<unknown> {
  if ('resolve' in behaviour) return Promise.resolve(make());
  if ('reject' in behaviour) return Promise.reject(new DOMException(behaviour.message ?? behaviour.reject, behaviour.reject));
  return new Promise((_, reject) => {
    if ('stall' in behaviour) return;
    const abort = () => reject(signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
}

function picker(value: Behaviour | Behaviour[] | undefined, fallback: Behaviour): () => Behaviour {
  let count = 0;
  return () => {
    if (!value) return fallback;
    if (!Array.isArray(value)) return value;
    return value[Math.min(count++, value.length - 1)]!;
  };
}

/** Installs the stand-in and returns a function that puts the real APIs back. */
export function stubPlatform(scenario: PlatformScenario = {}, log: PlatformLog = { calls: [], signals: [] }): () => void {
  const credentials = navigator.credentials;
  const original = { get: credentials.get, create: credentials.create };
  const windowDescriptor = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
  const nextGet = picker(scenario.get, { hang: true });
  const nextConditional = picker(scenario.conditional, { hang: true });
  const nextCreate = picker(scenario.create, { hang: true });

  credentials.get = ((options?: CredentialRequestOptions) => {
    const conditional = options?.mediation === 'conditional';
    log.calls.push({ kind: conditional ? 'conditional' : 'get', options: options ?? {} });
    return act(conditional ? nextConditional() : nextGet(), options?.signal, fakeAssertion);
  }) as CredentialsContainer['get'];
  credentials.create = ((options?: CredentialCreationOptions) => {
    log.calls.push({ kind: 'create', options: options ?? {} });
    return act(nextCreate(), options?.signal, fakeAttestation);
  }) as CredentialsContainer['create'];

  const capabilities = { conditionalGet: true, hybridTransport: true, userVerifyingPlatformAuthenticator: true, ...scenario.capabilities };
  const fake = function PublicKeyCredential() {} as unknown as Record<string, unknown>;
  fake.getClientCapabilities = async () => capabilities;
  fake.isConditionalMediationAvailable = async () => capabilities.conditionalGet;
  fake.isUserVerifyingPlatformAuthenticatorAvailable = async () => capabilities.userVerifyingPlatformAuthenticator;
  fake.signalUnknownCredential = async (options: { rpId: string; credentialId: string }) => {
    log.signals.push(options);
  };
  if (scenario.json !== false) {
    // Enough of WebAuthn L3 §5.1.9–§5.1.11 for the element: buffers where the JSON has base64url.
    const descriptors = (list: Array<{ id: string }> | undefined) => list?.map((d) => ({ ...d, id: fromBase64url(d.id) }));
    fake.parseRequestOptionsFromJSON = (options: Record<string, unknown> & { challenge: string; allowCredentials?: Array<{ id: string }> }) => {
      if (typeof options.challenge !== 'string') throw new TypeError('challenge is required');
      return { ...options, challenge: fromBase64url(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
    };
    fake.parseCreationOptionsFromJSON = (options: Record<string, unknown> & { challenge: string; user: { id: string }; excludeCredentials?: Array<{ id: string }> }) => ({
      ...options,
      challenge: fromBase64url(options.challenge),
      user: { ...options.user, id: fromBase64url(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    });
    (fake as unknown as { prototype: { toJSON: unknown } }).prototype.toJSON = toJSON;
  }
  Object.defineProperty(window, 'PublicKeyCredential', {
    value: scenario.noWebAuthn ? undefined : fake,
    configurable: true,
    writable: true,
  });

  return () => {
    credentials.get = original.get;
    credentials.create = original.create;
    if (windowDescriptor) Object.defineProperty(window, 'PublicKeyCredential', windowDescriptor);
  };
}

/**
 * The snapshots and payloads both machine test files start from: one account ("ada"), a device
 * that can do everything, passkey options already fetched and every sign-in method on offer, so a
 * test spells out only what it changes.
 */
import type {
  Capabilities,
  CodeSent,
  Context,
  Effect,
  Event,
  Fallbacks,
  Method,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  Snapshot,
  State,
  Transition,
} from '../../src/machine/types.js';

export const caps: Capabilities = {
  webauthn: true,
  conditionalGet: 'supported',
  hybridTransport: 'supported',
  userVerifyingPlatformAuthenticator: 'supported',
  conditionalCreate: 'unsupported',
  immediateGet: 'unsupported',
};

export const requestOptions: PublicKeyCredentialRequestOptionsJSON = { challenge: 'Y2hhbGxlbmdlLTE', timeout: 300_000, rpId: 'localhost' };

export const creationOptions: PublicKeyCredentialCreationOptionsJSON = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rp: { name: 'Demo', id: 'localhost' },
  user: { id: 'dXNlcg', name: 'ada', displayName: 'ada' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};

export const result = { user: { id: 'u1', name: 'ada' } };

export const authResponse = {
  id: 'cred-1',
  rawId: 'cred-1',
  type: 'public-key' as const,
  response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
};

export const regResponse = {
  id: 'cred-2',
  rawId: 'cred-2',
  type: 'public-key' as const,
  response: { clientDataJSON: 'e30', attestationObject: 'AA' },
  clientExtensionResults: {},
};

export const ALL_METHODS: Method[] = ['passkey', 'hybrid', 'email-code', 'sms-code', 'password'];

/** A fresh copy each time, so that nothing one test does to it reaches the next. */
export const fallbacks = (patch: Partial<Fallbacks> = {}): Fallbacks => ({
  methods: [...ALL_METHODS],
  routes: {},
  offerSnoozed: false,
  ...patch,
});

export const context = (patch: Partial<Context> = {}): Context => ({
  identifier: 'ada',
  capabilities: caps,
  auth: { id: 1, options: requestOptions },
  fetchingAuth: false,
  nextOptionsId: 2,
  passkeysDisabled: false,
  hidden: [],
  autofill: 'armed',
  autofillFailures: 0,
  checkSession: false,
  sessionPending: false,
  fallbacks: fallbacks(),
  ...patch,
});

export const at = (state: State, patch: Partial<Context> = {}): Snapshot => ({ state, context: context(patch) });

export const emailSent: CodeSent = { channel: 'email', destination: 'a•••@example.com', length: 6, expiresIn: 600, resendAfter: 30, at: 0 };

/** A walk through `step`: events in order from a snapshot, collecting every effect on the way. */
export const walker =
  (step: (snapshot: Snapshot, event: Event) => Transition) =>
  (start: Snapshot, events: Event[]): Transition => {
    let snapshot = start;
    const effects: Effect[] = [];
    for (const event of events) {
      const next = step(snapshot, event);
      snapshot = next.snapshot;
      effects.push(...next.effects);
    }
    return { snapshot, effects };
  };

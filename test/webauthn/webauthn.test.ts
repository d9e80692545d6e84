import { expect } from '@open-wc/testing';
import type { PublicKeyCredentialRequestOptionsJSON } from '../../src/machine/types.js';
import { detectCapabilities } from '../../src/webauthn/capabilities.js';
import { autofillRequest, signInRequest } from '../../src/webauthn/ceremonies.js';
import { signalUnknownCredential } from '../../src/webauthn/signal.js';
import { classifyError } from '../../src/webauthn/classify.js';
import { CeremonyCoordinator, pageCoordinator } from '../../src/webauthn/coordinator.js';
import { createRequest } from '../../src/webauthn/create.js';
import { stubPlatform, type PlatformLog } from '../mocks/platform.js';
import { fixtures } from '../mocks/backend.js';

const options: PublicKeyCredentialRequestOptionsJSON = { challenge: 'dGVzdA', timeout: 60_000, rpId: location.hostname };
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await nextTick();
  if (!condition()) throw new Error('condition not met');
}

for (const json of [true, false]) describe(`webauthn: every row of FAILURES.md ${json ? "through the browser's JSON methods" : 'through a real @simplewebauthn call'}`, () => {
  let restore: () => void;
  afterEach(() => restore?.());

  const rows: Array<[string, 'get' | 'create', string]> = [
    ['NotAllowedError', 'get', 'cancelled'],
    ['NotAllowedError', 'create', 'cancelled'],
    ['AbortError', 'get', 'cancelled'], // without our intent: Firefox's user cancel
    ['OperationError', 'get', 'pending'],
    ['OperationError', 'create', 'pending'],
    ['InvalidStateError', 'create', 'already-registered'],
    ['SecurityError', 'get', 'security'],
    ['SecurityError', 'create', 'security'],
    ['NotSupportedError', 'get', 'not-supported'],
    ['NotSupportedError', 'create', 'not-supported'],
    ['ConstraintError', 'create', 'constraint'],
    ['NotReadableError', 'get', 'transient'],
    ['UnknownError', 'get', 'transient'],
    ['UnknownError', 'create', 'transient'],
    ['TypeError', 'get', 'bad-options'],
    ['RangeError', 'create', 'bad-options'],
    ['EncodingError', 'get', 'bad-options'],
  ];
  for (const [name, operation, code] of rows) {
    it(`${name} from ${operation}() → ${code}`, async () => {
      const behaviour = { reject: name, message: name === 'OperationError' ? 'A request is already pending.' : name };
      restore = stubPlatform(operation === 'get' ? { get: behaviour, json } : { create: behaviour, json });
      const coordinator = new CeremonyCoordinator();
      const outcome =
        operation === 'get'
          ? await coordinator.run({}, signInRequest(options))
          : await coordinator.run({}, createRequest(fixtures.creationOptions as never));
      expect(outcome).to.deep.include({ status: 'failed', failure: { code } });
    });
  }

  it('a passkey picked from autofill comes back as WebAuthn JSON, the options decoded for the browser', async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({ conditional: { resolve: true }, json }, log);
    const outcome = await new CeremonyCoordinator().run({}, autofillRequest({ ...options, allowCredentials: [{ id: 'Y3JlZC0x', type: 'public-key' }] }));
    expect(outcome.status).to.equal('ok');
    const response = (outcome as { value: { id: string; response: { signature: string } } }).value;
    expect(response.id).to.equal('Y3JlZC0x');
    expect(response.response.signature).to.equal('c2lnbmF0dXJl');
    const sent = log.calls[0]!.options as CredentialRequestOptions;
    expect(sent.mediation).to.equal('conditional');
    expect(new TextDecoder().decode(sent.publicKey!.challenge as ArrayBuffer)).to.equal('test');
  });

  it('AbortError after our own abort → an internal transition, nothing shown', async () => {
    restore = stubPlatform({ get: { hang: true }, json });
    const coordinator = new CeremonyCoordinator();
    const owner = {};
    const running = coordinator.run(owner, signInRequest(options));
    await nextTick();
    await coordinator.abort(owner);
    expect(await running).to.deep.equal({ status: 'aborted' });
  });

  it('a ceremony that never settles is given up by the watchdog as timed out', async () => {
    restore = stubPlatform({ get: { stall: true } });
    const coordinator = new CeremonyCoordinator();
    const outcome = await coordinator.run({}, { ...signInRequest(options), watchdogMs: 50 });
    expect(outcome).to.deep.include({ status: 'failed', failure: { code: 'timed-out' } });
    // The slot is free again for the next request.
    expect(coordinator.holder).to.equal(undefined);
  }).timeout(5_000);

  it('classifies errors the library wraps by their original name, never by message', () => {
    const cause = new DOMException('whatever text', 'NotAllowedError');
    const wrapped = Object.assign(new Error('wrapped'), { name: 'NotAllowedError', code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', cause });
    expect(classifyError(wrapped, 'get', false)).to.deep.include({ kind: 'failed', failure: { code: 'cancelled' } });
    expect(classifyError(new Error('WebAuthn is not supported in this browser'), 'get', false)).to.deep.include({
      failure: { code: 'unsupported' },
    });
    expect(classifyError('a string', 'get', false)).to.deep.include({ failure: { code: 'transient' } });
  });

  it('maps each name FAILURES.md lists to its code, and any other name to transient', () => {
    const expected: [name: string, get: string, create: string][] = [
      ['AbortError', 'cancelled', 'cancelled'],
      ['NotAllowedError', 'cancelled', 'cancelled'],
      ['OperationError', 'pending', 'pending'],
      ['InvalidStateError', 'transient', 'already-registered'],
      ['SecurityError', 'security', 'security'],
      ['NoPasskeyHereError', 'no-passkey-here', 'no-passkey-here'],
      ['NotSupportedError', 'not-supported', 'not-supported'],
      ['ConstraintError', 'constraint', 'constraint'],
      ['NotReadableError', 'transient', 'transient'],
      ['UnknownError', 'transient', 'transient'],
      ['TypeError', 'bad-options', 'bad-options'],
      ['RangeError', 'bad-options', 'bad-options'],
      ['EncodingError', 'bad-options', 'bad-options'],
      ['DataError', 'bad-options', 'bad-options'],
      // Names that an object's prototype has: no code of ours.
      ['constructor', 'transient', 'transient'],
      ['toString', 'transient', 'transient'],
      ['__proto__', 'transient', 'transient'],
    ];
    for (const [name, get, create] of expected) {
      const error = { name, message: 'whatever' };
      expect(classifyError(error, 'get', false), `${name} from get()`).to.deep.equal({ kind: 'failed', failure: { code: get }, name });
      expect(classifyError(error, 'create', false), `${name} from create()`).to.deep.equal({ kind: 'failed', failure: { code: create }, name });
    }
    expect(classifyError(new DOMException('', 'AbortError'), 'get', true)).to.deep.equal({ kind: 'aborted' });
  });
});

describe('webauthn: the page-global coordinator', () => {
  let restore: () => void;
  afterEach(() => restore?.());

  it('is one object per page, shared across copies of the script', () => {
    expect(pageCoordinator()).to.equal(pageCoordinator());
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('passkey-login.ceremony-coordinator.v1')]).to.equal(pageCoordinator());
  });

  it('aborts the conditional request and waits for it before a modal request, so only one is in flight', async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({ conditional: { hang: true }, get: { resolve: true } }, log);
    const coordinator = new CeremonyCoordinator();
    const owner = {};
    const autofill = coordinator.run(owner, autofillRequest(options));
    await nextTick();
    const conditionalSignal = log.calls[0]!.options.signal!;
    const modal = await coordinator.run(owner, signInRequest(options));
    expect(conditionalSignal.aborted).to.equal(true);
    expect(modal.status).to.equal('ok');
    expect(await autofill).to.deep.equal({ status: 'aborted' });
    expect(log.calls.map((call) => call.kind)).to.deep.equal(['conditional', 'get']);
  });

  it("another element's click takes the slot; the first element's autofill resumes afterwards", async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({ conditional: [{ hang: true }, { resolve: true }], get: { reject: 'NotAllowedError' } }, log);
    const coordinator = new CeremonyCoordinator();
    const first = {};
    const second = {};
    const autofill = coordinator.run(first, autofillRequest(options));
    await nextTick();
    const modal = await coordinator.run(second, signInRequest(options));
    expect(modal).to.deep.include({ status: 'failed', failure: { code: 'cancelled' } });
    // The first element never heard of the interruption: its request simply resumed.
    expect((await autofill).status).to.equal('ok');
    expect(log.calls.map((call) => call.kind)).to.deep.equal(['conditional', 'get', 'conditional']);
  });

  it("a second element's autofill waits for the first instead of aborting it", async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({ conditional: { hang: true } }, log);
    const coordinator = new CeremonyCoordinator();
    const first = {};
    const second = {};
    void coordinator.run(first, autofillRequest(options));
    const waiting = coordinator.run(second, autofillRequest(options));
    await nextTick();
    expect(log.calls).to.have.length(1);
    expect(log.calls[0]!.options.signal!.aborted).to.equal(false);
    // Aborting the waiting one frees it without touching the running one.
    await coordinator.abort(second);
    expect(await waiting).to.deep.equal({ status: 'aborted' });
    expect(coordinator.holder).to.equal(first);
    await coordinator.abort(first);
  });

  it('autofill re-armed while waiting for the slot replaces the waiting request', async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({ conditional: { hang: true }, get: { reject: 'NotAllowedError' } }, log);
    const coordinator = new CeremonyCoordinator();
    const first = {};
    const second = {};
    void coordinator.run(first, autofillRequest(options));
    const stale = coordinator.run(second, autofillRequest(options));
    const fresh = { ...options, challenge: 'ZnJlc2g' };
    void coordinator.run(second, autofillRequest(fresh));
    expect(await stale).to.deep.equal({ status: 'aborted' });
    // When the slot frees, the fresh request is the one that starts.
    await coordinator.abort(first);
    await waitFor(() => log.calls.length === 2);
    expect((log.calls[1]!.options as CredentialRequestOptions).publicKey!.challenge).to.not.equal(undefined);
    const challenge = new Uint8Array((log.calls[1]!.options as CredentialRequestOptions).publicKey!.challenge as ArrayBuffer);
    expect(new TextDecoder().decode(challenge)).to.equal('fresh');
    await coordinator.abort(second);
  });

  it("a modal request interrupted by another element's modal request reports preempted", async () => {
    restore = stubPlatform({ get: [{ hang: true }, { resolve: true }] });
    const coordinator = new CeremonyCoordinator();
    const first = coordinator.run({}, signInRequest(options));
    await nextTick();
    const second = await coordinator.run({}, signInRequest(options));
    expect(second.status).to.equal('ok');
    expect(await first).to.deep.equal({ status: 'preempted' });
  });
});

describe('webauthn: capabilities', () => {
  let restore: () => void;
  afterEach(() => restore?.());

  it('reads getClientCapabilities(), a missing key being unknown', async () => {
    restore = stubPlatform({ capabilities: { conditionalGet: true, hybridTransport: false } });
    const PKC = window.PublicKeyCredential as unknown as Record<string, unknown>;
    PKC.getClientCapabilities = async () => ({ conditionalGet: true, hybridTransport: false, conditionalCreate: true });
    PKC.isUserVerifyingPlatformAuthenticatorAvailable = undefined;
    const capabilities = await detectCapabilities();
    expect(capabilities).to.deep.equal({
      webauthn: true,
      conditionalGet: 'supported',
      hybridTransport: 'unsupported',
      userVerifyingPlatformAuthenticator: 'unknown',
      conditionalCreate: 'supported',
      immediateGet: 'unknown',
    });
  });

  it('falls back to the older checks without getClientCapabilities()', async () => {
    restore = stubPlatform({ capabilities: { conditionalGet: false, userVerifyingPlatformAuthenticator: true } });
    delete (window.PublicKeyCredential as unknown as Record<string, unknown>).getClientCapabilities;
    const capabilities = await detectCapabilities();
    expect(capabilities).to.deep.include({ conditionalGet: 'unsupported', userVerifyingPlatformAuthenticator: 'supported', hybridTransport: 'unknown' });
  });

  it('reports no WebAuthn at all', async () => {
    restore = stubPlatform({ noWebAuthn: true });
    expect((await detectCapabilities()).webauthn).to.equal(false);
  });

  it('signals an unknown credential where the browser can, and never throws', async () => {
    const log: PlatformLog = { calls: [], signals: [] };
    restore = stubPlatform({}, log);
    expect(await signalUnknownCredential('Y3JlZC0x', 'localhost')).to.equal(true);
    expect(log.signals).to.deep.equal([{ rpId: 'localhost', credentialId: 'Y3JlZC0x' }]);
    (window.PublicKeyCredential as unknown as Record<string, unknown>).signalUnknownCredential = async () => {
      throw new DOMException('no', 'NotAllowedError');
    };
    expect(await signalUnknownCredential('Y3JlZC0x', 'localhost')).to.equal(false);
  });

  it('in real Chromium: WebAuthn, conditional mediation and hybrid are reported', async () => {
    const capabilities = await detectCapabilities();
    expect(capabilities.webauthn).to.equal(true);
    expect(capabilities.conditionalGet).to.equal('supported');
  });
});

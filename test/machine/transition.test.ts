import { expect } from '@open-wc/testing';
import { nextActions } from '../../src/steps/failures/machine.js';
import { initial, refreshDelay } from '../../src/machine/transition.js';
import { withFallbacks as transition } from '../../src/steps/fallbacks/machine.js';
import type { Effect, Event, EventType, Snapshot, StateKind } from '../../src/machine/types.js';
import { at, authResponse, caps, context, creationOptions, emailSent, regResponse, requestOptions, result, walker } from '../support/machine-fixtures.js';

/** One representative snapshot per state. */
const states: Record<StateKind, Snapshot> = {
  checking: at({ kind: 'checking' }, { capabilities: undefined, auth: undefined, fetchingAuth: true, autofill: 'off' }),
  ready: at({ kind: 'ready' }),
  failed: at({ kind: 'failed', failure: { code: 'cancelled' }, source: 'passkey', actions: ['retry', 'hybrid'] }),
  preparing: at({ kind: 'preparing', ceremony: 'passkey' }, { auth: undefined, fetchingAuth: true, autofill: 'off' }),
  ceremony: at({ kind: 'ceremony', ceremony: 'passkey', attempt: 1, options: requestOptions }, { auth: undefined, autofill: 'off' }),
  verifying: at({ kind: 'verifying', source: 'passkey', rpId: 'localhost' }, { auth: undefined, autofill: 'off' }),
  registering: at({ kind: 'registering' }),
  'confirm-create': at({ kind: 'confirm-create', options: creationOptions }, { creation: creationOptions }),
  returning: at({ kind: 'returning', reason: 'identifier-taken' }),
  'signed-in': at({ kind: 'signed-in', result, source: 'passkey' }, { auth: undefined, autofill: 'off' }),
  'signing-out': at({ kind: 'signing-out', result }, { auth: undefined, autofill: 'off' }),
  choosing: at({ kind: 'choosing' }),
  code: at({ kind: 'code', channel: 'email', purpose: 'sign-in', phase: 'entering', sent: emailSent, canResend: false, expired: false }, { autofill: 'off' }),
  password: at({ kind: 'password', phase: 'entering' }, { autofill: 'off' }),
  recovered: at({ kind: 'recovered', result }, { autofill: 'off' }),
  'new-password': at({ kind: 'new-password', result, phase: 'entering' }, { autofill: 'off' }),
  enrol: at({ kind: 'enrol', result, source: 'email-code', phase: 'offer' }, { auth: undefined, autofill: 'off', creation: creationOptions }),
  upgrading: at({ kind: 'upgrading', result }, { auth: undefined, autofill: 'off' }),
  help: at({ kind: 'help', back: { kind: 'ready' } }, { autofill: 'off' }),
  redeem: at({ kind: 'redeem', phase: 'entering' }, { autofill: 'off' }),
  device: at({ kind: 'device', phase: 'waiting', request: { id: 'r1', code: '7KQ2-M9XD', expiresIn: 600, pollAfter: 2, at: 0 }, polls: 0 }, { autofill: 'off' }),
};

/** One representative event per type. */
const events: Record<EventType, Event> = {
  'capabilities-detected': { type: 'capabilities-detected', capabilities: caps },
  'session-found': { type: 'session-found', result },
  'session-absent': { type: 'session-absent' },
  input: { type: 'input', identifier: 'grace' },
  interact: { type: 'interact' },
  'options-loaded': { type: 'options-loaded', options: { ...requestOptions, challenge: 'bmV3' } },
  'options-failed': { type: 'options-failed', failure: { code: 'network' } },
  'options-stale': { type: 'options-stale' },
  'autofill-succeeded': { type: 'autofill-succeeded', optionsId: 1, response: authResponse },
  'autofill-failed': { type: 'autofill-failed', optionsId: 1, failure: { code: 'cancelled' } },
  'sign-in': { type: 'sign-in', ceremony: 'passkey' },
  submit: { type: 'submit' },
  'registration-options-loaded': { type: 'registration-options-loaded', options: creationOptions },
  'registration-options-failed': { type: 'registration-options-failed', failure: { code: 'server', status: 500 } },
  create: { type: 'create' },
  'ceremony-succeeded': { type: 'ceremony-succeeded', response: authResponse },
  created: { type: 'created', response: regResponse },
  'ceremony-failed': { type: 'ceremony-failed', failure: { code: 'cancelled' } },
  verified: { type: 'verified', result },
  'verify-failed': { type: 'verify-failed', failure: { code: 'verification-failed', status: 400 } },
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  'start-over': { type: 'start-over' },
  'sign-out': { type: 'sign-out' },
  'signed-out': { type: 'signed-out' },
  'sign-out-failed': { type: 'sign-out-failed', failure: { code: 'network' } },
  'page-restored': { type: 'page-restored' },
  reconfigured: { type: 'reconfigured', checkSession: true },
  'sign-up': { type: 'sign-up', enabled: false },
  'signed-out-elsewhere': { type: 'signed-out-elsewhere' },
  'signed-in-elsewhere': { type: 'signed-in-elsewhere', result },
  configure: { type: 'configure', methods: ['passkey', 'email-code'], routes: { cancelled: 'email-code' }, offerSnoozed: true },
  choose: { type: 'choose' },
  'use-method': { type: 'use-method', method: 'email-code' },
  'methods-loaded': { type: 'methods-loaded', identifier: 'ada', methods: ['password'] },
  'code-sent': { type: 'code-sent', sent: emailSent },
  'code-send-failed': { type: 'code-send-failed', failure: { code: 'rate-limited', status: 429, retryAfter: 60 } },
  'code-submit': { type: 'code-submit', code: '123456' },
  'code-verified': { type: 'code-verified', result, recovery: false },
  'code-failed': { type: 'code-failed', failure: { code: 'code-invalid', status: 400, triesLeft: 4 } },
  resend: { type: 'resend' },
  'resend-ready': { type: 'resend-ready' },
  'code-timed-out': { type: 'code-timed-out' },
  'password-submit': { type: 'password-submit', password: 'correct horse' },
  typing: { type: 'typing' },
  'password-failed': { type: 'password-failed', failure: { code: 'invalid-credentials', status: 400 } },
  'forgot-password': { type: 'forgot-password' },
  'set-password': { type: 'set-password' },
  'password-saved': { type: 'password-saved' },
  enrol: { type: 'enrol' },
  dismiss: { type: 'dismiss' },
  'upgrade-done': { type: 'upgrade-done' },
  help: { type: 'help' },
  back: { type: 'back' },
  'redeem-start': { type: 'redeem-start' },
  'redeem-submit': { type: 'redeem-submit', code: 'ABCD-EFGH-JKLM' },
  'device-requested': { type: 'device-requested', request: { id: 'r2', code: 'M9XD-7KQ2', expiresIn: 600, pollAfter: 2, at: 0 } },
  'device-request-failed': { type: 'device-request-failed', failure: { code: 'rate-limited', status: 429 } },
  'device-poll': { type: 'device-poll' },
  'device-status': { type: 'device-status', status: 'denied' },
  'device-poll-failed': { type: 'device-poll-failed', failure: { code: 'server', status: 500 } },
  'device-approved': { type: 'device-approved', result },
  'passkeys-loaded': { type: 'passkeys-loaded', count: 1, synced: 0 },
  'nudge-add': { type: 'nudge-add' },
  'nudge-dismiss': { type: 'nudge-dismiss', forever: false },
};

/**
 * The next state kind for every (state, event) pair that changes the state kind. Pairs not listed
 * must keep the state kind; `same` pairs that change context or effects are checked in the
 * focused tests below.
 */
const moves: Partial<Record<StateKind, Partial<Record<EventType, StateKind>>>> = {
  checking: {
    'signed-in-elsewhere': 'signed-in',
    'capabilities-detected': 'ready',
    'session-found': 'signed-in',
    'session-absent': 'checking', // capabilities still unknown
    'sign-in': 'preparing',
    submit: 'registering',
    'use-method': 'code',
    choose: 'choosing',
  },
  ready: {
    reconfigured: 'checking', // with check-session: the new backend may know a session
    'signed-in-elsewhere': 'signed-in',
    help: 'help',
    'autofill-succeeded': 'verifying',
    'sign-in': 'ceremony',
    submit: 'registering',
    choose: 'choosing',
    'use-method': 'code',
  },
  failed: {
    'start-over': 'ready', // "Change" next to the identifier
    'signed-in-elsewhere': 'signed-in',
    help: 'help',
    'autofill-succeeded': 'verifying',
    'sign-in': 'ceremony',
    submit: 'registering',
    retry: 'ceremony',
    choose: 'choosing',
    'use-method': 'code',
  },
  preparing: {
    'options-loaded': 'ceremony',
    'options-failed': 'failed',
    cancel: 'ready',
    'page-restored': 'ready',
  },
  ceremony: {
    'ceremony-succeeded': 'verifying',
    'ceremony-failed': 'failed',
    cancel: 'ready',
    'page-restored': 'ready',
  },
  verifying: {
    verified: 'signed-in',
    'verify-failed': 'failed',
    'page-restored': 'ready',
  },
  registering: {
    'registration-options-loaded': 'confirm-create',
    'registration-options-failed': 'failed',
    cancel: 'ready',
    'page-restored': 'ready',
  },
  'confirm-create': {
    create: 'ceremony',
    'start-over': 'ready',
  },
  returning: {
    'use-method': 'code', // "Welcome back" lists the account's ways in
    help: 'help',
    'sign-in': 'ceremony',
    'start-over': 'ready',
  },
  'signed-in': {
    'sign-out': 'signing-out',
    'signed-out-elsewhere': 'ready',
  },
  'signing-out': {
    'signed-out': 'ready',
    'signed-out-elsewhere': 'ready',
    'sign-out-failed': 'signed-in',
  },
  choosing: {
    help: 'help',
    'use-method': 'code',
    'start-over': 'ready',
  },
  code: {
    help: 'help',
    'code-verified': 'enrol',
    'start-over': 'ready',
    choose: 'choosing',
  },
  password: {
    help: 'help',
    'forgot-password': 'code',
    'start-over': 'ready',
    choose: 'choosing',
  },
  recovered: {
    enrol: 'enrol',
    'set-password': 'new-password',
    dismiss: 'signed-in',
  },
  'new-password': {
    'password-saved': 'signed-in',
    dismiss: 'signed-in',
  },
  enrol: {
    verified: 'signed-in',
    dismiss: 'signed-in',
  },
  help: {
    back: 'ready',
    'redeem-start': 'redeem',
  },
  redeem: {
    'start-over': 'ready',
    help: 'help',
  },
  device: {
    'device-approved': 'enrol',
    'start-over': 'ready',
    choose: 'choosing',
    help: 'help',
  },
  upgrading: {
    verified: 'signed-in',
    // A failed silent upgrade leads to the explicit offer.
    'verify-failed': 'enrol',
    'ceremony-failed': 'enrol',
    'registration-options-failed': 'enrol',
    'upgrade-done': 'enrol',
  },
};

const types = (effects: Effect[]) => effects.map((effect) => effect.type);

describe('machine: every (state, event) pair', () => {
  for (const [kind, snapshot] of Object.entries(states) as [StateKind, Snapshot][]) {
    for (const [type, event] of Object.entries(events) as [EventType, Event][]) {
      const expected = moves[kind]?.[type] ?? kind;
      it(`${kind} + ${type} → ${expected}`, () => {
        const { snapshot: next, effects } = transition(snapshot, event);
        expect(next.state.kind).to.equal(expected);
        // Whatever happens, the identifier the user typed survives (WCAG 3.3.7), except on
        // typing itself and on sign-out, which clears it on purpose.
        if (type === 'input') expect(next.context.identifier).to.equal('grace');
        else if (!((kind === 'signing-out' && type === 'signed-out') || type === 'signed-out-elsewhere')) expect(next.context.identifier).to.equal('ada');
        if (next === snapshot) expect(effects).to.deep.equal([]);
        // Pure: the input snapshot is never mutated.
        expect(snapshot).to.deep.equal(states[kind]);
      });
    }
  }
});

describe('machine: start', () => {
  it('fetches options in parallel with capability detection, and checks the session when asked', () => {
    expect(types(initial().effects)).to.deep.equal(['detect-capabilities', 'fetch-auth-options']);
    expect(types(initial({ checkSession: true }).effects)).to.deep.equal([
      'detect-capabilities',
      'fetch-auth-options',
      'check-session',
    ]);
  });

  it('arms autofill after one round trip when options arrive before capabilities', () => {
    let { snapshot } = initial();
    ({ snapshot } = transition(snapshot, events['options-loaded']));
    const { snapshot: ready, effects } = transition(snapshot, events['capabilities-detected']);
    expect(ready.state.kind).to.equal('ready');
    expect(ready.context.autofill).to.equal('armed');
    expect(types(effects)).to.deep.equal(['arm-autofill']);
  });

  it('arms autofill when options arrive after capabilities', () => {
    let { snapshot } = initial();
    ({ snapshot } = transition(snapshot, events['capabilities-detected']));
    expect(snapshot.context.autofill).to.equal('waiting');
    const { snapshot: armed, effects } = transition(snapshot, events['options-loaded']);
    expect(armed.context.autofill).to.equal('armed');
    expect(types(effects)).to.deep.equal(['schedule-refresh', 'arm-autofill']);
  });

  it('does not arm autofill where conditional mediation is unsupported or unknown', () => {
    for (const conditionalGet of ['unsupported', 'unknown'] as const) {
      let { snapshot } = initial();
      ({ snapshot } = transition(snapshot, events['options-loaded']));
      const { snapshot: ready, effects } = transition(snapshot, {
        type: 'capabilities-detected',
        capabilities: { ...caps, conditionalGet },
      });
      expect(ready.context.autofill).to.equal('off');
      expect(types(effects)).to.deep.equal([]);
    }
  });

  it('without WebAuthn: no autofill and no passkey buttons, straight to the identifier', () => {
    let { snapshot } = initial();
    ({ snapshot } = transition(snapshot, {
      type: 'capabilities-detected',
      capabilities: { ...caps, webauthn: false, conditionalGet: 'unsupported', hybridTransport: 'unsupported' },
    }));
    expect(snapshot.state.kind).to.equal('ready');
    expect(snapshot.context.autofill).to.equal('off');
    expect(transition(snapshot, events['sign-in']).snapshot.state.kind).to.equal('ready');
  });

  it('waits for the session check before showing the form', () => {
    let { snapshot } = initial({ checkSession: true });
    ({ snapshot } = transition(snapshot, events['capabilities-detected']));
    expect(snapshot.state.kind).to.equal('checking');
    ({ snapshot } = transition(snapshot, events['session-absent']));
    expect(snapshot.state.kind).to.equal('ready');
  });
});

describe('machine: autofill', () => {
  it('re-arms once silently after a NotAllowedError, then pauses until the user interacts', () => {
    let snapshot = states.ready;
    let effects: Effect[];
    ({ snapshot, effects } = transition(snapshot, events['autofill-failed']));
    expect(snapshot.state.kind).to.equal('ready');
    expect(types(effects)).to.deep.equal(['arm-autofill']);
    ({ snapshot, effects } = transition(snapshot, events['autofill-failed']));
    expect(snapshot.context.autofill).to.equal('paused');
    expect(types(effects)).to.deep.equal([]);
    ({ snapshot, effects } = transition(snapshot, events.interact));
    expect(snapshot.context.autofill).to.equal('armed');
    expect(types(effects)).to.deep.equal(['arm-autofill']);
  });

  it('never shows an error for a failed autofill request', () => {
    for (const code of ['cancelled', 'transient', 'pending', 'not-supported', 'bad-options'] as const) {
      const { snapshot, effects } = transition(states.ready, { type: 'autofill-failed', optionsId: 1, failure: { code } });
      expect(snapshot.state.kind, code).to.equal('ready');
      expect(types(effects), code).not.to.include('emit-failure');
    }
  });

  it('turns passkeys off for the page view after a SecurityError, with a diagnostic', () => {
    const { snapshot, effects } = transition(states.ready, {
      type: 'autofill-failed',
      optionsId: 1,
      failure: { code: 'security' },
    });
    expect(snapshot.context.passkeysDisabled).to.equal(true);
    expect(types(effects)).to.include('diagnostic');
    expect(snapshot.state.kind).to.equal('failed');
  });

  it('never verifies a passkey picked from options a refresh replaced: a one-challenge backend has dropped them', () => {
    let { snapshot } = transition(states.ready, events['options-stale']);
    ({ snapshot } = transition(snapshot, events['options-loaded']));
    const late = transition(snapshot, events['autofill-succeeded']);
    expect(late.snapshot.state.kind).to.equal('ready');
    expect(late.effects).to.deep.equal([]);
    // The request armed with the fresh options is the one that counts.
    const fresh = transition(snapshot, { ...events['autofill-succeeded'], optionsId: 2 } as Event);
    expect(fresh.snapshot.state.kind).to.equal('verifying');
    expect(types(fresh.effects)).to.deep.equal(['verify-authentication']);
  });

  it('drops the authentication options when sign-up asks for a registration challenge, and re-arms with fresh ones', () => {
    let { snapshot, effects } = transition(states.ready, events.submit);
    expect(snapshot.context.auth).to.equal(undefined);
    expect(types(effects)).to.deep.equal(['abort-ceremony', 'fetch-registration-options']);
    ({ snapshot, effects } = transition(snapshot, events.cancel));
    expect(snapshot.state.kind).to.equal('ready');
    expect(types(effects)).to.include('fetch-auth-options');
  });

  it('refreshes options before the challenge expires and re-arms with the new ones', () => {
    let { snapshot, effects } = transition(states.ready, events['options-stale']);
    expect(types(effects)).to.deep.equal(['fetch-auth-options']);
    ({ snapshot, effects } = transition(snapshot, events['options-loaded']));
    expect(types(effects)).to.deep.equal(['schedule-refresh', 'arm-autofill']);
    const arm = effects[1] as Extract<Effect, { type: 'arm-autofill' }>;
    expect(arm.options.challenge).to.equal('bmV3');
    expect(arm.optionsId).to.equal(2);
    expect(snapshot.context.auth?.id).to.equal(2);
  });

  it('re-arms after a back/forward-cache restore with fresh options', () => {
    const { snapshot, effects } = transition(states.ready, events['page-restored']);
    expect(snapshot.context.auth).to.equal(undefined);
    expect(types(effects)).to.include('fetch-auth-options');
  });

  it('schedules the refresh 30 s before a long TTL, or at 80 % of a short one', () => {
    expect(refreshDelay({ challenge: 'x', timeout: 300_000 })).to.equal(270_000);
    expect(refreshDelay({ challenge: 'x', timeout: 45_000 })).to.equal(36_000);
    expect(refreshDelay({ challenge: 'x' })).to.equal(270_000);
  });

  it('believes no challenge shorter than the 30 s WebAuthn recommends: `timeout: 1` is not a refresh every second', () => {
    expect(refreshDelay({ challenge: 'x', timeout: 10_000 })).to.equal(24_000);
    expect(refreshDelay({ challenge: 'x', timeout: 1 })).to.equal(24_000);
  });
});

describe('machine: modal ceremonies', () => {
  it('starts WebAuthn at once with options already fetched, spending them', () => {
    const { snapshot, effects } = transition(states.ready, events['sign-in']);
    expect(types(effects)).to.deep.equal(['start-get']);
    expect(snapshot.context.auth).to.equal(undefined);
  });

  it('offers no passkey button the site owner left out of `methods`', () => {
    const fallbacks = { ...states.ready.context.fallbacks!, methods: ['password' as const, 'passkey' as const] };
    const ready = at({ kind: 'ready' }, { fallbacks });
    expect(transition(ready, { type: 'sign-in', ceremony: 'hybrid' }).snapshot.state.kind).to.equal('ready');
    expect(transition(ready, { type: 'sign-in', ceremony: 'passkey' }).snapshot.state.kind).to.equal('ceremony');
  });

  it('adds the hybrid hint for "Use a phone or tablet"', () => {
    const { effects } = transition(states.ready, { type: 'sign-in', ceremony: 'hybrid' });
    const start = effects[0] as Extract<Effect, { type: 'start-get' }>;
    expect(start.options.hints).to.deep.equal(['hybrid']);
  });

  it('a modal cancel shows neutral copy with Try again and Use a phone or tablet, and asks which ways in the identifier has', () => {
    const { snapshot, effects } = transition(states.ceremony, events['ceremony-failed']);
    expect(snapshot.state).to.deep.include({ kind: 'failed', source: 'passkey', actions: ['retry', 'hybrid'], identified: true });
    // The step shows the identifier (with "Change") rather than its field: autofill rests.
    expect(types(effects)).to.deep.equal(['emit-failure', 'fetch-methods']);
  });

  it('a modal cancel with nothing typed shows the identifier field, and re-arms autofill on it', () => {
    const blank = at(states.ceremony.state, { ...states.ceremony.context, identifier: '' });
    const { snapshot, effects } = transition(blank, events['ceremony-failed']);
    expect(snapshot.state).not.to.have.property('identified');
    expect(types(effects)).to.deep.equal(['emit-failure', 'fetch-auth-options']);
  });

  it('retries "already pending" and transient faults once by itself, then shows the failure', () => {
    for (const code of ['pending', 'transient'] as const) {
      let { snapshot, effects } = transition(states.ceremony, { type: 'ceremony-failed', failure: { code } });
      expect(snapshot.state.kind).to.equal('ceremony');
      expect(types(effects)).to.include('start-get');
      ({ snapshot, effects } = transition(snapshot, { type: 'ceremony-failed', failure: { code } }));
      expect(snapshot.state.kind).to.equal('failed');
    }
  });

  it('hides a ceremony that failed NotSupportedError and offers the other one', () => {
    const { snapshot } = transition(states.ceremony, { type: 'ceremony-failed', failure: { code: 'not-supported' } });
    expect(snapshot.context.hidden).to.deep.equal(['passkey']);
    expect(snapshot.state).to.deep.include({ kind: 'failed', actions: ['hybrid'] });
  });

  it('times out with a diagnostic and Try again', () => {
    const { snapshot, effects } = transition(states.ceremony, { type: 'ceremony-failed', failure: { code: 'timed-out' } });
    expect(snapshot.state).to.deep.include({ kind: 'failed', actions: ['retry', 'hybrid'] });
    expect(types(effects)).to.include('diagnostic');
  });

  it('a backend that does not know the credential: signal it, then offer the way out', () => {
    const { effects } = transition(states.verifying, {
      type: 'verify-failed',
      failure: { code: 'unknown-credential', status: 404 },
      credentialId: 'cred-1',
    });
    expect(effects[0]).to.deep.equal({ type: 'signal-unknown-credential', credentialId: 'cred-1', rpId: 'localhost' });
  });

  it('an autofill sign-in the server refuses pauses autofill until the user comes back', () => {
    // Nothing typed: the failure step shows the identifier field, whose focus is "coming back".
    const autofill = at({ kind: 'verifying', source: 'autofill' }, { identifier: '', auth: undefined, autofill: 'off', autofillFailures: 1, expiryRearmed: true });
    for (const code of ['challenge-expired', 'verification-failed', 'server'] as const) {
      const { snapshot, effects } = transition(autofill, { type: 'verify-failed', failure: { code } });
      expect(snapshot.state.kind).to.equal('failed');
      expect(snapshot.context.autofill).to.equal('paused');
      expect(types(effects)).not.to.include('arm-autofill');
      const back = transition(snapshot, events.interact);
      expect(back.snapshot.context.autofill).to.equal('waiting');
      expect(types(back.effects)).to.deep.equal(['fetch-auth-options']);
    }
  });

  it('an autofill sign-in whose challenge expired goes quietly back to the form', () => {
    const autofill = at({ kind: 'verifying', source: 'autofill' }, { auth: undefined, autofill: 'off', autofillFailures: 0 });
    const { snapshot, effects } = transition(autofill, {
      type: 'verify-failed',
      failure: { code: 'challenge-expired', status: 400 },
    });
    expect(snapshot.state.kind).to.equal('ready');
    expect(types(effects)).not.to.include('emit-failure');
  });

  it('a second expiry is shown even though a pick came in between, and says the backend does not get its challenge back', () => {
    const autofill = at({ kind: 'verifying', source: 'autofill' }, { auth: undefined, autofill: 'off', autofillFailures: 0 });
    const expired = { type: 'verify-failed', failure: { code: 'challenge-expired', status: 400 } } as const;
    let { snapshot } = transition(autofill, expired);
    // Re-armed, a passkey is picked again at once: the pick resets the autofill failure count.
    ({ snapshot } = transition(snapshot, events['options-loaded']));
    const armed = snapshot.context.auth!.id;
    ({ snapshot } = transition(snapshot, { type: 'autofill-succeeded', optionsId: armed, response: authResponse }));
    expect(snapshot.state.kind).to.equal('verifying');
    const second = transition(snapshot, expired);
    expect(second.snapshot.state.kind).to.equal('failed');
    expect(second.snapshot.context.autofill).to.equal('paused');
    expect(second.effects).to.deep.include({ type: 'diagnostic', code: 'challenge-not-kept', failure: expired.failure });
    expect(types(second.effects)).to.include('emit-failure');
  });

  it('no failure view is a dead end: every retryable failure offers a way forward', () => {
    const codes = ['cancelled', 'pending', 'constraint', 'transient', 'bad-options', 'timed-out', 'network', 'server', 'verification-failed', 'unknown-credential'] as const;
    for (const code of codes) {
      expect(nextActions({ code }, 'passkey', context()).length, code).to.be.greaterThan(0);
    }
  });
});

describe('machine: answers that arrive after the user acted', () => {
  it('capabilities detected after a click still arm autofill later', () => {
    let { snapshot } = initial();
    ({ snapshot } = transition(snapshot, events['options-loaded']));
    ({ snapshot } = transition(snapshot, events['sign-in']));
    expect(snapshot.state.kind).to.equal('ceremony');
    ({ snapshot } = transition(snapshot, events['capabilities-detected']));
    expect(snapshot.context.capabilities).to.deep.equal(caps);
    const cancelled = transition(snapshot, events.cancel);
    expect(cancelled.snapshot.state.kind).to.equal('ready');
    expect(types(cancelled.effects)).to.include('fetch-auth-options');
  });

  it('a session found after a click does not interrupt the user', () => {
    let { snapshot } = initial({ checkSession: true });
    ({ snapshot } = transition(snapshot, events['options-loaded']));
    ({ snapshot } = transition(snapshot, events['sign-in']));
    const { snapshot: after, effects } = transition(snapshot, events['session-found']);
    expect(after.state.kind).to.equal('ceremony');
    expect(after.context.sessionPending).to.equal(false);
    expect(effects).to.deep.equal([]);
  });
});

describe('machine: sign-up', () => {
  it('after a failed sign-up verify, Try again fetches fresh options (the challenge is spent)', () => {
    const verifying = at({ kind: 'verifying', source: 'create' }, { creation: creationOptions });
    const { snapshot } = transition(verifying, { type: 'verify-failed', failure: { code: 'verification-failed', status: 400 } });
    expect(snapshot.context.creation).to.equal(undefined);
    const retried = transition(snapshot, events.retry);
    expect(retried.snapshot.state.kind).to.equal('registering');
    // The autofill request the failure re-armed is closed: its challenge may not outlive the new one.
    expect(types(retried.effects)).to.deep.equal(['abort-ceremony', 'fetch-registration-options']);
  });

  it('after a create the watchdog gave up on, Try again fetches fresh options too', () => {
    const creating = at({ kind: 'ceremony', ceremony: 'create', attempt: 1, options: creationOptions }, { creation: creationOptions });
    const { snapshot } = transition(creating, { type: 'ceremony-failed', failure: { code: 'timed-out' } });
    expect(transition(snapshot, events.retry).snapshot.state.kind).to.equal('registering');
  });

  it('asks for the identifier before anything else', () => {
    const empty = at({ kind: 'ready' }, { identifier: '   ' });
    const { snapshot, effects } = transition(empty, events.submit);
    expect(snapshot.state).to.deep.equal({ kind: 'ready', fieldError: 'identifier-required' });
    expect(effects).to.deep.equal([]);
    expect(transition(snapshot, events.input).snapshot.state).to.deep.equal({ kind: 'ready' });
  });

  it('an identifier that already has an account leads to "Welcome back"', () => {
    const { snapshot } = transition(states.registering, {
      type: 'registration-options-failed',
      failure: { code: 'identifier-taken', status: 409 },
    });
    expect(snapshot.state).to.deep.equal({ kind: 'returning', reason: 'identifier-taken' });
  });

  it('an invalid identifier is shown on the field', () => {
    const { snapshot } = transition(states.registering, {
      type: 'registration-options-failed',
      failure: { code: 'invalid-identifier', status: 400 },
    });
    expect(snapshot.state).to.deep.equal({ kind: 'ready', fieldError: 'identifier-invalid' });
  });

  it('InvalidStateError on create means "you already have a passkey here"', () => {
    const creating = at({ kind: 'ceremony', ceremony: 'create', attempt: 1, options: creationOptions }, { creation: creationOptions });
    const { snapshot } = transition(creating, { type: 'ceremony-failed', failure: { code: 'already-registered' } });
    expect(snapshot.state).to.deep.equal({ kind: 'returning', reason: 'already-registered' });
  });

  it('Try again after a cancelled create calls create() again with the same options', () => {
    const creating = at({ kind: 'ceremony', ceremony: 'create', attempt: 1, options: creationOptions }, { creation: creationOptions });
    let { snapshot } = transition(creating, events['ceremony-failed']);
    expect(snapshot.state).to.deep.include({ kind: 'failed', source: 'create', actions: ['retry'] });
    const retried = transition(snapshot, events.retry);
    expect(retried.snapshot.state.kind).to.equal('ceremony');
    expect(retried.effects).to.deep.equal([{ type: 'start-create', options: creationOptions }]);
  });
});

const walk = walker(transition);

describe('machine: every path to signed in', () => {
  const loaded = events['options-loaded'];
  const detected = events['capabilities-detected'];
  const paths: Record<string, Event[]> = {
    autofill: [loaded, detected, { type: 'autofill-succeeded', optionsId: 1, response: authResponse }, events.verified],
    'passkey button': [loaded, detected, events['sign-in'], events['ceremony-succeeded'], events.verified],
    'phone or tablet': [loaded, detected, { type: 'sign-in', ceremony: 'hybrid' }, events['ceremony-succeeded'], events.verified],
    'button before options arrived': [detected, events['sign-in'], loaded, events['ceremony-succeeded'], events.verified],
    'try again after a cancel': [loaded, detected, events['sign-in'], events['ceremony-failed'], loaded, events.retry, events['ceremony-succeeded'], events.verified],
    'phone or tablet after a cancel': [loaded, detected, events['sign-in'], events['ceremony-failed'], loaded, { type: 'sign-in', ceremony: 'hybrid' }, events['ceremony-succeeded'], events.verified],
    'already pending, retried': [loaded, detected, events['sign-in'], { type: 'ceremony-failed', failure: { code: 'pending' } }, events['ceremony-succeeded'], events.verified],
    'sign-up': [loaded, detected, { type: 'input', identifier: 'new-user' }, events.submit, events['registration-options-loaded'], events.create, events.created, events.verified],
    'sign-up, identifier taken, passkey': [loaded, detected, events.submit, { type: 'registration-options-failed', failure: { code: 'identifier-taken' } }, events['sign-in'], events['ceremony-succeeded'], events.verified],
    'sign-up, already registered, passkey': [loaded, detected, events.submit, events['registration-options-loaded'], events.create, { type: 'ceremony-failed', failure: { code: 'already-registered' } }, loaded, events['sign-in'], events['ceremony-succeeded'], events.verified],
  };
  for (const [name, path] of Object.entries(paths)) {
    it(name, () => {
      const { snapshot, effects } = walk(initial().snapshot, path);
      expect(snapshot.state.kind).to.equal('signed-in');
      expect(types(effects).filter((type) => type === 'emit-success')).to.have.length(1);
    });
  }

  it('session found on load', () => {
    const { snapshot, effects } = walk(initial({ checkSession: true }).snapshot, [events['session-found']]);
    expect(snapshot.state).to.deep.include({ kind: 'signed-in', source: 'session' });
    expect(types(effects)).to.deep.equal(['emit-success']);
  });

  it('sign out goes back to an empty form and re-arms autofill', () => {
    const { snapshot, effects } = walk(states['signed-in'], [events['sign-out'], events['signed-out']]);
    expect(snapshot.state.kind).to.equal('ready');
    expect(snapshot.context.identifier).to.equal('');
    expect(types(effects)).to.deep.equal(['sign-out', 'emit-signed-out', 'fetch-auth-options']);
  });
});

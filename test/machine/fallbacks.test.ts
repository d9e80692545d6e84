import { expect } from '@open-wc/testing';
import { transition as core } from '../../src/machine/transition.js';
import { offered, otherMethods, UPGRADE_LIMIT_MS, withFallbacks } from '../../src/steps/fallbacks/machine.js';
import type { CodeSent, Context, Effect, Event, Fallbacks, Failure, Method, Snapshot, State, Transition } from '../../src/machine/types.js';
import { ALL_METHODS, at, caps, context, creationOptions, emailSent, fallbacks, regResponse, requestOptions, result, walker } from '../support/machine-fixtures.js';

// transition.test.ts checks which state kind every (state, event) pair leads to, this file the
// effects and the context of the fallback steps.

const smsSent: CodeSent = { ...emailSent, channel: 'sms', destination: '+44•••••1234' };

type CodeState = Extract<State, { kind: 'code' }>;
const code = (patch: Partial<CodeState> = {}): CodeState => ({
  kind: 'code',
  channel: 'email',
  purpose: 'sign-in',
  phase: 'entering',
  sent: emailSent,
  canResend: false,
  expired: false,
  ...patch,
});

/** Secrets only these tests use, so that finding them anywhere else means they leaked. */
const CODE = '482913';
const PASSWORD = 'correct horse battery';

/**
 * The flow under test. Every step also checks purity: the snapshot handed in is the same,
 * deep down, after the step as before it.
 */
function step(snapshot: Snapshot, event: Event): Transition {
  const before = structuredClone(snapshot);
  const next = withFallbacks(snapshot, event);
  expect(snapshot, `${event.type} mutated its input`).to.deep.equal(before);
  return next;
}

const walk = walker(step);

/** Drops keys set to `undefined`, so that `{ ...state, failure: undefined }` equals a state without one. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const types = (effects: Effect[]) => effects.map((effect) => effect.type);

const resendTimer = (seconds: number): Effect => ({ type: 'timer', name: 'resend', afterMs: seconds * 1000, event: { type: 'resend-ready' } });

describe('fallbacks: use-method', () => {
  const forms: Record<'ready' | 'failed' | 'choosing', State> = {
    ready: { kind: 'ready' },
    failed: { kind: 'failed', failure: { code: 'cancelled' }, source: 'passkey', actions: ['retry', 'hybrid'] },
    choosing: { kind: 'choosing' },
  };

  for (const [kind, state] of Object.entries(forms)) {
    it(`from ${kind}: without an identifier, asks for it and does nothing else`, () => {
      for (const method of ['email-code', 'sms-code', 'password'] as const) {
        const before = at(state, { identifier: '   ' });
        const { snapshot, effects } = step(before, { type: 'use-method', method });
        expect(snapshot.state, method).to.deep.equal(
          kind === 'choosing' ? { kind: 'choosing', fieldError: 'identifier-required' } : { kind: 'ready', fieldError: 'identifier-required' },
        );
        expect(snapshot.context, method).to.deep.equal(before.context);
        expect(effects, method).to.deep.equal([]);
      }
    });

    it(`from ${kind}: email-code sends a sign-in code to the trimmed identifier, closing an armed autofill`, () => {
      const { snapshot, effects } = step(at(state, { identifier: '  ada  ' }), { type: 'use-method', method: 'email-code' });
      expect(snapshot.state).to.deep.equal({ kind: 'code', channel: 'email', purpose: 'sign-in', phase: 'sending', canResend: false, expired: false });
      expect(effects).to.deep.equal([
        { type: 'abort-ceremony' },
        { type: 'clear-timers' },
        { type: 'send-code', identifier: 'ada', channel: 'email', purpose: 'sign-in' },
      ]);
      expect(snapshot.context.identifier).to.equal('ada');
      expect(snapshot.context.autofill).to.equal('off');
    });

    it(`from ${kind}: sms-code sends by text; nothing to abort when autofill is not armed`, () => {
      const { snapshot, effects } = step(at(state, { autofill: 'paused' }), { type: 'use-method', method: 'sms-code' });
      expect(snapshot.state).to.deep.include({ kind: 'code', channel: 'sms', purpose: 'sign-in', phase: 'sending' });
      expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'send-code', identifier: 'ada', channel: 'sms', purpose: 'sign-in' }]);
      expect(snapshot.context.autofill).to.equal('off');
    });

    it(`from ${kind}: password opens the password step`, () => {
      const { snapshot, effects } = step(at(state, { identifier: ' ada' }), { type: 'use-method', method: 'password' });
      expect(snapshot.state).to.deep.equal({ kind: 'password', phase: 'entering' });
      // "Forgot password?" will need the account's code channels.
      expect(effects).to.deep.equal([{ type: 'abort-ceremony' }, { type: 'fetch-methods', identifier: 'ada' }]);
      expect(snapshot.context).to.deep.include({ identifier: 'ada', autofill: 'off' });
    });

    it(`from ${kind}: passkey and hybrid start the core machine's ceremony`, () => {
      for (const ceremony of ['passkey', 'hybrid'] as const) {
        const before = at(state);
        const next = step(before, { type: 'use-method', method: ceremony });
        const expected = core({ state: { kind: 'ready' }, context: before.context }, { type: 'sign-in', ceremony });
        // From the chooser, Cancel on the browser's sheet comes back to the chooser.
        const back = kind === 'choosing' ? { back: 'choosing' } : {};
        expect(next, ceremony).to.deep.equal({ ...expected, snapshot: { ...expected.snapshot, state: { ...expected.snapshot.state, ...back } } });
        expect(next.snapshot.state, ceremony).to.deep.include({ kind: 'ceremony', ceremony });
        expect(types(next.effects), ceremony).to.deep.equal(['start-get']);
      }
    });
  }

  it('a passkey picked before options arrived waits for them, like the core button', () => {
    const { snapshot, effects } = step(at({ kind: 'choosing' }, { auth: undefined, fetchingAuth: true, autofill: 'waiting' }), {
      type: 'use-method',
      method: 'hybrid',
    });
    expect(snapshot.state).to.deep.equal({ kind: 'preparing', ceremony: 'hybrid', back: 'choosing' });
    expect(effects).to.deep.equal([]);
  });

  it('Cancel on a sheet opened from the chooser goes back to the chooser, not to the start', () => {
    let { snapshot } = step(at({ kind: 'choosing' }), { type: 'use-method', method: 'passkey' });
    ({ snapshot } = step(snapshot, { type: 'cancel' }));
    expect(snapshot.state).to.deep.equal({ kind: 'choosing' });
  });
});

describe('fallbacks: a code arrives', () => {
  it('an email code: entering, with expiry and resend timers', () => {
    const sending = at(code({ phase: 'sending', sent: undefined }), { autofill: 'off' });
    const { snapshot, effects } = step(sending, { type: 'code-sent', sent: emailSent });
    expect(plain(snapshot.state)).to.deep.equal(code({ phase: 'entering', sent: emailSent, canResend: false, expired: false }));
    expect(effects).to.deep.equal([
      { type: 'timer', name: 'expiry', afterMs: 600_000, event: { type: 'code-timed-out' } },
      resendTimer(30),
    ]);
  });

  it('a text: the same timers, and WebOTP listens for it', () => {
    const sending = at(code({ channel: 'sms', phase: 'sending', sent: undefined }), { autofill: 'off' });
    const { snapshot, effects } = step(sending, { type: 'code-sent', sent: { ...smsSent, expiresIn: 300, resendAfter: 45 } });
    expect(snapshot.state).to.deep.include({ phase: 'entering', canResend: false });
    expect(effects).to.deep.equal([
      { type: 'timer', name: 'expiry', afterMs: 300_000, event: { type: 'code-timed-out' } },
      resendTimer(45),
      { type: 'listen-otp' },
    ]);
  });

  it('no cooldown: a new code may be asked for at once', () => {
    const sending = at(code({ phase: 'sending', sent: undefined }), { autofill: 'off' });
    const { snapshot, effects } = step(sending, { type: 'code-sent', sent: { ...emailSent, resendAfter: 0 } });
    expect(snapshot.state).to.deep.include({ phase: 'entering', canResend: true });
    expect(types(effects)).to.deep.equal(['timer']);
    expect(effects[0]).to.deep.include({ name: 'expiry' });
  });

  it('a new code clears the old one’s failure and expiry', () => {
    const resending = at(code({ phase: 'sending', expired: true, failure: { code: 'code-expired', status: 400 } }), { autofill: 'off' });
    const { snapshot } = step(resending, { type: 'code-sent', sent: emailSent });
    expect(plain(snapshot.state)).to.deep.equal(code());
  });

  it('a send that must wait comes back with a resend timer', () => {
    const sending = at(code({ phase: 'sending', sent: undefined }), { autofill: 'off' });
    const failure: Failure = { code: 'rate-limited', status: 429, retryAfter: 60 };
    const { snapshot, effects } = step(sending, { type: 'code-send-failed', failure });
    expect(plain(snapshot.state)).to.deep.equal(plain(code({ phase: 'entering', sent: undefined, failure, canResend: false })));
    // The page hears of it too: a send refused is a failure like a code refused.
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }, resendTimer(60)]);
  });

  it('a send that failed without a wait may be asked for again at once', () => {
    const sending = at(code({ phase: 'sending', sent: undefined }), { autofill: 'off' });
    const failure: Failure = { code: 'delivery-failed', status: 502 };
    const { snapshot, effects } = step(sending, { type: 'code-send-failed', failure });
    expect(snapshot.state).to.deep.include({ phase: 'entering', failure, canResend: true });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }]);
  });
});

describe('fallbacks: entering a code', () => {
  const entering = at(code(), { autofill: 'off' });

  it('strips spaces and dashes before verifying', () => {
    for (const typed of ['482 913', ' 482913 ', '48\t29\n13', '482-913']) {
      const { snapshot, effects } = step(entering, { type: 'code-submit', code: typed });
      expect(snapshot.state, typed).to.deep.include({ kind: 'code', phase: 'verifying' });
      expect(effects, typed).to.deep.equal([{ type: 'verify-code', code: CODE, identifier: 'ada', channel: 'email' }]);
    }
  });

  it('an empty code is a field error, with nothing sent', () => {
    for (const typed of ['', '   ']) {
      const { snapshot, effects } = step(entering, { type: 'code-submit', code: typed });
      expect(plain(snapshot.state), JSON.stringify(typed)).to.deep.equal(code({ fieldError: 'code-required' }));
      expect(effects).to.deep.equal([]);
    }
  });

  it('letters or the wrong length are a field error, costing no try on the server', () => {
    for (const typed of ['48291', '4829133', '48291O', 'abcdef']) {
      const { snapshot, effects } = step(entering, { type: 'code-submit', code: typed });
      expect(plain(snapshot.state), typed).to.deep.equal(code({ fieldError: 'code-format' }));
      expect(effects, typed).to.deep.equal([]);
    }
  });

  it('submitting again clears the previous failure and field error', () => {
    const failed = at(code({ failure: { code: 'code-invalid', triesLeft: 3 }, fieldError: 'code-required' }), { autofill: 'off' });
    const { snapshot } = step(failed, { type: 'code-submit', code: CODE });
    expect(plain(snapshot.state)).to.deep.equal(code({ phase: 'verifying' }));
  });

  it('is ignored while the code is being sent or checked', () => {
    for (const phase of ['sending', 'verifying'] as const) {
      const busy = at(code({ phase }), { autofill: 'off' });
      const { snapshot, effects } = step(busy, { type: 'code-submit', code: CODE });
      expect(snapshot, phase).to.deep.equal(busy);
      expect(effects, phase).to.deep.equal([]);
    }
  });
});

describe('fallbacks: a code refused', () => {
  const verifying = (patch: Partial<CodeState> = {}) => at(code({ phase: 'verifying', ...patch }), { autofill: 'off' });

  it('a wrong code leaves the code alive for another try', () => {
    const failure: Failure = { code: 'code-invalid', status: 400, triesLeft: 4 };
    const { snapshot, effects } = step(verifying(), { type: 'code-failed', failure });
    expect(plain(snapshot.state)).to.deep.equal(code({ failure, expired: false }));
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }]);
  });

  it('no tries left ends the code too, and a dead code or a locked account is not sent again', () => {
    const failure: Failure = { code: 'code-invalid', status: 400, triesLeft: 0 };
    const { snapshot } = step(verifying(), { type: 'code-failed', failure });
    expect(snapshot.state).to.deep.include({ expired: true });
    expect(step(snapshot, { type: 'code-submit', code: CODE }).effects).to.deep.equal([]);
    const locked = at(code({ failure: { code: 'account-locked', status: 429, retryAfter: 900 } }), { autofill: 'off' });
    expect(step(locked, { type: 'code-submit', code: CODE }).effects).to.deep.equal([]);
  });

  it('an answer that breaks the contract also tells the developer', () => {
    const failure: Failure = { code: 'bad-response', status: 200 };
    const { effects } = step(verifying(), { type: 'code-failed', failure });
    expect(effects).to.deep.equal([
      { type: 'emit-failure', failure, source: 'email-code' },
      { type: 'diagnostic', code: 'bad-response', failure },
    ]);
  });

  it('an expired code and too many tries end the code', () => {
    for (const failureCode of ['code-expired', 'too-many-tries'] as const) {
      const failure: Failure = { code: failureCode, status: 400 };
      const { snapshot, effects } = step(verifying({ canResend: true }), { type: 'code-failed', failure });
      expect(plain(snapshot.state), failureCode).to.deep.equal(code({ failure, expired: true, canResend: true }));
      expect(effects, failureCode).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }]);
    }
  });

  it('a locked account takes the resend away until its retryAfter', () => {
    const failure: Failure = { code: 'account-locked', status: 429, retryAfter: 900 };
    let { snapshot, effects } = step(verifying({ canResend: true }), { type: 'code-failed', failure });
    expect(snapshot.state).to.deep.include({ phase: 'entering', failure, canResend: false });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }, resendTimer(900)]);
    expect(step(snapshot, { type: 'resend' }).effects).to.deep.equal([]);
    ({ snapshot, effects } = step(snapshot, { type: 'resend-ready' }));
    expect(snapshot.state).to.deep.include({ canResend: true });
    expect(effects).to.deep.equal([]);
  });

  it('a locked account without a retryAfter sets no timer', () => {
    const failure: Failure = { code: 'account-locked', status: 423 };
    const { snapshot, effects } = step(verifying({ canResend: true }), { type: 'code-failed', failure });
    expect(snapshot.state).to.deep.include({ canResend: false });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'email-code' }]);
  });

  it('the failure event names the channel or recovery, and never carries the code', () => {
    const cases: [Partial<CodeState>, string][] = [
      [{ channel: 'email', purpose: 'sign-in' }, 'email-code'],
      [{ channel: 'sms', purpose: 'sign-in' }, 'sms-code'],
      [{ channel: 'email', purpose: 'recovery' }, 'recovery'],
      [{ channel: 'sms', purpose: 'recovery' }, 'recovery'],
    ];
    for (const [patch, source] of cases) {
      const failure: Failure = { code: 'code-invalid', status: 400, triesLeft: 2 };
      const { snapshot, effects } = walk(at(code(patch), { autofill: 'off' }), [
        { type: 'code-submit', code: CODE },
        { type: 'code-failed', failure },
      ]);
      const emitted = effects.filter((effect) => effect.type === 'emit-failure');
      expect(emitted, source).to.deep.equal([{ type: 'emit-failure', failure, source }]);
      expect(JSON.stringify(emitted)).not.to.include(CODE);
      expect(JSON.stringify(snapshot)).not.to.include(CODE);
    }
  });
});

describe('fallbacks: resend and timers', () => {
  it('asks for a new code only once the cooldown has passed', () => {
    const waiting = at(code({ canResend: false }), { autofill: 'off' });
    const refused = step(waiting, { type: 'resend' });
    expect(refused.snapshot).to.deep.equal(waiting);
    expect(refused.effects).to.deep.equal([]);

    const ready = at(code({ canResend: true, failure: { code: 'code-invalid', triesLeft: 1 }, fieldError: 'code-required' }), { autofill: 'off' });
    const { snapshot, effects } = step(ready, { type: 'resend' });
    expect(plain(snapshot.state)).to.deep.equal(code({ phase: 'sending', canResend: false }));
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'send-code', identifier: 'ada', channel: 'email', purpose: 'sign-in' }]);
  });

  it('a recovery code by text is resent as one', () => {
    const ready = at(code({ channel: 'sms', purpose: 'recovery', canResend: true }), { autofill: 'off' });
    const { effects } = step(ready, { type: 'resend' });
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'send-code', identifier: 'ada', channel: 'sms', purpose: 'recovery' }]);
  });

  it('not while the current code is being checked', () => {
    const checking = at(code({ phase: 'verifying', canResend: true }), { autofill: 'off' });
    const { snapshot, effects } = step(checking, { type: 'resend' });
    expect(snapshot).to.deep.equal(checking);
    expect(effects).to.deep.equal([]);
  });

  it('resend-ready allows a new code; code-timed-out marks the code expired', () => {
    const entering = at(code(), { autofill: 'off' });
    const ready = step(entering, { type: 'resend-ready' });
    expect(plain(ready.snapshot.state)).to.deep.equal(code({ canResend: true }));
    expect(ready.effects).to.deep.equal([]);
    const timedOut = step(entering, { type: 'code-timed-out' });
    expect(plain(timedOut.snapshot.state)).to.deep.equal(code({ expired: true }));
    expect(timedOut.effects).to.deep.equal([]);
  });
});

describe('fallbacks: a code accepted', () => {
  const verifying = (patch: Partial<CodeState> = {}, contextPatch: Partial<Context> = {}) =>
    at(code({ phase: 'verifying', ...patch }), { autofill: 'off', creation: creationOptions, ...contextPatch });

  it('a sign-in code offers a passkey, fetching its options ahead of the click', () => {
    const { snapshot, effects } = step(verifying(), { type: 'code-verified', result, recovery: false });
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'email-code', phase: 'offer' });
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'fetch-enrol-options' }, { type: 'remember-method', method: 'email-code' }]);
    // A backend keeping one pending challenge per browser drops the authentication one now.
    expect(snapshot.context).to.deep.include({ auth: undefined, autofill: 'off', creation: undefined });
  });

  it('by text: the source and the remembered method are sms-code', () => {
    const { snapshot, effects } = step(verifying({ channel: 'sms', sent: smsSent }), { type: 'code-verified', result, recovery: false });
    expect(snapshot.state).to.deep.include({ kind: 'enrol', source: 'sms-code' });
    expect(effects).to.deep.include({ type: 'remember-method', method: 'sms-code' });
  });

  it('signs in at once when the offer was dismissed recently or this browser cannot make a passkey', () => {
    const cases: Record<string, Partial<Context>> = {
      snoozed: { fallbacks: fallbacks({ offerSnoozed: true }) },
      'no WebAuthn': { capabilities: { ...caps, webauthn: false } },
      'passkeys off for this page': { passkeysDisabled: true },
      'no platform authenticator': { capabilities: { ...caps, userVerifyingPlatformAuthenticator: 'unsupported' } },
    };
    for (const [name, patch] of Object.entries(cases)) {
      const { snapshot, effects } = step(verifying({}, patch), { type: 'code-verified', result, recovery: false });
      expect(snapshot.state, name).to.deep.equal({ kind: 'signed-in', result, source: 'email-code' });
      expect(effects, name).to.deep.equal([
        { type: 'clear-timers' },
        { type: 'emit-success', result, source: 'email-code' },
        { type: 'remember-method', method: 'email-code' },
      ]);
      expect(snapshot.context.creation, name).to.equal(undefined);
    }
  });

  it('a recovery code the backend accepts as one leads to recovered', () => {
    const { snapshot, effects } = step(verifying({ purpose: 'recovery' }), { type: 'code-verified', result, recovery: true });
    expect(snapshot.state).to.deep.equal({ kind: 'recovered', result });
    // Options fetched ahead, so "Create a passkey" can call create() inside its click.
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'fetch-enrol-options' }]);
  });
});

describe('fallbacks: password', () => {
  const entering = at({ kind: 'password', phase: 'entering' }, { autofill: 'off' });
  const verifying = (patch: Partial<Context> = {}) => at({ kind: 'password', phase: 'verifying' }, { autofill: 'off', ...patch });

  it('an empty password is a field error, with nothing sent', () => {
    const { snapshot, effects } = step(entering, { type: 'password-submit', password: '' });
    expect(snapshot.state).to.deep.equal({ kind: 'password', phase: 'entering', fieldError: 'password-required' });
    expect(effects).to.deep.equal([]);
  });

  it('submits with the identifier; the password rides on the effect only', () => {
    const { snapshot, effects } = step(entering, { type: 'password-submit', password: PASSWORD });
    expect(snapshot.state).to.deep.equal({ kind: 'password', phase: 'verifying' });
    expect(effects).to.deep.equal([{ type: 'password-sign-in', identifier: 'ada', password: PASSWORD }]);
    expect(JSON.stringify(snapshot)).not.to.include(PASSWORD);
  });

  it('a second submit while checking is ignored', () => {
    const { snapshot, effects } = step(verifying(), { type: 'password-submit', password: PASSWORD });
    expect(snapshot).to.deep.equal(verifying());
    expect(effects).to.deep.equal([]);
  });

  it('signed in, where conditional create exists: a silent upgrade first', () => {
    const before = verifying({ capabilities: { ...caps, conditionalCreate: 'supported' } });
    const { snapshot, effects } = step(before, { type: 'verified', result });
    expect(snapshot.state).to.deep.equal({ kind: 'upgrading', result });
    expect(effects).to.deep.equal([
      { type: 'remember-method', method: 'password' },
      { type: 'fetch-enrol-options', conditional: true },
      { type: 'timer', name: 'upgrade', afterMs: UPGRADE_LIMIT_MS, event: { type: 'upgrade-done' } },
    ]);
    // The person is signed in already: about a second, then the explicit offer.
    expect(UPGRADE_LIMIT_MS).to.equal(1_000);
    expect(snapshot.context).to.deep.include({ auth: undefined, autofill: 'off' });
  });

  it('signed in without conditional create: the explicit passkey offer, as after any other way in', () => {
    const { snapshot, effects } = step(verifying(), { type: 'verified', result });
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'password', phase: 'offer' });
    expect(effects).to.deep.equal([
      { type: 'clear-timers' },
      { type: 'fetch-enrol-options' },
      { type: 'remember-method', method: 'password' },
    ]);
  });

  it('signed in without WebAuthn: done', () => {
    const { snapshot, effects } = step(verifying({ capabilities: { ...caps, webauthn: false, conditionalCreate: 'supported' } }), {
      type: 'verified',
      result,
    });
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'password' });
    expect(effects).to.deep.equal([
      { type: 'clear-timers' },
      { type: 'emit-success', result, source: 'password' },
      { type: 'remember-method', method: 'password' },
    ]);
  });

  it('a verified answer nobody asked for is ignored', () => {
    const { snapshot, effects } = step(entering, { type: 'verified', result });
    expect(snapshot).to.deep.equal(entering);
    expect(effects).to.deep.equal([]);
  });

  it('a refused password: back to entering, with the failure shown and emitted', () => {
    const failure: Failure = { code: 'invalid-credentials', status: 401 };
    const { snapshot, effects } = step(verifying(), { type: 'password-failed', failure });
    expect(snapshot.state).to.deep.equal({ kind: 'password', phase: 'entering', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'password' }]);
    expect(JSON.stringify(effects)).not.to.include(PASSWORD);
  });

  it('"Forgot password?" sends a recovery code through the first code channel in `methods`', () => {
    const cases: [Method[], 'email' | 'sms'][] = [
      [['passkey', 'email-code', 'sms-code', 'password'], 'email'],
      [['passkey', 'sms-code', 'email-code', 'password'], 'sms'],
      [['password', 'sms-code'], 'sms'],
    ];
    for (const [methods, channel] of cases) {
      const { snapshot, effects } = step(at({ kind: 'password', phase: 'entering' }, { autofill: 'off', fallbacks: fallbacks({ methods }) }), {
        type: 'forgot-password',
      });
      expect(snapshot.state, methods.join()).to.deep.equal({ kind: 'code', channel, purpose: 'recovery', phase: 'sending', canResend: false, expired: false });
      expect(effects, methods.join()).to.deep.equal([{ type: 'clear-timers' }, { type: 'send-code', identifier: 'ada', channel, purpose: 'recovery' }]);
    }
  });

  it('"Forgot password?" skips a channel the backend said this identifier does not have', () => {
    const narrowed = fallbacks({ narrowed: ['sms-code', 'password'], narrowedFor: 'ada' });
    const { snapshot } = step(at({ kind: 'password', phase: 'entering' }, { autofill: 'off', fallbacks: narrowed }), { type: 'forgot-password' });
    expect(snapshot.state).to.deep.include({ kind: 'code', channel: 'sms', purpose: 'recovery' });
  });

  it('"Forgot password?" with no code method on offer stays put', () => {
    const before = at({ kind: 'password', phase: 'entering' }, { autofill: 'off', fallbacks: fallbacks({ methods: ['passkey', 'password'] }) });
    const { snapshot, effects } = step(before, { type: 'forgot-password' });
    expect(snapshot).to.deep.equal(before);
    expect(effects).to.deep.equal([]);
  });
});

describe('fallbacks: silent upgrade after a password', () => {
  const upgrading = at({ kind: 'upgrading', result }, { auth: undefined, autofill: 'off' });

  it('registration options start a conditional create', () => {
    const { snapshot, effects } = step(upgrading, { type: 'registration-options-loaded', options: creationOptions });
    expect(snapshot).to.deep.equal(upgrading);
    expect(effects).to.deep.equal([{ type: 'conditional-create', options: creationOptions }]);
  });

  it('a created passkey is verified', () => {
    const { snapshot, effects } = step(upgrading, { type: 'created', response: regResponse });
    expect(snapshot).to.deep.equal(upgrading);
    expect(effects).to.deep.equal([{ type: 'verify-registration', response: regResponse }]);
  });

  it('success ends signed in by password, silently', () => {
    const { snapshot, effects } = step(upgrading, { type: 'verified', result: { user: { id: 'u1', name: 'ada', displayName: 'Ada' } } });
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'password' });
    expect(effects).to.deep.equal([{ type: 'abort-request' }, { type: 'clear-timers' }, { type: 'emit-success', result, source: 'password' }]);
  });

  it('every failure and the time limit show nothing of the upgrade, and lead to the explicit offer', () => {
    const endings: Event[] = [
      { type: 'verify-failed', failure: { code: 'verification-failed', status: 400 } },
      { type: 'ceremony-failed', failure: { code: 'cancelled' } },
      { type: 'registration-options-failed', failure: { code: 'server', status: 500 } },
      { type: 'upgrade-done' },
    ];
    for (const event of endings) {
      const { snapshot, effects } = step(upgrading, event);
      expect(snapshot.state, event.type).to.deep.equal({ kind: 'enrol', result, source: 'password', phase: 'offer' });
      expect(types(effects), event.type).to.deep.equal(['abort-ceremony', 'abort-request', 'clear-timers', 'fetch-enrol-options']);
    }
  });
});

describe('fallbacks: the passkey offer', () => {
  type EnrolState = Extract<State, { kind: 'enrol' }>;
  const enrol = (patch: Partial<EnrolState> = {}, contextPatch: Partial<Context> = {}) =>
    at({ kind: 'enrol', result, source: 'email-code', phase: 'offer', ...patch }, { auth: undefined, autofill: 'off', ...contextPatch });

  it('keeps options that arrive while the offer shows', () => {
    const offer = enrol();
    const { snapshot, effects } = step(offer, { type: 'registration-options-loaded', options: creationOptions });
    expect(snapshot.state).to.deep.equal(offer.state);
    expect(snapshot.context.creation).to.deep.equal(creationOptions);
    expect(effects).to.deep.equal([]);
  });

  it('"Create a passkey" with options at hand calls create() in the same step as the click', () => {
    const { snapshot, effects } = step(enrol({}, { creation: creationOptions }), { type: 'enrol' });
    expect(plain(snapshot.state)).to.deep.equal({ kind: 'enrol', result, source: 'email-code', phase: 'creating' });
    expect(effects).to.deep.equal([{ type: 'start-create', options: creationOptions }]);
  });

  it('"Create a passkey" before the options: fetches them, then creates on arrival', () => {
    let { snapshot, effects } = step(enrol(), { type: 'enrol' });
    expect(snapshot.state).to.deep.include({ phase: 'preparing' });
    expect(effects).to.deep.equal([{ type: 'fetch-enrol-options' }]);
    ({ snapshot, effects } = step(snapshot, { type: 'registration-options-loaded', options: creationOptions }));
    expect(snapshot.state).to.deep.include({ phase: 'creating' });
    expect(snapshot.context.creation).to.deep.equal(creationOptions);
    expect(effects).to.deep.equal([{ type: 'start-create', options: creationOptions }]);
  });

  it('a second click while preparing or creating does nothing', () => {
    for (const phase of ['preparing', 'creating', 'saving'] as const) {
      const busy = enrol({ phase }, { creation: creationOptions });
      const { snapshot, effects } = step(busy, { type: 'enrol' });
      expect(snapshot, phase).to.deep.equal(busy);
      expect(effects, phase).to.deep.equal([]);
    }
  });

  it('a cancelled create goes back to the offer with the failure, and fetches fresh options', () => {
    const failure: Failure = { code: 'cancelled' };
    const { snapshot, effects } = step(enrol({ phase: 'creating' }, { creation: creationOptions }), { type: 'ceremony-failed', failure });
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'email-code', phase: 'offer', failure });
    expect(snapshot.context.creation).to.equal(undefined);
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'enrol' }, { type: 'fetch-enrol-options' }]);
  });

  it('options that could not be fetched after the click: back to the offer, trying again', () => {
    const failure: Failure = { code: 'network' };
    const { snapshot, effects } = step(enrol({ phase: 'preparing' }), { type: 'registration-options-failed', failure });
    expect(snapshot.state).to.deep.include({ phase: 'offer', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'enrol' }, { type: 'fetch-enrol-options' }]);
  });

  it('our own Cancel during create aborts it and goes back to the offer', () => {
    const { snapshot, effects } = step(enrol({ phase: 'creating' }, { creation: creationOptions }), { type: 'cancel' });
    expect(snapshot.state).to.deep.include({ phase: 'offer' });
    expect(snapshot.context.creation).to.equal(undefined);
    expect(effects).to.deep.equal([{ type: 'abort-ceremony' }, { type: 'fetch-enrol-options' }]);
  });

  it('already registered on this device: signed in, nothing left to offer', () => {
    const { snapshot, effects } = step(enrol({ phase: 'creating' }, { creation: creationOptions }), {
      type: 'ceremony-failed',
      failure: { code: 'already-registered' },
    });
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'email-code' });
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'emit-success', result, source: 'email-code' }]);
  });

  it('"Not now" snoozes the offer and finishes the sign-in', () => {
    const { snapshot, effects } = step(enrol({}, { creation: creationOptions }), { type: 'dismiss' });
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'email-code' });
    expect(snapshot.context.creation).to.equal(undefined);
    expect(effects).to.deep.equal([
      { type: 'abort-ceremony' },
      { type: 'abort-request' },
      { type: 'snooze-offer' },
      { type: 'clear-timers' },
      { type: 'emit-success', result, source: 'email-code' },
    ]);
  });

  it('a created passkey is verified, then the sign-in finishes with its original source', () => {
    let { snapshot, effects } = step(enrol({ source: 'sms-code', phase: 'creating' }, { creation: creationOptions }), {
      type: 'created',
      response: regResponse,
    });
    expect(snapshot.state).to.deep.include({ phase: 'saving' });
    // Verified by the steps chunk, which keeps where the passkey was saved.
    expect(effects).to.deep.equal([{ type: 'verify-enrolment', response: regResponse }]);
    const saved = { provider: 'Google Password Manager', synced: true };
    ({ snapshot, effects } = step(snapshot, { type: 'verified', result, saved }));
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'sms-code', saved });
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'emit-success', result, source: 'sms-code' }]);
  });

  it('a refused passkey goes back to the offer', () => {
    const failure: Failure = { code: 'verification-failed', status: 400 };
    const { snapshot, effects } = step(enrol({ phase: 'saving' }), { type: 'verify-failed', failure });
    expect(snapshot.state).to.deep.include({ phase: 'offer', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'enrol' }, { type: 'fetch-enrol-options' }]);
  });
});

describe('fallbacks: recovery', () => {
  const recovered = at({ kind: 'recovered', result }, { autofill: 'off', creation: creationOptions });

  it('"Create a passkey" with the options fetched ahead starts create() from the click itself', () => {
    const { snapshot, effects } = step(recovered, { type: 'enrol' });
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'recovery', phase: 'creating' });
    expect(effects).to.deep.equal([{ type: 'start-create', options: creationOptions }]);
    const created = walk(snapshot, [
      { type: 'created', response: regResponse },
      { type: 'verified', result },
    ]);
    expect(created.snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'recovery' });
    expect(types(created.effects)).to.deep.equal(['verify-enrolment', 'clear-timers', 'emit-success']);
  });

  it('"Create a passkey" before the options arrived prepares, then creates when they do', () => {
    const early = at({ kind: 'recovered', result }, { autofill: 'off', creation: undefined });
    const { snapshot, effects } = step(early, { type: 'enrol' });
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'recovery', phase: 'preparing' });
    expect(effects).to.deep.equal([{ type: 'fetch-enrol-options' }]);
    const arrived = step(snapshot, { type: 'registration-options-loaded', options: creationOptions });
    expect(types(arrived.effects)).to.deep.equal(['start-create']);
  });

  it('options arriving while the choice is on screen are kept for the click', () => {
    const early = at({ kind: 'recovered', result }, { autofill: 'off', creation: undefined });
    const { snapshot } = step(early, { type: 'registration-options-loaded', options: creationOptions });
    expect(snapshot.context.creation).to.deep.equal(creationOptions);
    expect(snapshot.state.kind).to.equal('recovered');
  });

  it('"Set a new password": saved, signed in, and password remembered', () => {
    let { snapshot, effects } = step(recovered, { type: 'set-password' });
    expect(snapshot.state).to.deep.equal({ kind: 'new-password', result, phase: 'entering' });
    expect(effects).to.deep.equal([]);

    const empty = step(snapshot, { type: 'password-submit', password: '' });
    expect(empty.snapshot.state).to.deep.include({ phase: 'entering', fieldError: 'password-required' });
    expect(empty.effects).to.deep.equal([]);

    ({ snapshot, effects } = step(snapshot, { type: 'password-submit', password: PASSWORD }));
    expect(plain(snapshot.state)).to.deep.equal({ kind: 'new-password', result, phase: 'saving' });
    expect(effects).to.deep.equal([{ type: 'set-password', password: PASSWORD }]);
    expect(JSON.stringify(snapshot)).not.to.include(PASSWORD);

    ({ snapshot, effects } = step(snapshot, { type: 'password-saved' }));
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'recovery' });
    expect(effects).to.deep.equal([
      { type: 'clear-timers' },
      { type: 'emit-success', result, source: 'recovery' },
      { type: 'remember-method', method: 'password' },
    ]);
  });

  it('a new password the backend refuses: entering again, with the failure', () => {
    const saving = at({ kind: 'new-password', result, phase: 'saving' }, { autofill: 'off' });
    const failure: Failure = { code: 'invalid-password', status: 400 };
    const { snapshot, effects } = step(saving, { type: 'password-failed', failure });
    expect(snapshot.state).to.deep.equal({ kind: 'new-password', result, phase: 'entering', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'recovery' }]);
  });

  it('the whole way: password, forgot, code, new password, signed in once', () => {
    const { snapshot, effects } = walk(at({ kind: 'password', phase: 'entering' }, { autofill: 'off' }), [
      { type: 'forgot-password' },
      { type: 'code-sent', sent: emailSent },
      { type: 'code-submit', code: CODE },
      { type: 'code-verified', result, recovery: true },
      { type: 'set-password' },
      { type: 'password-submit', password: PASSWORD },
      { type: 'password-saved' },
    ]);
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'recovery' });
    expect(effects.filter((effect) => effect.type === 'emit-success')).to.have.length(1);
    expect(JSON.stringify(snapshot)).not.to.include(CODE);
    expect(JSON.stringify(snapshot)).not.to.include(PASSWORD);
  });
});

describe('fallbacks: the site owner’s routes', () => {
  const ceremony = (routes: Fallbacks['routes'], patch: Partial<Context> = {}, which: 'passkey' | 'hybrid' = 'passkey'): Snapshot =>
    at(
      { kind: 'ceremony', ceremony: which, attempt: 1, options: requestOptions },
      // Fresh options arrived during the ceremony: a failure re-arms autofill with them.
      { auth: { id: 2, options: requestOptions }, nextOptionsId: 3, autofill: 'off', fallbacks: fallbacks({ routes }), ...patch },
    );
  const cancelled: Event = { type: 'ceremony-failed', failure: { code: 'cancelled' } };

  it('a cancelled modal ceremony goes straight to an email code, the failure still emitted', () => {
    const { snapshot, effects } = step(ceremony({ cancelled: 'email-code' }, { identifier: ' ada ' }), cancelled);
    expect(snapshot.state).to.deep.equal({ kind: 'code', channel: 'email', purpose: 'sign-in', phase: 'sending', canResend: false, expired: false });
    expect(effects).to.deep.equal([
      { type: 'emit-failure', failure: { code: 'cancelled' }, source: 'passkey' },
      { type: 'clear-timers' },
      { type: 'send-code', identifier: 'ada', channel: 'email', purpose: 'sign-in' },
    ]);
    expect(snapshot.context.autofill).to.equal('off');
  });

  it('a failed sign-up is not routed: a sign-in code is no way to create an account', () => {
    const creating = at(
      { kind: 'ceremony', ceremony: 'create', attempt: 1, options: creationOptions },
      { autofill: 'off', creation: creationOptions, fallbacks: fallbacks({ routes: { cancelled: 'email-code' } }) },
    );
    const { snapshot, effects } = step(creating, cancelled);
    expect(snapshot.state).to.deep.include({ kind: 'failed', source: 'create' });
    expect(types(effects)).not.to.include('send-code');
  });

  it('without options at hand, nothing is fetched for autofill on the way: the form asks when it comes back', () => {
    const { snapshot, effects } = step(ceremony({ cancelled: 'email-code' }, { auth: undefined }), cancelled);
    expect(snapshot.state).to.deep.include({ kind: 'code', phase: 'sending' });
    expect(types(effects)).to.deep.equal(['emit-failure', 'clear-timers', 'send-code']);
    expect(snapshot.context.autofill).to.equal('off');
  });

  it('other failures are routed too, e.g. to the password step', () => {
    const { snapshot, effects } = step(ceremony({ 'not-supported': 'password' }), { type: 'ceremony-failed', failure: { code: 'not-supported' } });
    expect(snapshot.state).to.deep.equal({ kind: 'password', phase: 'entering' });
    expect(types(effects)).to.deep.equal(['emit-failure', 'fetch-methods']);
  });

  it('without an identifier: the failure shows as usual', () => {
    const { snapshot, effects } = step(ceremony({ cancelled: 'email-code' }, { identifier: '  ' }), cancelled);
    expect(snapshot.state).to.deep.equal({ kind: 'failed', failure: { code: 'cancelled' }, source: 'passkey', actions: ['retry', 'hybrid'] });
    expect(effects).to.deep.equal([
      { type: 'emit-failure', failure: { code: 'cancelled' }, source: 'passkey' },
      { type: 'arm-autofill', optionsId: 2, options: requestOptions },
    ]);
    expect(snapshot.context.autofill).to.equal('armed');
  });

  it('a failure that is not routed shows, and asks which methods the identifier has', () => {
    const { snapshot, effects } = step(ceremony({ 'not-supported': 'email-code' }), cancelled);
    // The step shows who it is for instead of the identifier field, so autofill rests.
    expect(snapshot.state).to.deep.include({ kind: 'failed', identified: true });
    expect(types(effects)).to.deep.equal(['emit-failure', 'fetch-methods']);
    expect(effects[1]).to.deep.equal({ type: 'fetch-methods', identifier: 'ada' });
    expect(snapshot.context.fallbacks?.asking).to.equal('ada');
  });

  it('a route to the ceremony that failed, or to passkey, is ignored', () => {
    const loops: [Fallbacks['routes'], 'passkey' | 'hybrid'][] = [
      [{ cancelled: 'hybrid' }, 'hybrid'],
      [{ cancelled: 'passkey' }, 'passkey'],
      [{ cancelled: 'passkey' }, 'hybrid'],
    ];
    for (const [routes, which] of loops) {
      const { snapshot, effects } = step(ceremony(routes, {}, which), cancelled);
      expect(snapshot.state, `${which} → ${routes.cancelled}`).to.deep.include({ kind: 'failed', source: which });
      expect(types(effects)).not.to.include('start-get');
    }
  });

  it('a passkey failure may route to a phone or tablet', () => {
    const { snapshot, effects } = step(ceremony({ cancelled: 'hybrid' }), cancelled);
    expect(snapshot.state).to.deep.include({ kind: 'ceremony', ceremony: 'hybrid' });
    expect(types(effects)).to.deep.equal(['emit-failure', 'start-get']);
  });

  it('a route to a method not on offer is ignored', () => {
    const cases: Record<string, Partial<Fallbacks>> = {
      'not in methods': { methods: ['passkey', 'hybrid', 'password'] },
      'narrowed away for this identifier': { narrowed: ['password'], narrowedFor: 'ada' },
    };
    for (const [name, patch] of Object.entries(cases)) {
      const { snapshot, effects } = step(ceremony({}, { fallbacks: fallbacks({ routes: { cancelled: 'email-code' }, ...patch }) }), cancelled);
      expect(snapshot.state.kind, name).to.equal('failed');
      expect(types(effects), name).not.to.include('send-code');
    }
  });

  it('a route to hybrid where the browser has no hybrid transport is ignored', () => {
    const { snapshot } = step(ceremony({ cancelled: 'hybrid' }, { capabilities: { ...caps, hybridTransport: 'unsupported' } }), cancelled);
    expect(snapshot.state).to.deep.include({ kind: 'failed', source: 'passkey' });
  });
});

describe('fallbacks: what is on offer', () => {
  it('the site owner’s order, the last used first', () => {
    expect(offered(context())).to.deep.equal(ALL_METHODS);
    const last = context({ fallbacks: fallbacks({ lastUsed: 'password' }) });
    expect(offered(last)).to.deep.equal(['password', 'passkey', 'hybrid', 'email-code', 'sms-code']);
    expect(otherMethods(last)).to.deep.equal(['password', 'email-code', 'sms-code']);
  });

  it('a last-used method no longer on offer changes nothing', () => {
    const gone = context({ fallbacks: fallbacks({ methods: ['passkey', 'email-code'], lastUsed: 'password' }) });
    expect(offered(gone)).to.deep.equal(['passkey', 'email-code']);
  });

  it('the backend’s narrowing applies only to the identifier it was fetched for', () => {
    const narrowed = fallbacks({ narrowed: ['passkey', 'password'], narrowedFor: 'ada' });
    expect(offered(context({ fallbacks: narrowed }))).to.deep.equal(['passkey', 'hybrid', 'password']);
    expect(offered(context({ identifier: ' ada ', fallbacks: narrowed }))).to.deep.equal(['passkey', 'hybrid', 'password']);
    expect(offered(context({ identifier: 'grace', fallbacks: narrowed }))).to.deep.equal(ALL_METHODS);
  });

  it('an account the backend says has no passkey is offered none, on this device or a phone', () => {
    const narrowed = fallbacks({ narrowed: ['email-code', 'password'], narrowedFor: 'ada' });
    expect(offered(context({ fallbacks: narrowed }))).to.deep.equal(['email-code', 'password']);
  });

  it('passkey and hybrid go when this browser cannot use them', () => {
    const fallbacksOnly: Method[] = ['email-code', 'sms-code', 'password'];
    expect(offered(context({ capabilities: { ...caps, webauthn: false } }))).to.deep.equal(fallbacksOnly);
    expect(offered(context({ passkeysDisabled: true }))).to.deep.equal(fallbacksOnly);
    expect(offered(context({ capabilities: { ...caps, hybridTransport: 'unsupported' } }))).to.deep.equal(['passkey', ...fallbacksOnly]);
    expect(offered(context({ hidden: ['passkey'] }))).to.deep.equal(['hybrid', ...fallbacksOnly]);
    // Even as the last used, a method the browser cannot use stays off.
    expect(offered(context({ passkeysDisabled: true, fallbacks: fallbacks({ lastUsed: 'passkey' }) }))).to.deep.equal(fallbacksOnly);
  });

  it('nothing before the fallbacks are configured', () => {
    expect(offered(context({ fallbacks: undefined }))).to.deep.equal([]);
  });

  it('methods-loaded narrows what the current identifier is offered, changing nothing else', () => {
    const ready = at({ kind: 'ready' });
    const { snapshot, effects } = step(ready, { type: 'methods-loaded', identifier: 'ada', methods: ['passkey', 'sms-code'] });
    expect(snapshot.state).to.deep.equal(ready.state);
    expect(effects).to.deep.equal([]);
    expect(offered(snapshot.context)).to.deep.equal(['passkey', 'hybrid', 'sms-code']);
    // Typing another identifier leaves the answer behind.
    const typed = step(snapshot, { type: 'input', identifier: 'grace' });
    expect(offered(typed.snapshot.context)).to.deep.equal(ALL_METHODS);
  });

  it('a late answer for another identifier does not undo the current identifier’s narrowing', () => {
    const narrowed = at({ kind: 'choosing' }, { fallbacks: fallbacks({ narrowed: ['passkey', 'sms-code'], narrowedFor: 'ada' }) });
    const { snapshot, effects } = step(narrowed, { type: 'methods-loaded', identifier: 'grace', methods: ['password'] });
    expect(offered(snapshot.context)).to.deep.equal(['passkey', 'hybrid', 'sms-code']);
    expect(effects).to.deep.equal([]);
  });

  it('methods-loaded before the fallbacks are configured is ignored', () => {
    const bare = at({ kind: 'ready' }, { fallbacks: undefined });
    const { snapshot } = step(bare, { type: 'methods-loaded', identifier: 'ada', methods: ['password'] });
    expect(snapshot).to.deep.equal(bare);
  });
});

describe('fallbacks: secrets and purity', () => {
  it('no state or context holds a code or a password, at any step that saw one', () => {
    const steps: [Snapshot, Event][] = [
      [at(code(), { autofill: 'off' }), { type: 'code-submit', code: CODE }],
      [at(code({ channel: 'sms', sent: smsSent }), { autofill: 'off' }), { type: 'code-submit', code: ` ${CODE} ` }],
      [at({ kind: 'password', phase: 'entering' }, { autofill: 'off' }), { type: 'password-submit', password: PASSWORD }],
      [at({ kind: 'new-password', result, phase: 'entering' }, { autofill: 'off' }), { type: 'password-submit', password: PASSWORD }],
    ];
    for (const [snapshot, event] of steps) {
      const secret = event.type === 'code-submit' ? CODE : PASSWORD;
      const next = step(snapshot, event);
      expect(JSON.stringify(next.snapshot), `${snapshot.state.kind} + ${event.type}`).not.to.include(secret);
      // …while the effect that needs it carries it.
      expect(JSON.stringify(next.effects)).to.include(secret);
    }
  });

  it('a full email-code sign-in leaves no snapshot mutated and no secret behind', () => {
    const start = at({ kind: 'ready' }, { identifier: ' ada ' });
    const { snapshot, effects } = walk(start, [
      { type: 'use-method', method: 'email-code' },
      { type: 'code-sent', sent: emailSent },
      { type: 'code-submit', code: '111111' },
      { type: 'code-failed', failure: { code: 'code-invalid', status: 400, triesLeft: 4 } },
      { type: 'code-submit', code: CODE },
      { type: 'code-verified', result, recovery: false },
      { type: 'registration-options-loaded', options: creationOptions },
      { type: 'enrol' },
      { type: 'created', response: regResponse },
      { type: 'verified', result },
    ]);
    expect(snapshot.state).to.deep.equal({ kind: 'signed-in', result, source: 'email-code' });
    expect(effects.filter((effect) => effect.type === 'emit-success')).to.have.length(1);
    expect(JSON.stringify(snapshot)).not.to.include(CODE);
    // Only the verify effects carry the codes; no failure or success event does.
    const carrying = effects.filter((effect) => JSON.stringify(effect).includes(CODE) || JSON.stringify(effect).includes('111111'));
    expect(types(carrying)).to.deep.equal(['verify-code', 'verify-code']);
  });
});

describe('fallbacks: immediate mode on the passkey button', () => {
  const immediateCaps = { ...caps, immediateGet: 'supported' as const };

  it('is tried first where the browser has it, for the passkey button only', () => {
    const ready = at({ kind: 'ready' }, { capabilities: immediateCaps });
    const passkey = step(ready, { type: 'sign-in', ceremony: 'passkey' });
    expect(passkey.snapshot.state).to.deep.include({ kind: 'ceremony', ceremony: 'passkey' });
    expect(passkey.effects.find((effect) => effect.type === 'start-get')).to.deep.include({ immediate: true });
    const hybrid = step(ready, { type: 'sign-in', ceremony: 'hybrid' });
    expect(hybrid.effects.find((effect) => effect.type === 'start-get')).not.to.have.property('immediate');
  });

  it('no passkey on this device: no error, straight to the ways in, and the next click opens the sheet', () => {
    const ready = at({ kind: 'ready' }, { capabilities: immediateCaps });
    const { snapshot: ceremony } = step(ready, { type: 'sign-in', ceremony: 'passkey' });
    const { snapshot, effects } = step(ceremony, { type: 'ceremony-failed', failure: { code: 'no-passkey-here' } });
    expect(snapshot.state).to.deep.equal({ kind: 'choosing', noPasskeyHere: true });
    expect(snapshot.context.immediateTried).to.equal(true);
    expect(types(effects)).not.to.include('emit-failure');
    const again = step(at({ kind: 'ready' }, { capabilities: immediateCaps, immediateTried: true }), { type: 'sign-in', ceremony: 'passkey' });
    expect(again.effects.find((effect) => effect.type === 'start-get')).not.to.have.property('immediate');
  });

  it('a cancel is the usual failure, immediate mode or not (a click from script gets the sheet)', () => {
    const { snapshot } = step(at({ kind: 'ceremony', ceremony: 'passkey', attempt: 1, options: requestOptions }, { autofill: 'off' }), {
      type: 'ceremony-failed',
      failure: { code: 'cancelled' },
    });
    expect(snapshot.state.kind).to.equal('failed');
  });
});

import { expect } from '@open-wc/testing';
import { withFallbacks } from '../../src/steps/fallbacks/machine.js';
import type { Effect, Event, Failure, FailureCode, Snapshot, State, Transition } from '../../src/machine/types.js';
import { ALL_METHODS, at, creationOptions, emailSent, fallbacks, requestOptions, result, walker } from '../support/machine-fixtures.js';

// "Need help?" and redeeming a recovery code from support: where help may open, what it leaves
// running behind it, the way back, and what the redeem step sends.

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

/** Every step also checks purity: the snapshot handed in is the same, deep down, afterwards. */
function step(snapshot: Snapshot, event: Event): Transition {
  const before = structuredClone(snapshot);
  const next = withFallbacks(snapshot, event);
  expect(snapshot, `${event.type} mutated its input`).to.deep.equal(before);
  return next;
}

const walk = walker(step);

const types = (effects: Effect[]) => effects.map((effect) => effect.type);

/** Drops keys set to `undefined`, so that `{ ...state, failure: undefined }` equals a state without one. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const failed: State = { kind: 'failed', failure: { code: 'cancelled' }, source: 'passkey', actions: ['retry', 'hybrid'] };
const redeeming: State = { kind: 'redeem', phase: 'entering' };

describe('help: where it opens', () => {
  const opens: Array<[string, State]> = [
    ['ready', { kind: 'ready' }],
    ['failed', failed],
    ['choosing', { kind: 'choosing' }],
    ['returning', { kind: 'returning', reason: 'identifier-taken' }],
    ['redeem (entering)', redeeming],
    ['code (entering)', code()],
    ['code (entering, with a failure)', code({ failure: { code: 'code-invalid', status: 400, triesLeft: 3 } })],
    ['password (entering)', { kind: 'password', phase: 'entering' }],
  ];
  for (const [name, state] of opens) {
    it(`opens from ${name}, remembering the exact step`, () => {
      const { snapshot } = step(at(state, { autofill: 'off' }), { type: 'help' });
      expect(snapshot.state).to.deep.equal({ kind: 'help', back: state });
    });
  }

  const stays: Array<[string, State]> = [
    ['checking', { kind: 'checking' }],
    ['preparing', { kind: 'preparing', ceremony: 'passkey' }],
    ['ceremony', { kind: 'ceremony', ceremony: 'passkey', attempt: 1, options: requestOptions }],
    ['verifying', { kind: 'verifying', source: 'passkey' }],
    ['registering', { kind: 'registering' }],
    ['confirm-create', { kind: 'confirm-create', options: creationOptions }],
    ['signed-in', { kind: 'signed-in', result, source: 'passkey' }],
    ['signing-out', { kind: 'signing-out', result }],
    ['code (sending)', code({ phase: 'sending', sent: undefined })],
    ['code (verifying)', code({ phase: 'verifying' })],
    ['password (verifying)', { kind: 'password', phase: 'verifying' }],
    ['recovered', { kind: 'recovered', result }],
    ['new-password', { kind: 'new-password', result, phase: 'entering' }],
    ['enrol', { kind: 'enrol', result, source: 'email-code', phase: 'offer' }],
    ['upgrading', { kind: 'upgrading', result }],
  ];
  for (const [name, state] of stays) {
    it(`does not open from ${name}`, () => {
      const before = at(state, { autofill: 'off' });
      const { snapshot, effects } = step(before, { type: 'help' });
      expect(snapshot).to.deep.equal(before);
      expect(effects).to.deep.equal([]);
    });
  }

  it('does not open help on top of help', () => {
    const before = at({ kind: 'help', back: { kind: 'choosing' } }, { autofill: 'off' });
    const { snapshot, effects } = step(before, { type: 'help' });
    expect(snapshot.state).to.deep.equal(before.state);
    expect(effects).to.deep.equal([]);
  });
});

describe('help: autofill', () => {
  for (const [name, state] of [
    ['ready', { kind: 'ready' }],
    ['failed', failed],
  ] as const) {
    it(`from ${name}, an armed autofill is stopped: its field is no longer on screen`, () => {
      const { snapshot, effects } = step(at(state, { autofill: 'armed' }), { type: 'help' });
      expect(effects).to.deep.equal([{ type: 'abort-ceremony' }]);
      expect(snapshot.context.autofill).to.equal('off');
      // The options are kept for the way back.
      expect(snapshot.context.auth).to.deep.equal({ id: 1, options: requestOptions });
    });

    it(`from ${name}, a paused autofill has nothing to abort`, () => {
      const { snapshot, effects } = step(at(state, { autofill: 'paused' }), { type: 'help' });
      expect(effects).to.deep.equal([]);
      expect(snapshot.context.autofill).to.equal('off');
    });
  }

  it('from a fallback step nothing is aborted and the context is untouched', () => {
    const before = at(code(), { autofill: 'off' });
    const { snapshot, effects } = step(before, { type: 'help' });
    expect(effects).to.deep.equal([]);
    expect(snapshot.context).to.deep.equal(before.context);
  });
});

describe('help: back', () => {
  // As on screen: the failure or "Welcome back" asked the backend about this identifier already.
  const narrowed = { fallbacks: fallbacks({ narrowed: [...ALL_METHODS], narrowedFor: 'ada' }) };

  for (const [name, state] of [
    ['ready', { kind: 'ready' }],
    ['failed', failed],
  ] as const) {
    it(`back to ${name}: the same step, and the form re-arms autofill with the options it kept`, () => {
      const opened = step(at(state, { autofill: 'armed', ...narrowed }), { type: 'help' });
      const { snapshot, effects } = step(opened.snapshot, { type: 'back' });
      expect(snapshot.state).to.deep.equal(state);
      expect(effects).to.deep.equal([{ type: 'arm-autofill', optionsId: 1, options: requestOptions }]);
      expect(snapshot.context.autofill).to.equal('armed');
    });
  }

  it('back to the form without options at hand fetches fresh ones', () => {
    const { snapshot, effects } = step(at({ kind: 'help', back: { kind: 'ready' } }, { auth: undefined, autofill: 'off' }), { type: 'back' });
    expect(snapshot.state).to.deep.equal({ kind: 'ready' });
    expect(effects).to.deep.equal([{ type: 'fetch-auth-options' }]);
    expect(snapshot.context).to.deep.include({ autofill: 'waiting', fetchingAuth: true });
  });

  const steps: Array<[string, State]> = [
    ['choosing with a field error', { kind: 'choosing', fieldError: 'identifier-required' }],
    ['returning', { kind: 'returning', reason: 'already-registered' }],
    ['code with its failure', code({ failure: { code: 'code-invalid', status: 400, triesLeft: 2 }, canResend: true })],
    ['password with its failure', { kind: 'password', phase: 'entering', failure: { code: 'invalid-credentials', status: 400 } }],
    ['redeem with its failure', { kind: 'redeem', phase: 'entering', failure: { code: 'recovery-code-invalid', status: 400 } }],
  ];
  for (const [name, state] of steps) {
    it(`back to ${name}: exactly that step, nothing started`, () => {
      const before = at({ kind: 'help', back: state }, { autofill: 'off', ...narrowed });
      const { snapshot, effects } = step(before, { type: 'back' });
      expect(snapshot.state).to.deep.equal(state);
      expect(snapshot.context).to.deep.equal(before.context);
      expect(effects).to.deep.equal([]);
    });
  }
});

describe('help: the code step behind keeps its clocks', () => {
  const behind = (patch: Partial<CodeState> = {}) => at({ kind: 'help', back: code(patch) }, { autofill: 'off' });

  it('resend-ready lands on the step behind: back finds "Send a new code" enabled', () => {
    const { snapshot, effects } = step(behind(), { type: 'resend-ready' });
    expect(snapshot.state).to.deep.equal({ kind: 'help', back: code({ canResend: true }) });
    expect(effects).to.deep.equal([]);
    expect(step(snapshot, { type: 'back' }).snapshot.state).to.deep.equal(code({ canResend: true }));
  });

  it('code-timed-out lands on the step behind: back finds the code expired', () => {
    const { snapshot, effects } = step(behind(), { type: 'code-timed-out' });
    expect(snapshot.state).to.deep.equal({ kind: 'help', back: code({ expired: true }) });
    expect(effects).to.deep.equal([]);
    expect(step(snapshot, { type: 'back' }).snapshot.state).to.deep.equal(code({ expired: true }));
  });

  it('an account lock lifting lands too', () => {
    const locked = { code: 'account-locked', status: 429, retryAfter: 60 } as const;
    const { snapshot } = step(behind({ failure: locked }), { type: 'resend-ready' });
    expect(snapshot.state).to.deep.equal({ kind: 'help', back: code({ failure: locked, canResend: true }) });
  });

  it('help itself starts and stops no timer', () => {
    const opened = step(at(code(), { autofill: 'off' }), { type: 'help' });
    expect(types(opened.effects)).not.to.include.members(['clear-timers', 'timer']);
    const back = step(opened.snapshot, { type: 'back' });
    expect(back.effects).to.deep.equal([]);
  });
});

describe('help: "I have a recovery code from support"', () => {
  it('redeem-start clears the timers and the request of the step behind', () => {
    const { snapshot, effects } = step(at({ kind: 'help', back: code() }, { autofill: 'off' }), { type: 'redeem-start' });
    expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'entering' });
    expect(effects).to.deep.equal([{ type: 'clear-timers' }, { type: 'abort-request' }]);
  });

  it('redeem-start from help over the form keeps the identifier typed', () => {
    const { snapshot } = step(at({ kind: 'help', back: failed }, { identifier: 'ada@example.com', autofill: 'off' }), { type: 'redeem-start' });
    expect(snapshot.state.kind).to.equal('redeem');
    expect(snapshot.context.identifier).to.equal('ada@example.com');
  });

  it('redeem-start is only for help: elsewhere it does nothing', () => {
    for (const state of [{ kind: 'ready' }, code(), redeeming] as State[]) {
      const before = at(state, { autofill: 'off' });
      const { snapshot, effects } = step(before, { type: 'redeem-start' });
      expect(snapshot.state, state.kind).to.deep.equal(state);
      expect(effects, state.kind).to.deep.equal([]);
    }
  });
});

describe('redeem: submitting a recovery code', () => {
  const entering = (identifier = 'ada') => at(redeeming, { identifier, autofill: 'off' });

  it('sends the trimmed identifier and the code without grouping dashes and spaces', () => {
    const { snapshot, effects } = step(entering('  ada@example.com  '), { type: 'redeem-submit', code: ' 7KQ4-M2XP 9F ' });
    expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'verifying' });
    expect(effects).to.deep.equal([{ type: 'redeem', identifier: 'ada@example.com', code: '7KQ4M2XP9F' }]);
    expect(snapshot.context.identifier).to.equal('ada@example.com');
    // The code rides on the effect only.
    expect(JSON.stringify(snapshot)).not.to.include('7KQ4');
  });

  it('without an identifier: a field error on the identifier, nothing sent', () => {
    const { snapshot, effects } = step(entering('   '), { type: 'redeem-submit', code: '7KQ4-M2XP' });
    expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'entering', fieldError: 'identifier-required' });
    expect(effects).to.deep.equal([]);
  });

  for (const typed of ['', '  ', ' - - ']) {
    it(`without a code (${JSON.stringify(typed)}): a field error on the code, nothing sent`, () => {
      const { snapshot, effects } = step(entering(), { type: 'redeem-submit', code: typed });
      expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'entering', fieldError: 'code-required' });
      expect(effects).to.deep.equal([]);
    });
  }

  it('typing the identifier clears its field error and keeps what was typed', () => {
    const before = at({ kind: 'redeem', phase: 'entering', fieldError: 'identifier-required' }, { identifier: '', autofill: 'off' });
    const { snapshot, effects } = step(before, { type: 'input', identifier: 'ada' });
    expect(plain(snapshot.state)).to.deep.equal({ kind: 'redeem', phase: 'entering' });
    expect(snapshot.context.identifier).to.equal('ada');
    expect(effects).to.deep.equal([]);
  });

  it('a second submit while the first is checked sends nothing', () => {
    const verifying = at({ kind: 'redeem', phase: 'verifying' }, { autofill: 'off' });
    const { snapshot, effects } = step(verifying, { type: 'redeem-submit', code: '7KQ4-M2XP' });
    expect(snapshot).to.deep.equal(verifying);
    expect(effects).to.deep.equal([]);
  });

  it('accepted: recovered, with the passkey options fetched ahead and the autofill options forgotten', () => {
    const verifying = at({ kind: 'redeem', phase: 'verifying' }, { autofill: 'off', creation: creationOptions });
    const { snapshot, effects } = step(verifying, { type: 'code-verified', result, recovery: true });
    expect(snapshot.state).to.deep.equal({ kind: 'recovered', result, source: 'support' });
    expect(effects).to.deep.equal([{ type: 'fetch-enrol-options' }]);
    expect(snapshot.context).to.deep.include({ creation: undefined, auth: undefined, autofill: 'off' });
  });

  it('an acceptance while still entering (a stale answer) is ignored', () => {
    const before = entering();
    const { snapshot, effects } = step(before, { type: 'code-verified', result, recovery: true });
    expect(snapshot).to.deep.equal(before);
    expect(effects).to.deep.equal([]);
  });

  it('refused: entering again with the failure, reported with source "support"', () => {
    const failure: Failure = { code: 'recovery-code-invalid', status: 400 };
    const { snapshot, effects } = step(at({ kind: 'redeem', phase: 'verifying' }, { autofill: 'off' }), { type: 'code-failed', failure });
    expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'entering', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'support' }]);
  });

  it('rate-limited: the same, with the wait', () => {
    const failure: Failure = { code: 'rate-limited', status: 429, retryAfter: 60 };
    const { snapshot, effects } = step(at({ kind: 'redeem', phase: 'verifying' }, { autofill: 'off' }), { type: 'code-failed', failure });
    expect(snapshot.state).to.deep.equal({ kind: 'redeem', phase: 'entering', failure });
    expect(effects).to.deep.equal([{ type: 'emit-failure', failure, source: 'support' }]);
  });

  it('"Change" goes back to the form to edit the identifier, and re-arms autofill', () => {
    const { snapshot, effects } = step(entering(), { type: 'start-over' });
    expect(snapshot.state).to.deep.equal({ kind: 'ready', edit: true });
    expect(effects).to.deep.equal([
      { type: 'clear-timers' },
      { type: 'abort-request' },
      { type: 'arm-autofill', optionsId: 1, options: requestOptions },
    ]);
  });

  it('the whole way from a failure: help, redeem, refused once, accepted, a passkey created', () => {
    const { snapshot, effects } = walk(at(failed, { identifier: 'ada', autofill: 'armed' }), [
      { type: 'help' },
      { type: 'redeem-start' },
      { type: 'redeem-submit', code: 'WRONG-CODE' },
      { type: 'code-failed', failure: { code: 'recovery-code-invalid', status: 400 } },
      { type: 'redeem-submit', code: '7KQ4-M2XP' },
      { type: 'code-verified', result, recovery: true },
      { type: 'registration-options-loaded', options: creationOptions },
      { type: 'enrol' },
    ]);
    expect(snapshot.state).to.deep.equal({ kind: 'enrol', result, source: 'support', phase: 'creating' });
    expect(types(effects)).to.deep.equal([
      'abort-ceremony',
      'clear-timers',
      'abort-request',
      'redeem',
      'emit-failure',
      'redeem',
      'fetch-enrol-options',
      'start-create',
    ]);
    expect(JSON.stringify(snapshot)).not.to.include('7KQ4').and.not.to.include('WRONG');
    expect(snapshot.context.support).to.deep.equal({ seen: ['recovery-code-invalid'] });
  });
});

describe('help: what the flow remembers for support', () => {
  const failing = (failure: FailureCode, reference?: string): Event => ({
    type: 'password-failed',
    failure: { code: failure, status: 400, ...(reference ? { reference } : {}) },
  });
  const password = at({ kind: 'password', phase: 'entering' }, { autofill: 'off' });

  it('keeps the failure codes reported, in order, nothing else', () => {
    const { snapshot } = walk(password, [failing('invalid-credentials'), failing('rate-limited')]);
    expect(snapshot.context.support).to.deep.equal({ seen: ['invalid-credentials', 'rate-limited'] });
  });

  it('keeps only the last 10', () => {
    const codes: FailureCode[] = ['network', 'server', 'failed', 'forbidden', 'rate-limited', 'invalid-credentials', 'bad-response', 'unauthenticated', 'request-timeout', 'network', 'server', 'code-invalid'];
    const { snapshot } = walk(password, codes.map((failure) => failing(failure)));
    expect(snapshot.context.support?.seen).to.deep.equal(codes.slice(-10));
  });

  it('keeps the last backend reference, and keeps it through failures that have none', () => {
    let { snapshot } = walk(password, [failing('server', 'R-1'), failing('invalid-credentials')]);
    expect(snapshot.context.support).to.deep.equal({ seen: ['server', 'invalid-credentials'], reference: 'R-1' });
    ({ snapshot } = step(snapshot, failing('server', 'R-2')));
    expect(snapshot.context.support?.reference).to.equal('R-2');
  });

  it('counts failures from every step: a passkey ceremony, a code, a redeem', () => {
    const { snapshot } = walk(at({ kind: 'ceremony', ceremony: 'passkey', attempt: 1, options: requestOptions }, { autofill: 'off' }), [
      { type: 'ceremony-failed', failure: { code: 'cancelled' } },
      { type: 'help' },
      { type: 'redeem-start' },
      { type: 'redeem-submit', code: 'X' },
      { type: 'code-failed', failure: { code: 'recovery-code-invalid', status: 400, reference: 'SUP-9' } },
    ]);
    expect(snapshot.context.support).to.deep.equal({ seen: ['cancelled', 'recovery-code-invalid'], reference: 'SUP-9' });
  });

  it('a step without a reported failure leaves it alone', () => {
    const before = at({ kind: 'ready' }, { autofill: 'off', support: { seen: ['cancelled'], reference: 'R-1' } });
    const { snapshot } = walk(before, [{ type: 'help' }, { type: 'back' }, { type: 'input', identifier: 'ada' }]);
    expect(snapshot.context.support).to.equal(before.context.support);
  });
});

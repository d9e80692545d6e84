/**
 * "Need help?" and "I have a recovery code from support" in the element, against an msw backend
 * and the WebAuthn stand-in: where help is offered, the reference, the support link and the
 * summary it shows, the way back, and redeeming a recovery code. Also: a passkey failure that
 * arrives before the steps chunk (which reads and shows failures) has loaded.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { http, passthrough } from 'msw';
import type { FailureDetail, PasskeyLoginSuccessEvent } from '../../src/events.js';
import { fixtures, problem, type Reply } from '../mocks/backend.js';
import { elementTests, given, platform, ready as formReady, requests, sent } from '../support/element.js';
import { mount, type Harness } from '../support/harness.js';

const LAST_USED = 'passkey-login.last-method';
const ALL = 'passkey hybrid email-code sms-code password';
const IDENTIFIER = 'ada@example.com';
const PASSWORD = 'correct horse battery';
const WRONG_CODE = '654321';
/** Grouped as a support agent reads it out; the element sends it without the dash. */
const RECOVERY_CODE = '7KQ4-M2XP';
/** The element's own reference: the correlation id it sends with every request. */
const LOCAL_REFERENCE = /^[0-9A-F]{8}$/;

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const element = (extra: { contact?: string } = {}) =>
  extra.contact === undefined
    ? html`<passkey-login methods=${ALL}></passkey-login>`
    : html`<passkey-login methods=${ALL} support-contact=${extra.contact}></passkey-login>`;

/** The form with its fallbacks on screen (they come with the steps chunk). */
async function ready(template = element()): Promise<Harness> {
  const harness = await formReady(template);
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"]'), 'fallbacks on the form');
  return harness;
}

const query = <T extends Element = HTMLElement>(harness: Harness, selector: string): T | null => harness.root.querySelector<T>(selector);
const notice = (harness: Harness) => query(harness, '[part~="failure-notice"]');
const helpButton = (harness: Harness, within: string) => query<HTMLButtonElement>(harness, `${within} [part~="help-button"]`);
const summary = (harness: Harness) => query<HTMLTextAreaElement>(harness, '#support-summary')!.value;
const reference = (harness: Harness) => /Reference: (\S+)/.exec(query(harness, '[part~="reference"]')?.textContent ?? '')?.[1];

function press(harness: Harness, selector: string): void {
  const button = query<HTMLButtonElement>(harness, selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  button.focus();
  button.click();
}

/** Types into a step's input and submits its form, as a person pressing Enter would. */
function enter(harness: Harness, selector: string, value: string): void {
  const input = query<HTMLInputElement>(harness, selector)!;
  input.focus();
  input.value = value;
  input.form!.requestSubmit();
}

async function idle(harness: Harness, part: string): Promise<void> {
  await waitUntil(() => query(harness, `form[part~="${part}"][aria-busy="false"]`), `${part} idle: ${harness.text}`);
  await harness.element.updateComplete;
}

/** A problem+json answer that names the backend's own reference for support. */
function withReference(status: number, code: string, ref: string): Reply {
  const base = problem(status, code) as { status: number; body: Record<string, unknown>; headers: Record<string, string> };
  return { ...base, body: { ...base.body, reference: ref } };
}

async function choose(harness: Harness, identifier = IDENTIFIER): Promise<void> {
  if (identifier) harness.type(identifier);
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await harness.settled();
}

async function codeStep(harness: Harness): Promise<void> {
  await harness.state('code');
  await idle(harness, 'code');
}

/** The identifier typed, "Sign in with a passkey", and whatever the world makes of it: the failure notice. */
async function failPasskey(harness: Harness, identifier = IDENTIFIER): Promise<void> {
  if (identifier) harness.type(identifier);
  press(harness, '[part~="passkey-button"]');
  await harness.state('failed');
  await harness.settled();
}

/** "Need help?" inside `within`: the help step. */
async function openHelp(harness: Harness, within = ''): Promise<void> {
  press(harness, `${within} [part~="help-button"]`.trim());
  await harness.state('help');
  await harness.element.updateComplete;
}

/** "I have a recovery code from support" from the help step. */
async function openRedeem(harness: Harness): Promise<void> {
  press(harness, '[part~="have-code-button"]');
  await harness.state('redeem');
  await harness.element.updateComplete;
}

function failures(harness: Harness): FailureDetail[] {
  const list: FailureDetail[] = [];
  harness.element.addEventListener('passkey-login-failure', (event) => list.push(event.detail));
  return list;
}

// First in the file: the steps chunk loads once per page, and stays.
describe('help: a passkey failure before the steps chunk has loaded', () => {
  it('is held until the chunk is there, then shown with its ways forward', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await given({}, { get: { reject: 'NotAllowedError' } }, [
      http.get(/\/src\/steps\.(ts|js)(\?.*)?$/, async () => {
        held += 1;
        await gate;
        return passthrough();
      }),
    ]);
    const harness = await mount(element());
    const events = failures(harness);
    await harness.state('ready');
    expect(query(harness, '[part~="email-code-button"]'), 'no fallbacks before the chunk').to.equal(null);

    // Focus on the button is the first sign of intent: the chunk is asked for then.
    press(harness, '[part~="passkey-button"]');
    await waitUntil(() => held > 0, 'the steps chunk requested');
    // The WebAuthn library (this stand-in browser lacks the JSON methods) loads through the same
    // service worker that holds the chunk: give it time.
    await waitUntil(() => platform.calls.some((call) => call.kind === 'get'), 'the passkey sheet asked for', { timeout: 4000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The cancel came back at once; nothing can read it yet.
    expect(harness.element.state).to.equal('ceremony');
    expect(events).to.deep.equal([]);

    release();
    await harness.state('failed');
    await harness.settled();
    expect(notice(harness)?.dataset.code).to.equal('cancelled');
    expect(harness.text).to.include("Passkey sign-in didn't complete");
    expect(harness.buttonLabels()).to.include.members(['Try again', 'Email me a code', 'Text me a code', 'Use my password', 'Need help?']);
    expect(events).to.deep.equal([{ code: 'cancelled', source: 'passkey' }]);
  });
});

describe('help: "Need help?" is offered where the person is stuck', () => {
  it('in a failure notice', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await failPasskey(harness);
    expect(helpButton(harness, '[part~="failure"]')?.textContent?.trim()).to.equal('Need help?');
  });

  it('in the chooser', async () => {
    await given();
    const harness = await ready();
    await choose(harness);
    expect(helpButton(harness, '[part~="chooser"]')?.textContent?.trim()).to.equal('Need help?');
  });

  it('in the code step', async () => {
    await given();
    const harness = await ready();
    await choose(harness);
    press(harness, '[data-method="email-code"]');
    await codeStep(harness);
    expect(helpButton(harness, '[part~="code"]')?.textContent?.trim()).to.equal('Need help?');
  });

  it('in the password step', async () => {
    await given();
    const harness = await ready();
    await choose(harness);
    press(harness, '[data-method="password"]');
    await harness.state('password');
    await harness.element.updateComplete;
    expect(helpButton(harness, '[part~="password"]')?.textContent?.trim()).to.equal('Need help?');
  });
});

describe('help: the reference and the support link', () => {
  it('shows the backend’s reference when a problem carried one', async () => {
    await given({ passwordSignIn: withReference(400, 'invalid-credentials', 'R-1234') });
    const harness = await ready();
    await choose(harness);
    press(harness, '[data-method="password"]');
    await harness.state('password');
    enter(harness, '#password', PASSWORD);
    await waitUntil(() => notice(harness)?.dataset.code === 'invalid-credentials', `refused: ${harness.text}`);
    await idle(harness, 'password');
    await openHelp(harness, '[part~="password"]');
    expect(reference(harness)).to.equal('R-1234');
    expect(summary(harness)).to.include('reference: R-1234');
  });

  it('without one, the correlation id the element sends with every request, the same each time help opens', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await failPasskey(harness);
    await openHelp(harness, '[part~="failure"]');
    const first = reference(harness)!;
    expect(first).to.match(LOCAL_REFERENCE);
    expect(summary(harness)).to.include(`reference: ${first}`);
    // Every request carried it, so the backend's logs can be searched for it.
    expect(requests.length).to.be.greaterThan(0);
    for (const request of requests) expect(request.headers['x-correlation-id']).to.equal(first);
    press(harness, '[part~="back-button"]');
    await harness.state('failed');
    await harness.settled();
    await openHelp(harness, '[part~="failure"]');
    expect(reference(harness)).to.equal(first);
  });

  it('links to support-contact with {reference} filled in, URL-encoded', async () => {
    await given({ authenticationVerify: withReference(500, 'server', 'R-1234') }, { get: { resolve: true } });
    const contact = 'mailto:help@example.com?subject=Sign-in%20{reference}';
    const harness = await ready(element({ contact }));
    await failPasskey(harness);
    expect(notice(harness)?.dataset.code).to.equal('server');
    await openHelp(harness, '[part~="failure"]');
    const link = query<HTMLAnchorElement>(harness, 'a[part~="support-link"]')!;
    expect(link.textContent!.trim()).to.equal('Contact support');
    expect(link.getAttribute('href')).to.equal(`mailto:help@example.com?subject=Sign-in%20${encodeURIComponent('R-1234')}`);
    expect(link.target).to.equal('_blank');
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
  });

  it('a web address works as well, every {reference} filled in', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready(element({ contact: 'https://help.example.com/ask?ref={reference}&again={reference}' }));
    await failPasskey(harness);
    await openHelp(harness, '[part~="failure"]');
    const ref = encodeURIComponent(reference(harness)!);
    expect(query(harness, 'a[part~="support-link"]')!.getAttribute('href')).to.equal(`https://help.example.com/ask?ref=${ref}&again=${ref}`);
  });

  for (const contact of ['javascript:alert(1)', ' JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
    it(`refuses a contact that is not a web or mail link (${contact.trim().slice(0, 11)}…): no link at all`, async () => {
      await given({}, { get: { reject: 'NotAllowedError' } });
      const harness = await ready(element({ contact }));
      await failPasskey(harness);
      await openHelp(harness, '[part~="failure"]');
      expect(query(harness, '[part~="support-link"]')).to.equal(null);
      expect(harness.root.querySelector('a')).to.equal(null);
      expect(harness.text).not.to.include('Contact support');
      expect(reference(harness)).to.match(LOCAL_REFERENCE);
    });
  }
});

describe('help: the summary for support', () => {
  /** A wrong password, then a wrong emailed code, then "Need help?" on the code step. */
  async function afterTwoFailures(harness: Harness): Promise<void> {
    await choose(harness);
    press(harness, '[data-method="password"]');
    await harness.state('password');
    enter(harness, '#password', PASSWORD);
    await waitUntil(() => notice(harness)?.dataset.code === 'invalid-credentials', `password refused: ${harness.text}`);
    await idle(harness, 'password');
    press(harness, '[part~="password"] [part~="other-ways-button"]');
    await harness.state('choosing');
    await harness.settled();
    press(harness, '[data-method="email-code"]');
    await codeStep(harness);
    enter(harness, '#code', WRONG_CODE);
    await waitUntil(() => notice(harness)?.dataset.code === 'code-invalid', `code refused: ${harness.text}`);
    await idle(harness, 'code');
    await openHelp(harness, '[part~="code"]');
  }

  it('holds the time, the failures, the capabilities and the last method, and nothing typed', async () => {
    localStorage.setItem(LAST_USED, 'password');
    await given({ passwordSignIn: problem(400, 'invalid-credentials'), codeVerify: problem(400, 'code-invalid', { triesLeft: 4 }) });
    const harness = await ready();
    const started = Date.now();
    await afterTwoFailures(harness);
    const text = summary(harness);
    const time = Date.parse(/^time: (\S+)$/m.exec(text)![1]!);
    expect(time).to.be.within(started - 1000, Date.now() + 1000);
    expect(text).to.include('failures: invalid-credentials, code-invalid');
    expect(text).to.include(
      'webauthn: yes; autofill: supported; other device: supported; platform authenticator: supported; conditional create: unknown',
    );
    expect(text).to.include('last used: password');
    expect(text).to.include('step: code');
    expect(text).to.match(/^reference: [0-9A-F]{8}$/m);
    for (const secret of [IDENTIFIER, 'ada@', PASSWORD, WRONG_CODE, fixtures.emailSent.destination]) {
      expect(text, `the summary holds ${secret}`).not.to.include(secret);
    }
    // The field is for reading and copying, labelled as such.
    const field = query<HTMLTextAreaElement>(harness, '#support-summary')!;
    expect(field.readOnly).to.equal(true);
    expect(query(harness, 'label[for="support-summary"]')!.textContent).to.include('nothing secret');
  });

  it('before any failure it says so', async () => {
    await given();
    const harness = await ready();
    await choose(harness);
    await openHelp(harness, '[part~="chooser"]');
    expect(summary(harness)).to.include('failures: none').and.to.include('last used: none').and.to.include('step: choosing');
  });

  describe('Copy', () => {
    let written: string[] = [];
    let refuse = false;
    let restore: (() => void) | undefined;
    beforeEach(() => {
      written = [];
      refuse = false;
      const clipboard = navigator.clipboard;
      const had = Object.getOwnPropertyDescriptor(clipboard, 'writeText');
      Object.defineProperty(clipboard, 'writeText', {
        configurable: true,
        value: async (value: string) => {
          if (refuse) throw new DOMException('Write permission denied.', 'NotAllowedError');
          written.push(value);
        },
      });
      restore = () => {
        if (had) Object.defineProperty(clipboard, 'writeText', had);
        else delete (clipboard as { writeText?: unknown }).writeText;
      };
    });
    afterEach(() => restore?.());

    const status = (harness: Harness) => query(harness, '[data-copy-status]')?.textContent ?? '';

    it('writes the summary to the clipboard and says so', async () => {
      await given({}, { get: { reject: 'NotAllowedError' } });
      const harness = await ready();
      await failPasskey(harness);
      await openHelp(harness, '[part~="failure"]');
      press(harness, '[part~="copy-button"]');
      await waitUntil(() => status(harness) === 'Summary copied.', `copied: ${status(harness)}`);
      expect(written).to.deep.equal([summary(harness)]);
      expect(written[0]).to.include('failures: cancelled');
      expect(query(harness, '[data-copy-status]')!.getAttribute('role')).to.equal('status');
    });

    it('where the clipboard refuses, it says to copy by hand', async () => {
      refuse = true;
      await given({}, { get: { reject: 'NotAllowedError' } });
      const harness = await ready();
      await failPasskey(harness);
      await openHelp(harness, '[part~="failure"]');
      press(harness, '[part~="copy-button"]');
      await waitUntil(() => status(harness).startsWith('Copying did not work here'), `refused: ${status(harness)}`);
      expect(written).to.deep.equal([]);
    });
  });
});

describe('help: Back', () => {
  it('from a failure: the same step, who it is for kept', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await failPasskey(harness);
    await openHelp(harness, '[part~="failure"]');
    press(harness, '[part~="back-button"]');
    await harness.state('failed');
    await harness.settled();
    expect(notice(harness)?.dataset.code).to.equal('cancelled');
    expect(harness.identity).to.equal(IDENTIFIER);
  });

  it('from a failure with nothing typed: the same step, autofill armed again on its field', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await failPasskey(harness, '');
    const armed = () => platform.calls.filter((call) => call.kind === 'conditional');
    await waitUntil(() => armed().length >= 2, 're-armed after the failure');
    const before = armed().length;
    await openHelp(harness, '[part~="failure"]');
    expect(query(harness, '#identifier'), 'the form is gone').to.equal(null);
    await waitUntil(() => armed().at(-1)!.options.signal?.aborted === true, 'autofill stopped under help');
    press(harness, '[part~="back-button"]');
    await harness.state('failed');
    await harness.settled();
    expect(notice(harness)?.dataset.code).to.equal('cancelled');
    expect(query<HTMLInputElement>(harness, '#identifier')!.value).to.equal('');
    await waitUntil(() => armed().length === before + 1, 'autofill armed again');
    expect(armed().at(-1)!.options.signal?.aborted).to.equal(false);
  });

  it('from the code step: the same step, its failure still shown, no new code sent', async () => {
    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 3 }) });
    const harness = await ready();
    await choose(harness);
    press(harness, '[data-method="email-code"]');
    await codeStep(harness);
    enter(harness, '#code', WRONG_CODE);
    await waitUntil(() => notice(harness)?.dataset.code === 'code-invalid', `refused: ${harness.text}`);
    await idle(harness, 'code');
    await openHelp(harness, '[part~="code"]');
    press(harness, '[part~="back-button"]');
    await harness.state('code');
    await harness.element.updateComplete;
    expect(notice(harness)?.dataset.code).to.equal('code-invalid');
    expect(harness.text).to.include(`We emailed a 6-digit code to ${fixtures.emailSent.destination}.`).and.to.include('You have 3 more tries.');
    expect(sent('codeSend')).to.have.length(1);
  });

  it('from the chooser: the chooser, with the identifier', async () => {
    await given();
    const harness = await ready();
    await choose(harness);
    await openHelp(harness, '[part~="chooser"]');
    press(harness, '[part~="back-button"]');
    await harness.state('choosing');
    await harness.element.updateComplete;
    expect(harness.identity).to.equal(IDENTIFIER);
  });

  it('the help step passes axe', async () => {
    await given({ authenticationVerify: withReference(500, 'server', 'R-1234') }, { get: { resolve: true } });
    const harness = await ready(element({ contact: 'https://help.example.com/?ref={reference}' }));
    await failPasskey(harness);
    await openHelp(harness, '[part~="failure"]');
    expect(harness.text).to.include('Need help?');
    await expect(harness.element).to.be.accessible();
  });
});

describe('redeem: a recovery code from support', () => {
  const refusedThenAccepted: Reply[] = [problem(400, 'recovery-code-invalid'), { body: { ...fixtures.signIn, recovery: true } }];

  /** A passkey cancel for IDENTIFIER, then help, then "I have a recovery code from support". */
  async function toRedeem(harness: Harness): Promise<void> {
    await failPasskey(harness);
    await openHelp(harness, '[part~="failure"]');
    await openRedeem(harness);
  }

  it('carries the identifier over; a wrong code is refused, the right one recovers; a passkey signs in', async () => {
    await given({ recoveryRedeem: refusedThenAccepted }, { get: { reject: 'NotAllowedError' }, create: { resolve: true } });
    const harness = await ready();
    const events = failures(harness);
    await toRedeem(harness);
    expect(harness.text).to.include('Enter your recovery code');
    expect(harness.identity).to.equal(IDENTIFIER);

    enter(harness, '#recovery-code', 'WRONG-CODE1');
    await waitUntil(() => notice(harness)?.dataset.code === 'recovery-code-invalid', `refused: ${harness.text}`);
    await idle(harness, 'redeem');
    expect(harness.text).to.include("That recovery code doesn't work");
    // Kept and selected, so one mistyped character is fixed, not the whole code typed again.
    const refusedInput = query<HTMLInputElement>(harness, '#recovery-code')!;
    expect(refusedInput.value, 'the refused code is kept').to.equal('WRONG-CODE1');
    expect(harness.root.activeElement).to.equal(refusedInput);
    expect([refusedInput.selectionStart, refusedInput.selectionEnd]).to.deep.equal([0, 'WRONG-CODE1'.length]);
    expect(refusedInput.getAttribute('aria-invalid')).to.equal('true');
    expect(events.at(-1)).to.deep.equal({ code: 'recovery-code-invalid', source: 'support', status: 400 });

    const success = oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
    enter(harness, '#recovery-code', ` ${RECOVERY_CODE} `);
    await harness.state('recovered');
    await harness.settled();
    expect(sent('recoveryRedeem').map((request) => request.body)).to.deep.equal([
      { identifier: IDENTIFIER, code: 'WRONGCODE1' },
      { identifier: IDENTIFIER, code: RECOVERY_CODE.replace('-', '') },
    ]);
    expect(harness.text).to.include("You're in. How will you sign in next time?");

    // The passkey's options are fetched ahead, so that the click reaches create() at once; on a
    // busy machine the click could beat them, and the step would fetch them again.
    await waitUntil(() => sent('registrationOptions').length === 1, 'the options fetched ahead');
    await new Promise((resolve) => setTimeout(resolve, 50));
    press(harness, '[part~="create-button"]');
    // A support agent's code: the sign-in says so, like its attempt and failures.
    expect((await success).detail).to.deep.equal({ user: fixtures.signIn.user, source: 'support' });
    await harness.state('signed-in');
    expect(platform.calls.filter((call) => call.kind === 'create')).to.have.length(1);
    const after = requests.map((request) => request.operation).slice(requests.findIndex((request) => request.operation === 'recoveryRedeem'));
    expect(after).to.deep.equal(['recoveryRedeem', 'recoveryRedeem', 'registrationOptions', 'registrationVerify']);
  });

  it('an identifier typed here counts, and an empty code is asked for without a request', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await failPasskey(harness, '');
    await openHelp(harness, '[part~="failure"]');
    await openRedeem(harness);
    enter(harness, '#recovery-code', RECOVERY_CODE);
    await harness.element.updateComplete;
    expect(harness.text).to.include('Enter your email or username.');
    expect(query(harness, '#identifier')!.getAttribute('aria-invalid')).to.equal('true');

    harness.type('grace@example.com');
    enter(harness, '#recovery-code', ' - ');
    await harness.element.updateComplete;
    expect(harness.text).to.include('Enter the recovery code.');
    expect(query(harness, '#recovery-code')!.getAttribute('aria-describedby')).to.equal('recovery-code-error');
    expect(sent('recoveryRedeem')).to.deep.equal([]);

    enter(harness, '#recovery-code', RECOVERY_CODE);
    await harness.state('recovered');
    expect(sent('recoveryRedeem')[0]!.body).to.deep.equal({ identifier: 'grace@example.com', code: '7KQ4M2XP' });
  });

  it('rate-limited: says when to try again', async () => {
    await given({ recoveryRedeem: problem(429, 'rate-limited', { retryAfter: 60 }) }, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await toRedeem(harness);
    enter(harness, '#recovery-code', RECOVERY_CODE);
    await waitUntil(() => notice(harness)?.dataset.code === 'rate-limited', `refused: ${harness.text}`);
    expect(harness.text).to.include('Too many attempts');
    expect(harness.text).to.include('You can try again in 1 minute.');
  });

  it('"Change" goes back to the form', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await toRedeem(harness);
    press(harness, '[part~="change-button"]');
    await harness.state('ready');
    await harness.element.updateComplete;
    expect(query<HTMLInputElement>(harness, '#identifier')!.value).to.equal(IDENTIFIER);
  });

  it('the redeem step passes axe, entering and refused', async () => {
    await given({ recoveryRedeem: problem(400, 'recovery-code-invalid') }, { get: { reject: 'NotAllowedError' } });
    const harness = await ready();
    await toRedeem(harness);
    await expect(harness.element).to.be.accessible();
    enter(harness, '#recovery-code', RECOVERY_CODE);
    await waitUntil(() => notice(harness)?.dataset.code === 'recovery-code-invalid', `refused: ${harness.text}`);
    await idle(harness, 'redeem');
    await expect(harness.element).to.be.accessible();
  });
});

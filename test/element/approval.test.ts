/**
 * `<passkey-login-approval>` against an msw backend for the two approval operations: every step,
 * every problem code the contract names, the code's normalization, Deny as prominent as Approve,
 * focus, axe, and events that carry the decision and nothing else.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { delay, http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import '../../src/approval/define.js';
import type { PasskeyLoginApproval } from '../../src/approval/passkey-login-approval.js';
import type { ApprovalStateKind } from '../../src/approval/state.js';
import type { FunnelDetail } from '../../src/events.js';
import { problem, type Reply } from '../mocks/backend.js';
import { elementTests, given } from '../support/element.js';

elementTests();

const CODE = '7KQ2-M9XD';
const ACCOUNT = 'ada@example.com';

/** The lookup answer for a request made `agoMs` before it is looked up. */
const found = (overrides: Record<string, unknown> = {}, agoMs = 2 * 60_000) => ({
  account: { name: ACCOUNT },
  browser: 'Chrome',
  os: 'macOS',
  requestedAt: new Date(Date.now() - agoMs).toISOString(),
  place: 'DE',
  expiresIn: 600,
  ...overrides,
});

type DeviceReply = Reply | (() => Reply);

interface DeviceScenario {
  lookup?: DeviceReply | DeviceReply[];
  decide?: DeviceReply | DeviceReply[];
}

interface DeviceRequest {
  operation: 'lookup' | 'decide';
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  body: Record<string, unknown>;
}

/** What reached the two device routes since the last `world`, in order. */
let device: DeviceRequest[] = [];
const bodies = (operation: DeviceRequest['operation']) => device.filter((request) => request.operation === operation).map((request) => request.body);

async function respond(reply: Reply): Promise<Response> {
  if ('hang' in reply) {
    await delay('infinite');
    return HttpResponse.error();
  }
  if ('network' in reply) return HttpResponse.error();
  if (reply.delayMs) await delay(reply.delayMs);
  if ('raw' in reply) return new HttpResponse(reply.raw, { status: reply.status ?? 200, headers: { 'Content-Type': reply.contentType } });
  return HttpResponse.json(reply.body as object, { status: reply.status ?? 200, headers: reply.headers });
}

/** msw handlers for the approval routes under `base`; a list answers one entry per call, repeating the last. */
function deviceHandlers(scenario: DeviceScenario, base = '/api/auth'): HttpHandler[] {
  const defaults: Required<DeviceScenario> = {
    lookup: () => ({ body: found() }),
    decide: () => ({ body: { status: 'approved' } }),
  };
  return (['lookup', 'decide'] as const).map((operation) => {
    let calls = 0;
    return http.post(`${base}/device/approval/${operation}`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      device.push({ operation, url: request.url, headers: Object.fromEntries(request.headers), credentials: request.credentials, body });
      const configured = scenario[operation] ?? defaults[operation];
      let reply = Array.isArray(configured) ? configured[Math.min(calls, configured.length - 1)]! : configured;
      calls += 1;
      if (typeof reply === 'function') reply = reply();
      // A deny answered "approved" would be a backend bug; the default answers what was asked.
      if (operation === 'decide' && !scenario.decide) reply = { body: { status: body.decision === 'deny' ? 'denied' : 'approved' } };
      return respond(reply);
    });
  });
}

async function world(scenario: DeviceScenario = {}, base?: string): Promise<void> {
  await given({}, {}, deviceHandlers(scenario, base));
  device = [];
}

/** Drives one element by what is on screen, inside its shadow root. */
class Approval {
  constructor(readonly element: PasskeyLoginApproval) {}

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  /** What is on screen, without the live region. */
  get text(): string {
    const clone = this.root.querySelector('[part~="container"]')!.cloneNode(true) as HTMLElement;
    clone.querySelector('[aria-live]')?.remove();
    return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  get live(): string {
    return (this.root.querySelector('[aria-live]')?.textContent ?? '').trim();
  }

  get input(): HTMLInputElement | null {
    return this.root.querySelector('#code');
  }

  get heading(): string {
    return (this.root.querySelector('[part~="heading"]')?.textContent ?? '').trim();
  }

  get notice(): HTMLElement | null {
    return this.root.querySelector('[part~="failure-notice"]');
  }

  query<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  buttonLabels(): string[] {
    return [...this.root.querySelectorAll('button')].map((button) => (button.textContent ?? '').trim());
  }

  /** The element of the focused node inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }

  async state(kind: ApprovalStateKind, timeout = 4000): Promise<void> {
    await waitUntil(() => this.element.state === kind, `state ${kind}, still ${this.element.state}: ${this.text}`, { timeout });
    await this.element.updateComplete;
  }

  /** Types `value` and presses Enter, as a person would. */
  enter(value: string): void {
    const input = this.input!;
    input.focus();
    input.value = value;
    input.form!.requestSubmit();
  }

  press(label: string): void {
    const button = [...this.root.querySelectorAll('button')].find((candidate) => (candidate.textContent ?? '').trim() === label);
    if (!button) throw new Error(`no button "${label}" in: ${this.buttonLabels().join(' | ')}`);
    // Focus first, as a click would: focus follows the step only when it was inside the element.
    button.focus();
    button.click();
  }
}

async function mount(template = html`<passkey-login-approval></passkey-login-approval>`, lang = 'en'): Promise<Approval> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>${template}</div>`);
  const element = wrapper.querySelector('passkey-login-approval')!;
  await element.updateComplete;
  return new Approval(element);
}

/** The code typed in and looked up: the request on screen with Deny and Approve. */
async function confirming(template?: Parameters<typeof mount>[0], lang?: string): Promise<Approval> {
  const approval = await mount(template, lang);
  approval.enter(CODE);
  await approval.state('confirming');
  return approval;
}

/** The step `code` leads to after `reply` to the lookup. */
async function lookedUp(reply: Reply): Promise<Approval> {
  await world({ lookup: reply });
  const approval = await mount();
  approval.enter(CODE);
  await waitUntil(() => (approval.element.state !== 'looking-up' && approval.element.state !== 'entering') || approval.notice, `an answer: ${approval.text}`);
  await approval.element.updateComplete;
  return approval;
}

describe('approval: entering the code', () => {
  it('starts with one field for the code, labelled, with no autofill, capitals and no spellcheck', async () => {
    await world();
    const approval = await mount();
    expect(approval.element.state).to.equal('entering');
    expect(approval.heading).to.equal('Approve a sign-in');
    const input = approval.input!;
    const label = approval.query<HTMLLabelElement>('label')!;
    expect(label.htmlFor).to.equal('code');
    expect(label.textContent!.trim()).to.equal('Code shown on the new device');
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('autocapitalize')).to.equal('characters');
    expect(input.spellcheck).to.equal(false);
    expect(approval.root.querySelectorAll('input')).to.have.length(1);
    expect(approval.buttonLabels()).to.deep.equal(['Continue']);
    expect(approval.query('[part~="button"][part~="primary-button"][part~="continue-button"]')).not.to.equal(null);
    expect(device).to.deep.equal([]);
    await expect(approval.element).to.be.accessible();
  });

  const typed: Array<[string, string]> = [
    ['7KQ2-M9XD', '7KQ2-M9XD'],
    ['7kq2-m9xd', '7KQ2-M9XD'],
    ['7KQ2M9XD', '7KQ2-M9XD'],
    [' 7kq2 m9xd ', '7KQ2-M9XD'],
    ['7 K Q 2 - M 9 X D', '7KQ2-M9XD'],
    ['7KQ2\u2013M9XD', '7KQ2-M9XD'],
    // Crockford: O is read as 0, I and L as 1.
    ['7kq2-m9xo', '7KQ2-M9X0'],
    ['ikq2-l9xd', '1KQ2-19XD'],
  ];
  for (const [input, sent] of typed) {
    it(`sends "${input}" as ${sent}`, async () => {
      await world();
      const approval = await mount();
      approval.enter(input);
      await approval.state('confirming');
      expect(bodies('lookup')).to.deep.equal([{ code: sent }]);
    });
  }

  it('an empty field says what to enter, and sends nothing', async () => {
    await world();
    const approval = await mount();
    approval.enter('   ');
    await approval.element.updateComplete;
    expect(approval.element.state).to.equal('entering');
    expect(approval.query('[part~="field-error"]')!.textContent!.trim()).to.equal('Enter the code shown on the new device.');
    expect(approval.input!.getAttribute('aria-invalid')).to.equal('true');
    expect(approval.input!.getAttribute('aria-describedby')).to.include('approval-code-error');
    expect(approval.focused).to.equal(approval.input);
    expect(device).to.deep.equal([]);
    await expect(approval.element).to.be.accessible();
  });

  for (const malformed of ['7KQ2', '7KQ2-M9XD-4TNB', 'UUUU-UUUU', '7KQ2-M9X!']) {
    it(`"${malformed}" cannot be a code: it says what one looks like, and sends nothing`, async () => {
      await world();
      const approval = await mount();
      approval.enter(malformed);
      await approval.element.updateComplete;
      expect(approval.element.state).to.equal('entering');
      expect(approval.text).to.include('it has 8 letters and digits, like 7KQ2-M9XD.');
      expect(approval.input!.value).to.equal(malformed);
      expect(device).to.deep.equal([]);
    });
  }

  it('while the code is looked up it says so, busy, and politely', async () => {
    await world({ lookup: { body: found(), delayMs: 600 } });
    const approval = await mount();
    approval.enter(CODE);
    await approval.state('looking-up');
    expect(approval.heading).to.equal('Checking the code…');
    expect(approval.query('[part~="progress"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(approval.live).to.equal('Checking the code…');
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
    await expect(approval.element).to.be.accessible();
    await approval.state('confirming');
  });
});

describe('approval: what is asking', () => {
  it('shows the account, browser and OS, when, where and until when, with the warning', async () => {
    await world();
    const approval = await confirming();
    expect(approval.heading).to.equal('Sign in on a new device?');
    expect(approval.query('[part~="account"]')!.textContent!.trim()).to.equal(ACCOUNT);
    expect(approval.query('[part~="device"]')!.textContent!.trim()).to.equal('Chrome on macOS');
    expect(approval.query('[part~="time"]')!.textContent!.trim()).to.equal('2 minutes ago');
    expect(approval.query('[part~="time"] time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(approval.query('[part~="place"]')!.textContent!.trim()).to.equal('Germany');
    expect(approval.query('[part~="expiry"]')!.textContent!.trim()).to.equal('This request expires in 10 minutes.');
    expect(approval.text).to.include('If you did not start this, deny.');
    expect(approval.buttonLabels()).to.deep.equal(['Deny', 'Approve']);
    await expect(approval.element).to.be.accessible();
  });

  it('focus moves to the question once the code is found', async () => {
    await world();
    const approval = await confirming();
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
    expect(approval.live).to.equal('Sign in on a new device?');
  });

  it('without a place it says the location is unknown', async () => {
    await world({ lookup: () => ({ body: found({ place: null }) }) });
    const approval = await confirming();
    expect(approval.query('[part~="place"]')!.textContent!.trim()).to.equal('Location unknown');
    await expect(approval.element).to.be.accessible();
  });

  const devices: Array<[string | null, string | null, string]> = [
    [null, 'Windows', 'Unknown browser on Windows'],
    ['Firefox', null, 'Firefox'],
    [null, null, 'Unknown browser'],
  ];
  for (const [browser, os, shown] of devices) {
    it(`browser ${browser} and OS ${os} read "${shown}"`, async () => {
      await world({ lookup: () => ({ body: found({ browser, os }) }) });
      const approval = await confirming();
      expect(approval.query('[part~="device"]')!.textContent!.trim()).to.equal(shown);
    });
  }

  it('a request made just now reads "now"; one about to expire counts seconds', async () => {
    await world({ lookup: () => ({ body: found({ expiresIn: 45 }, 5_000) }) });
    const approval = await confirming();
    expect(approval.query('[part~="time"]')!.textContent!.trim()).to.equal('now');
    expect(approval.query('[part~="expiry"]')!.textContent!.trim()).to.match(/^This request expires in (45|44) seconds\.$/);
  });

  it('times, countries and every word follow the page language', async () => {
    await world();
    const approval = await confirming(undefined, 'de');
    expect(approval.query('[part~="place"]')!.textContent!.trim()).to.equal('Deutschland');
    expect(approval.query('[part~="time"]')!.textContent!.trim()).to.equal('vor 2 Minuten');
    // And so do the words around them: no "When: vor 2 Minuten".
    expect(approval.text).to.include('Zeitpunkt').and.not.include('When');
  });

  it('a place that is not a country code is not shown as one', async () => {
    await world({ lookup: () => ({ body: found({ place: '<b>here</b>' }) }) });
    const approval = await confirming();
    expect(approval.query('[part~="place"]')!.textContent!.trim()).to.equal('Location unknown');
  });

  it('server strings stay text: an account name with markup is shown as typed', async () => {
    await world({ lookup: () => ({ body: found({ account: { name: '<img src=x onerror=alert(1)>' } }) }) });
    const approval = await confirming();
    expect(approval.query('[part~="account"]')!.textContent!.trim()).to.equal('<img src=x onerror=alert(1)>');
    expect(approval.root.querySelector('img')).to.equal(null);
  });

  it('Deny is as prominent as Approve: the same kind of button, the same size, and first', async () => {
    await world();
    const approval = await confirming();
    const deny = approval.query<HTMLButtonElement>('[part~="deny-button"]')!;
    const approve = approval.query<HTMLButtonElement>('[part~="approve-button"]')!;
    const role = (button: HTMLElement) => button.getAttribute('part')!.split(' ').filter((name) => !name.endsWith('deny-button') && !name.endsWith('approve-button'));
    expect(role(deny)).to.deep.equal(role(approve));
    expect(role(deny)).to.include('button').and.to.include('decision-button');
    expect(deny.className).to.equal(approve.className);
    const [a, b] = [deny.getBoundingClientRect(), approve.getBoundingClientRect()];
    expect([a.width, a.height]).to.deep.equal([b.width, b.height]);
    expect(a.width).to.be.greaterThan(24);
    const [styleA, styleB] = [getComputedStyle(deny), getComputedStyle(approve)];
    for (const property of ['background-color', 'color', 'border-top-color', 'font-weight', 'font-size']) {
      expect(styleA.getPropertyValue(property), property).to.equal(styleB.getPropertyValue(property));
    }
    expect(deny.compareDocumentPosition(approve) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect([deny.getAttribute('aria-describedby'), approve.getAttribute('aria-describedby')]).to.deep.equal(['approval-warning', 'approval-warning']);
    expect(approval.query('#approval-warning')!.textContent!.trim()).to.equal('If you did not start this, deny.');
  });

  it('stays the same size at 320 px wide', async () => {
    await world();
    const approval = await confirming(html`<passkey-login-approval style="inline-size: 320px"></passkey-login-approval>`);
    const deny = approval.query('[part~="deny-button"]')!.getBoundingClientRect();
    const approve = approval.query('[part~="approve-button"]')!.getBoundingClientRect();
    expect(deny.width).to.equal(approve.width);
    expect(deny.height).to.equal(approve.height);
    expect(approve.right).to.be.at.most(approval.element.getBoundingClientRect().right);
  });

  it('when the request runs out on screen, it ends as expired', async () => {
    await world({ lookup: () => ({ body: found({ expiresIn: 1 }) }) });
    const approval = await confirming();
    await approval.state('ended', 4000);
    expect(approval.query('[part~="ended"]')!.dataset.code).to.equal('device-request-expired');
    expect(approval.heading).to.equal('This request has expired');
    expect(approval.buttonLabels()).to.deep.equal(['Enter a new code']);
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
  });
});

describe('approval: deciding', () => {
  it('Approve: the backend records it, the step says the new device is signed in, the page hears only the decision', async () => {
    await world();
    const approval = await confirming();
    const funnel: FunnelDetail[] = [];
    approval.element.addEventListener('passkey-login-funnel', (event) => funnel.push(event.detail));
    const decided = oneEvent(document, 'passkey-login-approval');
    approval.press('Approve');
    const event = await decided;
    await approval.state('approved');
    expect(bodies('decide')).to.deep.equal([{ code: CODE, decision: 'approve' }]);
    expect(event.detail).to.deep.equal({ decision: 'approved' });
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    expect(funnel).to.deep.equal([{ step: 'device-approved' }]);
    const said = JSON.stringify([event.detail, funnel]);
    for (const secret of [ACCOUNT, 'ada', '7KQ2', 'M9XD', 'Chrome', 'DE']) expect(said).not.to.include(secret);
    expect(approval.heading).to.equal('Approved');
    expect(approval.text).to.include('The new device is signed in.');
    expect(approval.live).to.equal('The new device is signed in.');
    expect(approval.buttonLabels()).to.deep.equal([]);
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
    await expect(approval.element).to.be.accessible();
  });

  it('Deny: the backend records it, the step says the new device was not signed in', async () => {
    await world();
    const approval = await confirming();
    const funnel: FunnelDetail[] = [];
    approval.element.addEventListener('passkey-login-funnel', (event) => funnel.push(event.detail));
    const decided = oneEvent(approval.element, 'passkey-login-approval');
    approval.press('Deny');
    const event = await decided;
    await approval.state('denied');
    expect(bodies('decide')).to.deep.equal([{ code: CODE, decision: 'deny' }]);
    expect(event.detail).to.deep.equal({ decision: 'denied' });
    expect(funnel).to.deep.equal([{ step: 'device-denied' }]);
    expect(approval.heading).to.equal('Denied');
    expect(approval.text).to.include('The new device was not signed in.');
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
    await expect(approval.element).to.be.accessible();
  });

  it('while the decision is on its way it says so, and nothing can be pressed twice', async () => {
    await world({ decide: { body: { status: 'approved' }, delayMs: 600 } });
    const approval = await confirming();
    approval.press('Approve');
    await approval.state('deciding');
    expect(approval.heading).to.equal('Approving…');
    expect(approval.live).to.equal('Approving…');
    expect(approval.buttonLabels()).to.deep.equal([]);
    await expect(approval.element).to.be.accessible();
    await approval.state('approved');
    expect(bodies('decide')).to.have.length(1);
  });

  it('while a denial is on its way it says "Denying…"', async () => {
    await world({ decide: { body: { status: 'denied' }, delayMs: 600 } });
    const approval = await confirming();
    approval.press('Deny');
    await approval.state('deciding');
    expect(approval.heading).to.equal('Denying…');
    await approval.state('denied');
  });

  it('an answer that does not match the decision is a failure, not an approval', async () => {
    await world({ decide: { body: { status: 'denied' } } });
    const approval = await confirming();
    let events = 0;
    approval.element.addEventListener('passkey-login-approval', () => (events += 1));
    approval.press('Approve');
    await waitUntil(() => approval.notice, 'the failure shown');
    expect(approval.element.state).to.equal('confirming');
    expect(approval.notice!.dataset.code).to.equal('failed');
    expect(events).to.equal(0);
  });
});

describe('approval: problems looking the code up', () => {
  it('a wrong code: the field again with what was typed, the reason, focus on the field; a fixed code works', async () => {
    await world({ lookup: [problem(400, 'device-code-invalid'), { body: found() }] });
    const approval = await mount();
    approval.enter('7KQ2-M9XF');
    await waitUntil(() => approval.notice, 'the failure shown');
    await approval.element.updateComplete;
    expect(approval.element.state).to.equal('entering');
    expect(approval.notice!.dataset.code).to.equal('device-code-invalid');
    expect(approval.notice!.getAttribute('role')).to.equal('alert');
    expect(approval.text).to.include("That code isn't right").and.to.include('Check the code on the new device and enter it again.');
    expect(approval.input!.value).to.equal('7KQ2-M9XF');
    expect(approval.input!.getAttribute('aria-invalid')).to.equal('true');
    expect(approval.input!.getAttribute('aria-describedby')).to.include('approval-failure');
    expect(approval.focused).to.equal(approval.input);
    await expect(approval.element).to.be.accessible();
    approval.enter(CODE);
    await approval.state('confirming');
    expect(bodies('lookup')).to.deep.equal([{ code: '7KQ2-M9XF' }, { code: CODE }]);
  });

  it('an expired request: ask the new device for a new code, and enter it', async () => {
    const approval = await lookedUp(problem(400, 'device-request-expired'));
    await approval.state('ended');
    expect(approval.query('[part~="ended"]')!.dataset.code).to.equal('device-request-expired');
    expect(approval.heading).to.equal('This request has expired');
    expect(approval.text).to.include('Ask the new device for a new code, then enter it here.');
    expect(approval.live).to.equal('This request has expired');
    expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
    expect(approval.buttonLabels()).to.deep.equal(['Enter a new code']);
    await expect(approval.element).to.be.accessible();
    approval.press('Enter a new code');
    await approval.state('entering');
    expect(approval.input!.value).to.equal('');
    expect(approval.focused).to.equal(approval.input);
  });

  it('a code already used: ask the new device for a new code', async () => {
    const approval = await lookedUp(problem(409, 'device-request-used'));
    await approval.state('ended');
    expect(approval.query('[part~="ended"]')!.dataset.code).to.equal('device-request-used');
    expect(approval.heading).to.equal('This code has already been used');
    expect(approval.text).to.include('ask it for a new code');
    expect(approval.buttonLabels()).to.deep.equal(['Enter a new code']);
    await expect(approval.element).to.be.accessible();
  });

  it('not signed in here: sign in first, nothing to approve with; "Try again" looks the same code up', async () => {
    await world({ lookup: [problem(401, 'unauthenticated'), { body: found() }] });
    const approval = await mount();
    approval.enter('7kq2 m9xd');
    await approval.state('ended');
    expect(approval.query('[part~="ended"]')!.dataset.code).to.equal('unauthenticated');
    expect(approval.heading).to.equal('Sign in on this device first');
    expect(approval.buttonLabels()).to.deep.equal(['Try again']);
    expect(approval.query('[part~="approve-button"]')).to.equal(null);
    await expect(approval.element).to.be.accessible();
    approval.press('Try again');
    await approval.state('confirming');
    expect(bodies('lookup')).to.deep.equal([{ code: CODE }, { code: CODE }]);
  });

  it('a 401 without a problem body is still "not signed in"', async () => {
    const approval = await lookedUp({ status: 401, raw: 'Unauthorized', contentType: 'text/plain' });
    await approval.state('ended');
    expect(approval.heading).to.equal('Sign in on this device first');
  });

  for (const [retryAfter, when] of [
    [45, 'You can try again in 45 seconds.'],
    [900, 'You can try again in 15 minutes.'],
  ] as const) {
    it(`rate limited for ${retryAfter} s: it says when`, async () => {
      const approval = await lookedUp(problem(429, 'rate-limited', { retryAfter }));
      expect(approval.element.state).to.equal('entering');
      expect(approval.notice!.dataset.code).to.equal('rate-limited');
      expect(approval.text).to.include('Too many attempts').and.to.include(when);
      await expect(approval.element).to.be.accessible();
    });
  }

  const transport: Array<[string, Reply, string, string]> = [
    ['no connection', { network: 'error' }, 'network', "We couldn't reach the server"],
    ['a server error', problem(500, 'server-error'), 'server', 'Something went wrong'],
    ['an HTML error page', { status: 502, raw: '<html>Bad gateway</html>', contentType: 'text/html' }, 'server', 'Something went wrong'],
    ['a malformed answer', { body: { account: 'ada' } }, 'failed', 'Something went wrong'],
    ['a CSRF refusal', problem(403, 'csrf'), 'failed', 'Something went wrong'],
    ['an unknown problem', problem(400, 'bad-request'), 'failed', 'Something went wrong'],
  ];
  for (const [what, reply, code, title] of transport) {
    it(`${what}: "${title}", and the same code can be sent again`, async () => {
      const approval = await lookedUp(reply);
      expect(approval.element.state).to.equal('entering');
      expect(approval.notice!.dataset.code).to.equal(code);
      expect(approval.text).to.include(title);
      expect(approval.input!.value).to.equal(CODE);
      expect(approval.input!.getAttribute('aria-invalid')).to.equal('false');
    });
  }
});

describe('approval: problems deciding', () => {
  const ending: Array<[Reply, string, string]> = [
    [problem(400, 'device-request-expired'), 'device-request-expired', 'This request has expired'],
    [problem(409, 'device-request-used'), 'device-request-used', 'This code has already been used'],
    [problem(401, 'unauthenticated'), 'unauthenticated', 'Sign in on this device first'],
  ];
  for (const [reply, code, title] of ending) {
    it(`${code} after Approve ends the request, with no event`, async () => {
      await world({ decide: reply });
      const approval = await confirming();
      let events = 0;
      approval.element.addEventListener('passkey-login-approval', () => (events += 1));
      approval.press('Approve');
      await approval.state('ended');
      expect(approval.query('[part~="ended"]')!.dataset.code).to.equal(code);
      expect(approval.heading).to.equal(title);
      expect(approval.focused).to.equal(approval.query('[part~="heading"]'));
      expect(events).to.equal(0);
    });
  }

  it('a lost connection keeps the choice on screen with the reason; the next try lands', async () => {
    await world({ decide: [{ network: 'error' }, { body: { status: 'approved' } }] });
    const approval = await confirming();
    approval.press('Approve');
    await waitUntil(() => approval.notice, 'the failure shown');
    await approval.element.updateComplete;
    expect(approval.element.state).to.equal('confirming');
    expect(approval.notice!.dataset.code).to.equal('network');
    expect(approval.buttonLabels()).to.deep.equal(['Deny', 'Approve']);
    expect(approval.focused).to.equal(approval.query('[part~="notice-title"]'));
    await expect(approval.element).to.be.accessible();
    approval.press('Approve');
    await approval.state('approved');
    expect(bodies('decide')).to.have.length(2);
  });

  it('rate limited on a decision: the choice stays, with when', async () => {
    await world({ decide: problem(429, 'rate-limited', { retryAfter: 30 }) });
    const approval = await confirming();
    approval.press('Deny');
    await waitUntil(() => approval.notice, 'the failure shown');
    expect(approval.element.state).to.equal('confirming');
    expect(approval.text).to.include('Too many attempts').and.to.include('You can try again in 30 seconds.');
  });

  it('a code no longer found at decision time goes back to the field', async () => {
    await world({ decide: problem(400, 'device-code-invalid') });
    const approval = await confirming();
    approval.press('Approve');
    await approval.state('entering');
    expect(approval.notice!.dataset.code).to.equal('device-code-invalid');
    expect(approval.focused).to.equal(approval.input);
  });
});

describe('approval: a code from the page', () => {
  it('a `code` attribute is looked up at once, normalized, without taking focus from the page', async () => {
    await world();
    const outside = await fixture<HTMLButtonElement>(html`<button>elsewhere</button>`);
    outside.focus();
    const approval = await mount(html`<passkey-login-approval code="7kq2 m9xd"></passkey-login-approval>`);
    await approval.state('confirming');
    expect(bodies('lookup')).to.deep.equal([{ code: CODE }]);
    expect(document.activeElement).to.equal(outside);
    expect(approval.live).to.equal('Sign in on a new device?');
  });

  it('a `code` attribute that cannot be a code waits in the field', async () => {
    await world();
    const approval = await mount(html`<passkey-login-approval code="7KQ2"></passkey-login-approval>`);
    expect(approval.element.state).to.equal('entering');
    expect(approval.input!.value).to.equal('7KQ2');
    expect(device).to.deep.equal([]);
  });

  it('without the attribute, `?code=` of the page is used; a `code` parameter that is no binding code is not', async () => {
    await world();
    const original = location.href;
    try {
      history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), code: '7kq2-m9xd' })}`);
      const approval = await mount();
      await approval.state('confirming');
      expect(bodies('lookup')).to.deep.equal([{ code: CODE }]);

      device = [];
      history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(original.split('?')[1] ?? '')), code: 'oauth-authorization-code-123' })}`);
      const other = await mount();
      expect(other.element.state).to.equal('entering');
      expect(other.input!.value).to.equal('');
      expect(device).to.deep.equal([]);
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('setting `code` again starts over with the new one; the old answer is dropped', async () => {
    await world({ lookup: [{ body: found({ browser: 'Safari' }), delayMs: 800 }, { body: found({ browser: 'Edge' }) }] });
    const approval = await mount(html`<passkey-login-approval code=${CODE}></passkey-login-approval>`);
    await approval.state('looking-up');
    approval.element.code = '4TNB-8PQR';
    await approval.state('confirming');
    await new Promise((resolve) => setTimeout(resolve, 900));
    await approval.element.updateComplete;
    expect(approval.query('[part~="device"]')!.textContent!.trim()).to.equal('Edge on macOS');
    expect(bodies('lookup')).to.deep.equal([{ code: CODE }, { code: '4TNB-8PQR' }]);
  });
});

describe('approval: configuration and registration', () => {
  it('requests go to `endpoint`, with the site headers, credentials and the CSRF header', async () => {
    await world({}, '/custom/auth');
    const approval = await confirming(
      html`<passkey-login-approval endpoint="/custom/auth" credentials="include" request-headers='{"X-CSRF-Token":"t0k3n"}'></passkey-login-approval>`,
    );
    approval.press('Approve');
    await approval.state('approved');
    expect(device.map((request) => new URL(request.url).pathname)).to.deep.equal(['/custom/auth/device/approval/lookup', '/custom/auth/device/approval/decide']);
    for (const request of device) {
      expect(request.headers['x-csrf-token']).to.equal('t0k3n');
      expect(request.headers['x-requested-with']).to.equal('passkey-login');
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.credentials).to.equal('include');
    }
  });

  it('themes like the sign-in element: `theme` is reflected and switches the tokens', async () => {
    await world();
    const approval = await mount(html`<passkey-login-approval theme="dark"></passkey-login-approval>`);
    expect(getComputedStyle(approval.element).backgroundColor).to.equal('rgb(23, 25, 28)');
    approval.element.theme = 'light';
    await approval.element.updateComplete;
    expect(approval.element.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(approval.element).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('has header and footer slots, and the step’s heading and help slots', async () => {
    await world();
    const approval = await mount();
    expect([...approval.root.querySelectorAll('slot')].map((slot) => slot.name)).to.deep.equal(['header', 'heading-entering', 'help-entering', 'footer']);
  });

  it('loading the define module a second time does not throw', async () => {
    const first = customElements.get('passkey-login-approval');
    await import(/* @vite-ignore */ `/src/approval/define.ts?copy=${Date.now()}`);
    expect(customElements.get('passkey-login-approval')).to.equal(first);
  });

  it('leaving the page mid-lookup aborts it quietly; coming back looks the code up again', async () => {
    await world({ lookup: [{ hang: true }, { body: found() }] });
    const approval = await mount(html`<passkey-login-approval code=${CODE}></passkey-login-approval>`);
    await waitUntil(() => device.length === 1, 'looked up');
    const parent = approval.element.parentElement!;
    approval.element.remove();
    parent.append(approval.element);
    await approval.state('confirming');
    expect(bodies('lookup')).to.have.length(2);
  });
});

describe('approval: against the reference server', () => {
  it('not signed in, then signed in: the real lookup and decision, and a used code stays used', async () => {
    // Everything under /api/auth reaches the reference server the test runner mounts there.
    await given({}, {}, [http.all('/api/auth/*', () => passthrough())]);
    const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'passkey-login' };
    // The new device: another cookie jar, as far as the server can tell.
    const asked = await fetch('/api/auth/device/request', { method: 'POST', headers, body: '{}', credentials: 'omit' });
    expect(asked.status).to.equal(201);
    const { code } = (await asked.json()) as { code: string };

    const approval = await mount(html`<passkey-login-approval code=${code.toLowerCase().replace('-', ' ')}></passkey-login-approval>`);
    await approval.state('ended');
    expect(approval.heading).to.equal('Sign in on this device first');

    const name = `approver-${Date.now()}`;
    const account = await fetch('/api/auth/account', { method: 'POST', headers, body: JSON.stringify({ identifier: name, email: `${name}@example.com` }) });
    expect(account.status).to.equal(201);
    approval.press('Try again');
    await approval.state('confirming');
    expect(approval.query('[part~="account"]')!.textContent!.trim()).to.equal(name);
    expect(approval.query('[part~="place"]')!.textContent!.trim()).to.equal('Location unknown');
    expect(approval.query('[part~="time"]')!.textContent!.trim()).to.equal('now');
    expect(approval.query('[part~="expiry"]')!.textContent!.trim()).to.equal('This request expires in 10 minutes.');

    const decided = oneEvent(approval.element, 'passkey-login-approval');
    approval.press('Approve');
    expect((await decided).detail).to.deep.equal({ decision: 'approved' });
    await approval.state('approved');

    approval.element.code = code;
    await approval.state('ended');
    expect(approval.query('[part~="ended"]')!.dataset.code).to.equal('device-request-used');
  });
});

/**
 * What a screen reader hears and what survives a narrow screen or forced colours (WCAG 2.2 AA):
 * errors announced as they appear and wired to their field, news said once, failure notices said
 * whole without their buttons, masked values read as words, targets of at least 24×24 and nothing
 * cut off at 320 px, notices told apart by their icons. The live regions are read from the shadow
 * tree as Chromium exposes them: an element with role="alert" inserted with its text, or text
 * changed inside a live region that was there before.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { setViewport } from '@web/test-runner-commands';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import { fixtures, problem } from '../mocks/backend.js';
import { elementTests, given, platform, ready as formReady } from '../support/element.js';
import { Harness } from '../support/harness.js';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const IDENTIFIER = 'ada@example.com';
const ALL = 'passkey hybrid email-code sms-code password';
const LIVE = '[role="alert"], [role="status"], [aria-live]';

const query = <T extends Element = HTMLElement>(harness: Harness, selector: string) => harness.root.querySelector<T>(selector);
const flat = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

interface Said {
  role: string;
  text: string;
  /** The element's own polite region, rather than a region inside a step. */
  polite: boolean;
}

/**
 * Records what the live regions of `root` say from now on: a role="alert" inserted (with the text
 * it has as it is inserted), and any change of text inside a live region, read whole.
 */
function listen(root: ShadowRoot): Said[] {
  const said: Said[] = [];
  const observer = new MutationObserver((records) => {
    const regions = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const region = target?.closest(LIVE);
      if (region) regions.add(region);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        for (const element of [node, ...node.querySelectorAll('*')]) if (element.matches(LIVE)) regions.add(element);
      }
    }
    for (const region of regions) {
      const text = flat(region.textContent);
      if (text) said.push({ role: region.getAttribute('role') ?? 'live', text, polite: region.classList.contains('visually-hidden') });
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return said;
}

/** The text a screen reader reads from `element`: without what is aria-hidden, with what is only visually hidden. */
function spoken(element: Element): string {
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true' || getComputedStyle(node).display === 'none') return '';
    return [...node.childNodes].map(walk).join('');
  };
  return flat(walk(element));
}

function press(harness: Harness, selector: string): void {
  const button = query<HTMLButtonElement>(harness, selector);
  if (!button) throw new Error(`no ${selector} in: ${harness.buttonLabels().join(' | ')}`);
  button.focus();
  button.click();
}

function typeInto(harness: Harness, selector: string, value: string): HTMLInputElement {
  const input = query<HTMLInputElement>(harness, selector)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return input;
}

async function ready(template = html`<passkey-login methods=${ALL}></passkey-login>`, others = true): Promise<Harness> {
  const harness = await formReady(template);
  if (others) await waitUntil(() => query(harness, '[part~="other-ways-button"], [part~="method-button"]'), 'other ways on the form');
  return harness;
}

async function pick(harness: Harness, method: string): Promise<void> {
  harness.type(IDENTIFIER);
  press(harness, '[part~="other-ways-button"]');
  await harness.state('choosing');
  await waitUntil(() => query(harness, `[data-method="${method}"]`), `${method} offered`);
  press(harness, `[data-method="${method}"]`);
}

async function codeStep(harness: Harness, method = 'email-code'): Promise<void> {
  await pick(harness, method);
  await harness.state('code');
  await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"] #code'), `code entry: ${harness.text}`);
}

async function passwordStep(harness: Harness): Promise<void> {
  await pick(harness, 'password');
  await harness.state('password');
  await harness.element.updateComplete;
}

/** The field's error: announced as it appeared, and what the field points at. */
async function expectFieldError(harness: Harness, said: Said[], inputSelector: string, message: string): Promise<void> {
  await waitUntil(() => harness.text.includes(message), `"${message}" shown: ${harness.text}`);
  await harness.element.updateComplete;
  expect(said.filter((s) => s.role === 'alert').map((s) => s.text), 'announced as it appears').to.include(message);
  const input = query<HTMLInputElement>(harness, inputSelector)!;
  expect(input.getAttribute('aria-invalid')).to.equal('true');
  const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => harness.root.getElementById(id));
  const error = described.find((element) => flat(element?.textContent) === message);
  expect(error, `aria-describedby points at "${message}"`).not.to.equal(undefined);
  expect(error!.closest(LIVE), 'the error is itself announced').not.to.equal(null);
}

describe('announcements: field errors (WCAG 3.3.1, 4.1.3)', () => {
  it('a code too short: "Enter the 6 digits from the message." is announced, and the field points at it', async () => {
    await given({ codeVerify: { hang: true } });
    const harness = await ready();
    await codeStep(harness);
    const said = listen(harness.root);
    typeInto(harness, '#code', '12');
    press(harness, '[part~="submit-button"]');
    await expectFieldError(harness, said, '#code', 'Enter the 6 digits from the message.');
  });

  it('an empty code: "Enter the code from the message." likewise', async () => {
    await given({ codeVerify: { hang: true } });
    const harness = await ready();
    await codeStep(harness);
    const said = listen(harness.root);
    press(harness, '[part~="submit-button"]');
    await expectFieldError(harness, said, '#code', 'Enter the code from the message.');
  });

  it('an empty password: "Enter your password." is announced, and the field points at it', async () => {
    await given();
    const harness = await ready();
    await passwordStep(harness);
    const said = listen(harness.root);
    press(harness, '[part~="submit-button"]');
    await expectFieldError(harness, said, '#password', 'Enter your password.');
  });

  it('a refused code or password: the field points at what was wrong', async () => {
    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 4 }) });
    const harness = await ready();
    await codeStep(harness);
    typeInto(harness, '#code', '123456');
    await waitUntil(() => query(harness, '[part~="failure-notice"]') && query(harness, 'form[part~="code"][aria-busy="false"]'), 'refused');
    const input = query<HTMLInputElement>(harness, '#code')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/);
    expect(ids).to.include(query(harness, '[part~="failure-notice"]')!.id);
  });
});

describe('announcements: news said once (WCAG 4.1.3)', () => {
  it('a wrong code: the alert, and no "Code sent to …" repeated after it', async () => {
    await given({ codeVerify: [problem(400, 'code-invalid', { triesLeft: 4 }), problem(400, 'code-invalid', { triesLeft: 3 })] });
    const harness = await ready();
    harness.type(IDENTIFIER);
    const said = listen(harness.root);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await waitUntil(() => query(harness, '[data-method="email-code"]'), 'codes offered');
    press(harness, '[data-method="email-code"]');
    await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"] #code'), 'code entry');
    const sentOnce = () => said.filter((s) => s.text.startsWith('Code sent to'));
    expect(sentOnce(), 'said when the code was sent').to.have.length(1);

    for (const tries of [4, 3]) {
      const before = said.length;
      typeInto(harness, '#code', '123456');
      await waitUntil(() => said.slice(before).some((s) => s.role === 'alert' && s.text.includes(`You have ${tries} more tries`)), `refused, ${tries} left`);
      await waitUntil(() => query(harness, 'form[part~="code"][aria-busy="false"]'), 'ready for another try');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = said.slice(before);
      const alert = after.findIndex((s) => s.role === 'alert');
      expect(after.slice(alert + 1).some((s) => s.text.startsWith('Code sent to')), 'no "Code sent to" after the alert').to.equal(false);
    }
    expect(sentOnce(), 'still said once').to.have.length(1);
    expect(flat(query(harness, '[part~="container"] > [role="status"]')!.textContent)).not.to.include('Code sent');
  });
});

/** Every live region of a step other than the element's own polite one. */
const regions = (harness: Harness) =>
  [...harness.root.querySelectorAll<HTMLElement>(LIVE)].filter((region) => !region.matches('[part~="container"] > .visually-hidden'));

function expectSaidWhole(region: Element, title: string, sentence: string): void {
  const text = flat(region.textContent);
  expect(text, 'the title').to.include(title);
  expect(text, 'the sentence').to.include(sentence);
  expect(region.querySelectorAll('button, a, input, textarea, select, summary'), 'no controls read as prose').to.have.length(0);
}

describe('announcements: a failure notice said whole, its buttons apart', () => {
  it('a wrong code: title and sentence in one alert, inserted with its text', async () => {
    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 4 }) });
    const harness = await ready();
    await codeStep(harness);
    const said = listen(harness.root);
    typeInto(harness, '#code', '123456');
    await waitUntil(() => query(harness, '[part~="failure-notice"]'), 'refused');
    await harness.element.updateComplete;
    expect(said.filter((s) => s.role === 'alert').map((s) => s.text)).to.include("That code isn't right Check the code and try again. You have 4 more tries.");
    expectSaidWhole(query(harness, '[part~="failure-notice"]')!, "That code isn't right", 'Check the code and try again.');
  });

  it('a refused password, twice: each time one whole alert', async () => {
    await given({ passwordSignIn: problem(401, 'invalid-credentials') });
    const harness = await ready();
    await passwordStep(harness);
    const said = listen(harness.root);
    for (const attempt of [1, 2]) {
      typeInto(harness, '#password', `wrong ${attempt}`);
      press(harness, '[part~="submit-button"]');
      await waitUntil(() => said.filter((s) => s.role === 'alert').length === attempt, `alert ${attempt}: ${JSON.stringify(said)}`);
    }
    for (const alert of said.filter((s) => s.role === 'alert')) expect(alert.text).to.equal("That password isn't right Check it and try again, or use another way to sign in.");
    expectSaidWhole(query(harness, '[part~="failure-notice"]')!, "That password isn't right", 'Check it and try again');
  });

  it('a failed passkey sign-in: the step\'s notice holds title and sentence, the ways on sit outside it', async () => {
    await given({ authenticationVerify: problem(400, 'verification-failed') }, { get: { resolve: true } });
    const harness = await ready();
    const said = listen(harness.root);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    const notice = harness.notice!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expectSaidWhole(notice, "We couldn't confirm that passkey", 'Please try again.');
    expect(said.filter((s) => s.role === 'alert').map((s) => s.text)).to.include("We couldn't confirm that passkey Please try again.");
    expect(harness.buttonLabels()).to.include('Try again');
  });

  it('a denied device sign-in: one whole alert, "Try again" outside it', async () => {
    await given({ deviceRequest: { status: 201, body: { id: 'AAAAAAAAAAAAAAAAAAAAAA', code: '7KQ2-M9XD', expiresIn: 600, pollAfter: 1 } }, deviceRequestStatus: { body: { status: 'denied' } } });
    const harness = await ready(html`<passkey-login methods="passkey device email-code"></passkey-login>`);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await waitUntil(() => query(harness, '[data-method="device"]'), 'device offered');
    press(harness, '[data-method="device"]');
    await waitUntil(() => query(harness, '[part~="failure-notice"]'), `denied: ${harness.text}`, { timeout: 4000 });
    expectSaidWhole(query(harness, '[part~="failure-notice"]')!, 'The sign-in was denied', 'It was turned down on your other device.');
  });

  it('the backup nudge: its buttons are not inside its live region', async () => {
    await given({ passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'singleDevice', backedUp: false }] } } }, { get: { resolve: true } });
    const harness = await ready(html`<passkey-login></passkey-login>`, false);
    harness.click('Sign in with a passkey');
    await harness.state('signed-in');
    await waitUntil(() => query(harness, '[part~="nudge"]'), `nudge: ${harness.text}`);
    expect(query(harness, '[part~="nudge"] [part~="nudge-add-button"]'), 'the buttons stay in the box').not.to.equal(null);
    for (const region of regions(harness)) {
      expect(region.querySelectorAll('button, a'), `no buttons inside "${flat(region.textContent)}"`).to.have.length(0);
    }
    const nudge = regions(harness).find((region) => flat(region.textContent).includes('Add a backup passkey'))!;
    expect(nudge.getAttribute('role')).to.equal('status');
    expectSaidWhole(nudge, 'Add a backup passkey', 'You have one passkey.');
  });
});

describe('announcements: masked values read as words', () => {
  for (const [method, reply, shown, heard] of [
    ['email-code', fixtures.emailSent, 'a•••@example.com', /^We emailed a 6-digit code to a hidden @example\.com\./],
    ['sms-code', fixtures.smsSent, '+49 ••• 12', /^We texted a 6-digit code to \+49 hidden 12\./],
  ] as const) {
    it(`${method}: "${shown}" is shown, and read without "bullet"`, async () => {
      await given({ codeSend: { body: reply }, codeVerify: { hang: true } });
      const harness = await ready();
      harness.type(IDENTIFIER);
      const said = listen(harness.root);
      await codeStep(harness, method);
      const destination = query(harness, '[part~="destination"]')!;
      expect(flat(destination.textContent)).to.include(shown);
      // Isolated, so right-to-left text never reorders the sentence.
      expect(flat(destination.querySelector('bdi')?.textContent)).to.include(shown);
      expect(spoken(destination)).not.to.include('•');
      expect(spoken(destination)).to.match(heard);
      const status = said.find((s) => s.text.startsWith('Code sent to'));
      expect(status?.text).not.to.include('•');
      expect(status?.text).to.include('hidden');
    });
  }
});

/** Mounted at `width` CSS px, in a viewport that narrow too (as at 400% zoom of 1280 px). */
async function narrow(template: ReturnType<typeof html>, width = 320): Promise<Harness> {
  await setViewport({ width, height: 800 });
  const container = await fixture<HTMLElement>(html`<div style="inline-size:${width}px">${template}</div>`);
  const harness = new Harness(container.querySelector('passkey-login') as PasskeyLogin);
  await harness.state('ready');
  await waitUntil(() => platform.calls.some((call) => call.kind === 'conditional'), 'autofill armed');
  await harness.settled();
  await waitUntil(() => query(harness, '[part~="other-ways-button"], [part~="method-button"]'), 'other ways on the form');
  return harness;
}

/** Nothing sticks out of the element, and every button and link is at least 24×24 (WCAG 1.4.10, 2.5.8). */
function expectFits(harness: Harness, where: string): void {
  const host = harness.element.getBoundingClientRect();
  const out: string[] = [];
  for (const element of harness.root.querySelectorAll<HTMLElement>('*')) {
    if (element.closest('.visually-hidden, [hidden]') || element.matches('.visually-hidden, style')) continue;
    const box = element.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    if (box.right > host.right + 0.5 || box.left < host.left - 0.5) out.push(`${element.localName}[part="${element.getAttribute('part') ?? ''}"] ${Math.round(box.left)}–${Math.round(box.right)}`);
    // Clipped content: wider inside than its box, with the rest hidden.
    if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible' && element.localName !== 'input')
      out.push(`${element.localName}[part="${element.getAttribute('part') ?? ''}"] clips ${element.scrollWidth} > ${element.clientWidth}`);
  }
  expect(out, `${where}: inside ${Math.round(host.left)}–${Math.round(host.right)}`).to.deep.equal([]);
  const small = [...harness.root.querySelectorAll<HTMLElement>('button, a[href], summary')]
    .map((target) => [target, target.getBoundingClientRect()] as const)
    .filter(([, box]) => box.width < 24 || box.height < 24)
    .map(([target, box]) => `${target.getAttribute('part') ?? target.localName} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
  expect(small, `${where}: targets under 24×24`).to.deep.equal([]);
}

describe('announcements: 320 px wide, targets of 24×24', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('the form, the chooser and the password step, with the password shown and hidden', async () => {
    await given({ passwordSignIn: problem(401, 'invalid-credentials') });
    const harness = await narrow(html`<passkey-login methods=${ALL}></passkey-login>`);
    expectFits(harness, 'form');
    harness.type('ada.lovelace.with.a.rather.long.address@analytical-engine.example.com');
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await waitUntil(() => query(harness, '[data-method="password"]'), 'password offered');
    expectFits(harness, 'chooser');
    press(harness, '[data-method="password"]');
    await harness.state('password');
    await harness.element.updateComplete;
    expectFits(harness, 'password');
    typeInto(harness, '#password', 'a fairly long password that is longer than the field is wide');
    press(harness, '[part~="show-password-button"]');
    expect(query(harness, '[part~="show-password-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    expectFits(harness, 'password shown');
    // The toggle sits inside the field and never covers the text being typed.
    const input = query<HTMLInputElement>(harness, '#password')!.getBoundingClientRect();
    const toggle = query(harness, '[part~="show-password-button"]')!.getBoundingClientRect();
    expect(toggle.right).to.be.at.most(input.right + 0.5);
    expect(toggle.left).to.be.at.least(input.left);
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => query(harness, '[part~="failure-notice"]'), 'refused');
    await harness.element.updateComplete;
    expectFits(harness, 'password refused');
    press(harness, '[part~="submit-button"]');
    await waitUntil(() => query(harness, '[part~="field-error"]'), 'asked for');
    expectFits(harness, 'password required');
  });

  it('the code step, counting down and with a failure', async () => {
    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 0 }) });
    const harness = await narrow(html`<passkey-login methods=${ALL}></passkey-login>`);
    await codeStep(harness);
    expectFits(harness, 'code');
    typeInto(harness, '#code', '123456');
    await waitUntil(() => query(harness, '[part~="failure-notice"]') && query(harness, 'form[part~="code"][aria-busy="false"]'), 'refused');
    expectFits(harness, 'code refused');
  });

  it('the device step: the whole approval code, long ones too', async () => {
    for (const code of ['7KQ2-M9XD', '7KQ2-M9XD-4HJP-WW3A']) {
      await given({ deviceRequest: { status: 201, body: { id: 'AAAAAAAAAAAAAAAAAAAAAA', code, expiresIn: 600, pollAfter: 2 } }, deviceRequestStatus: { hang: true } });
      const harness = await narrow(html`<passkey-login methods="passkey device email-code" approve-url="/approve?code={code}"></passkey-login>`);
      press(harness, '[part~="other-ways-button"]');
      await harness.state('choosing');
      await waitUntil(() => query(harness, '[data-method="device"]'), 'device offered');
      expectFits(harness, 'chooser with device');
      press(harness, '[data-method="device"]');
      await waitUntil(() => query(harness, '[part~="device-code"]'), `device code shown: ${harness.text}`);
      await waitUntil(() => query(harness, '[part~="qr"]'), 'QR code drawn');
      expect(flat(query(harness, '[part~="device-code"]')!.textContent)).to.equal(code);
      expectFits(harness, `device ${code}`);
    }
  });

  it('"Need help?" with its details open', async () => {
    await given();
    const harness = await narrow(html`<passkey-login methods=${ALL} support-contact="https://example.com/support?ref={reference}"></passkey-login>`);
    harness.type(IDENTIFIER);
    press(harness, '[part~="other-ways-button"]');
    await harness.state('choosing');
    await waitUntil(() => query(harness, '[part~="help-button"]'), 'help offered');
    press(harness, '[part~="help-button"]');
    await harness.state('help');
    await harness.element.updateComplete;
    query<HTMLDetailsElement>(harness, 'details')!.open = true;
    expectFits(harness, 'help');
  });
});

/**
 * What forced colours keep of an icon: Chromium forces `color` (and with it `currentColor`) but
 * leaves SVG strokes drawn in it; backgrounds and box shadows are replaced. So an icon must be an
 * SVG drawn in currentColor, shown, and not hidden by a forced-colours rule of the element's own.
 */
function expectIconSurvives(harness: Harness, box: Element): string {
  const icon = box.querySelector('svg');
  expect(icon, `an icon in "${flat(box.textContent)}"`).not.to.equal(null);
  const style = getComputedStyle(icon!);
  const rect = icon!.getBoundingClientRect();
  expect(style.display).not.to.equal('none');
  expect(style.visibility).to.equal('visible');
  expect(rect.width * rect.height, 'drawn at a size').to.be.greaterThan(100);
  const shapes = [...icon!.querySelectorAll<SVGGeometryElement>('path, circle, rect, line, polyline')].filter((shape) => getComputedStyle(shape).display !== 'none');
  expect(shapes.length).to.be.greaterThan(0);
  for (const shape of shapes) {
    const drawn = getComputedStyle(shape);
    const ink = drawn.stroke !== 'none' ? drawn.stroke : drawn.fill;
    expect(ink, 'drawn in currentColor, which forced colours keep').to.equal(drawn.color);
  }
  // The element's own forced-colours rules must not hide the icon.
  for (const sheet of harness.root.adoptedStyleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSMediaRule) || !rule.conditionText.includes('forced-colors')) continue;
      for (const inner of rule.cssRules) {
        if (!(inner instanceof CSSStyleRule)) continue;
        if (![icon!, ...shapes].some((element) => element.matches(inner.selectorText))) continue;
        expect(inner.style.display, inner.cssText).not.to.equal('none');
        expect(inner.style.visibility, inner.cssText).not.to.equal('hidden');
        expect(inner.style.stroke, inner.cssText).not.to.match(/none|transparent|Canvas\b/);
      }
    }
  }
  return [...shapes].map((shape) => shape.getAttribute('d') ?? shape.outerHTML).join(' ');
}

describe('announcements: forced colours keep calm and urgent apart', () => {
  it('a calm notice and an urgent notice each keep their own icon', async () => {
    await given({ passkeys: { body: { passkeys: [{ id: 'a', deviceType: 'singleDevice', backedUp: false }] } } }, { get: { resolve: true } });
    const calmHarness = await ready(html`<passkey-login></passkey-login>`, false);
    calmHarness.click('Sign in with a passkey');
    await calmHarness.state('signed-in');
    await waitUntil(() => query(calmHarness, '[part~="nudge"]'), 'a calm notice');
    const calm = expectIconSurvives(calmHarness, query(calmHarness, '[part~="nudge"]')!);
    calmHarness.element.remove();

    await given({ codeVerify: problem(400, 'code-invalid', { triesLeft: 4 }) });
    const harness = await ready();
    await codeStep(harness);
    typeInto(harness, '#code', '123456');
    await waitUntil(() => query(harness, '[part~="failure-notice"]'), 'an urgent notice');
    const urgent = expectIconSurvives(harness, query(harness, '[part~="failure-notice"]')!);
    expect(urgent, 'an icon of its own').not.to.equal(calm);
  });

  it('a failed step: calm (a cancel) and urgent (a refusal) have their own icons too', async () => {
    await given({}, { get: { reject: 'NotAllowedError' } });
    const calmHarness = await ready(html`<passkey-login></passkey-login>`, false);
    calmHarness.click('Sign in with a passkey');
    await calmHarness.state('failed');
    await calmHarness.settled();
    expect(calmHarness.notice!.getAttribute('role')).to.equal('status');
    const calm = expectIconSurvives(calmHarness, calmHarness.notice!);
    calmHarness.element.remove();

    await given({ authenticationVerify: problem(400, 'verification-failed') }, { get: { resolve: true } });
    const harness = await ready(html`<passkey-login></passkey-login>`, false);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(harness.notice!.getAttribute('role')).to.equal('alert');
    const urgent = expectIconSurvives(harness, harness.notice!);
    expect(urgent).not.to.equal(calm);
  });
});

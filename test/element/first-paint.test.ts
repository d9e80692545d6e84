/**
 * The first paint is the form as it stays: what loads later (the other ways in, the browser's
 * capabilities) fills in a place already there, so nothing below the element moves.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { http, passthrough } from 'msw';
import { elementTests, given, ready } from '../support/element.js';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import { Harness, mount } from '../support/harness.js';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const ALL = 'passkey hybrid email-code sms-code password';
const link = (harness: Harness) => harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]');
const height = (harness: Harness) => harness.element.getBoundingClientRect().height;

/** Every height the element takes from now on, and every hybrid button that ever appears. */
function watch(harness: Harness): { heights: number[]; hybrid: number } {
  const seen = { heights: [height(harness)], hybrid: harness.root.querySelector('[part~="hybrid-button"]') ? 1 : 0 };
  new ResizeObserver(() => seen.heights.push(height(harness))).observe(harness.element);
  new MutationObserver(() => {
    if (harness.root.querySelector('[part~="hybrid-button"]')) seen.hybrid += 1;
  }).observe(harness.root, { childList: true, subtree: true });
  return seen;
}

// First in the file: the steps chunk loads once per page, and stays.
describe('first paint: before the other ways in have loaded', () => {
  it('"Other ways to sign in" is there from the first paint, the height never changes, and a click on it waits for them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await given({}, { capabilities: { hybridTransport: false } }, [
      http.get(/\/src\/steps\.(ts|js)(\?.*)?$/, async () => {
        held += 1;
        await gate;
        return passthrough();
      }),
    ]);
    const harness = await mount(html`<passkey-login methods=${ALL}></passkey-login>`);
    const seen = watch(harness);
    try {
      expect(link(harness), 'on the first paint').to.not.equal(null);
      expect(harness.root.querySelector('[part~="hybrid-button"]'), 'hybrid waits for the capabilities').to.equal(null);
      await harness.state('ready');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A page view without interaction loads nothing more.
      expect(held, 'the steps chunk, before anyone shows intent').to.equal(0);
      // Checking, then ready with autofill armed: one height.
      expect(new Set(seen.heights).size, `heights ${seen.heights.join(', ')}`).to.equal(1);

      // Focus on the link: intent. The chunk is asked for; a click on it waits for it.
      link(harness)!.focus();
      await waitUntil(() => held > 0, 'the steps chunk requested on focus');
      link(harness)!.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(harness.element.state, 'nothing to show yet').to.equal('ready');
    } finally {
      release();
    }
    await harness.state('choosing');
    await harness.settled();
    expect(harness.root.querySelector('[data-method="email-code"]'), 'the chooser, once its views are in').to.not.equal(null);
    expect(seen.hybrid, 'no hybrid button on a browser without hybrid transport, not even for a moment').to.equal(0);
  });
});

describe('first paint: the form keeps its height as it fills in', () => {
  it('with the other ways loaded: the same link, the same height', async () => {
    await given({}, { capabilities: { hybridTransport: false } });
    const harness = await mount(html`<passkey-login methods=${ALL}></passkey-login>`);
    const first = height(harness);
    const seen = watch(harness);
    expect(link(harness)).to.not.equal(null);
    await harness.state('ready');
    await harness.settled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(link(harness)).to.not.equal(null);
    expect(height(harness)).to.equal(first);
    expect(seen.hybrid).to.equal(0);
  });

  for (const [name, template] of [
    ['methods="passkey, hybrid"', html`<passkey-login methods="passkey, hybrid"></passkey-login>`],
    ['no methods (passkeys only)', html`<passkey-login></passkey-login>`],
  ] as const) {
    it(`a passkey-only site has no link and no empty row for one: ${name}`, async () => {
      await given({}, { capabilities: { hybridTransport: false } });
      const harness = await mount(template);
      const first = height(harness);
      expect(link(harness)).to.equal(null);
      expect(harness.root.querySelector('[part~="links"]')).to.equal(null);
      await harness.state('ready');
      await harness.settled();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(link(harness)).to.equal(null);
      expect(harness.root.querySelector('[part~="links"]')).to.equal(null);
      expect(height(harness)).to.equal(first);
    });
  }

  it('where the browser can use a phone, the hybrid button comes with the capabilities', async () => {
    await given({}, { capabilities: { hybridTransport: true } });
    const harness = await ready(html`<passkey-login methods=${ALL}></passkey-login>`);
    expect(harness.root.querySelector('[part~="hybrid-button"]')).to.not.equal(null);
  });
});

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((container) => container.remove()));

/**
 * A new element whose loads of the steps beyond the form are counted: the chunk itself stays in
 * the page once loaded, so what each element asks for is what tells intent from none.
 */
async function counted(markup: string): Promise<{ harness: Harness; loads: () => number }> {
  const container = document.createElement('div');
  container.innerHTML = markup;
  const element = container.firstElementChild as PasskeyLogin;
  let loads = 0;
  const load = element.loadViews.bind(element);
  element.loadViews = () => {
    loads += 1;
    return load();
  };
  document.body.append(container);
  mounted.push(container);
  return { harness: new Harness(element), loads: () => loads };
}

describe('first paint: what loads without anyone’s intent', () => {
  it('nothing beyond the form for a page view nobody interacts with; a pointer over the element loads it', async () => {
    await given();
    const { harness, loads } = await counted(`<passkey-login methods="${ALL}"></passkey-login>`);
    await harness.state('ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(loads()).to.equal(0);
    harness.element.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    expect(loads()).to.equal(1);
  });

  it('a way in used last time on this browser: the form offers it without waiting for a pointer', async () => {
    localStorage.setItem('passkey-login.last-method', 'password');
    await given();
    const { harness, loads } = await counted(`<passkey-login methods="${ALL}"></passkey-login>`);
    await harness.state('ready');
    await waitUntil(() => harness.root.querySelector('[part~="last-used"]'), 'the way used last time, on the form');
    expect(loads()).to.be.greaterThan(0);
  });

  it('a session found on load: the signed-in step shows without intent', async () => {
    await given({ session: { body: { user: { id: 'u1', name: 'ada@example.com' } } } });
    const { harness, loads } = await counted('<passkey-login check-session></passkey-login>');
    await harness.state('signed-in');
    await waitUntil(() => harness.root.querySelector('[part~="signed-in"]'), 'the signed-in step');
    expect(loads()).to.be.greaterThan(0);
  });

  it('methods without passkey or hybrid: no button for them, from the first paint on', async () => {
    await given({}, { capabilities: { hybridTransport: true } });
    const harness = await mount(html`<passkey-login methods="email-code password"></passkey-login>`);
    expect(harness.root.querySelector('[part~="passkey-button"]'), 'first paint').to.equal(null);
    await harness.state('ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.root.querySelector('[part~="passkey-button"], [part~="hybrid-button"]')).to.equal(null);
    const noHybrid = await mount(html`<passkey-login methods="passkey, email-code"></passkey-login>`);
    await noHybrid.state('ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(noHybrid.root.querySelector('[part~="passkey-button"]')).to.not.equal(null);
    expect(noHybrid.root.querySelector('[part~="hybrid-button"]'), 'hybrid not listed').to.equal(null);
  });
});

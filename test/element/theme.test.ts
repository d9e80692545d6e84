/**
 * Colours in both schemes: every pair of text and what it sits on keeps WCAG AA contrast, in
 * light and dark, by the `theme` attribute or the system's preference, and when a site overrides
 * a single colour of one scheme the other scheme is untouched. Also the layout tokens: padding
 * (0 inside a site's own card) and the heading level.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import { elementTests, given } from '../support/element.js';
import { Harness } from '../support/harness.js';

elementTests();

type Rgb = [number, number, number];

function parse(colour: string): Rgb {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** WCAG 2.2 §1.4.3 contrast ratio. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: Rgb) => {
    const [r, g, bl] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [luminance(parse(a)), luminance(parse(b))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** The pairs that must read: each is [what, foreground, background]. */
function pairs(element: PasskeyLogin): Array<[string, string, string]> {
  const root = element.shadowRoot!;
  const host = getComputedStyle(element);
  const button = getComputedStyle(root.querySelector('[part~="continue-button"]')!);
  const secondary = getComputedStyle(root.querySelector('[part~="passkey-button"]')!);
  const hint = getComputedStyle(root.querySelector('[part~="hint"]')!);
  const input = getComputedStyle(root.querySelector('input')!);
  return [
    ['text', host.color, host.backgroundColor],
    ['primary button', button.color, button.backgroundColor],
    ['secondary button', secondary.color, host.backgroundColor],
    ['hint', hint.color, host.backgroundColor],
    ['input', input.color, input.backgroundColor],
  ];
}

async function mount(style: string, theme?: 'light' | 'dark'): Promise<PasskeyLogin> {
  const element = await fixture<PasskeyLogin>(
    theme ? html`<passkey-login style=${style} theme=${theme}></passkey-login>` : html`<passkey-login style=${style}></passkey-login>`,
  );
  await new Harness(element).state('ready');
  await element.updateComplete;
  return element;
}

function expectReadable(element: PasskeyLogin, label: string): void {
  for (const [what, foreground, background] of pairs(element)) {
    expect(contrast(foreground, background), `${label}: ${what} ${foreground} on ${background}`).to.be.at.least(4.5);
  }
}

describe('theme: contrast in both schemes', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const theme of ['light', 'dark'] as const) {
    it(`theme="${theme}" on a page of the other scheme: every pair readable`, async () => {
      await given();
      await emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
      expectReadable(await mount('', theme), theme);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`no theme: follows the system (${scheme})`, async () => {
      await given();
      await emulateMedia({ colorScheme: scheme });
      const element = await mount('');
      expectReadable(element, scheme);
      expect(getComputedStyle(element).colorScheme).to.include(scheme);
    });
  }

  // A brand's light colours (as a site overriding one token for its light page would set them):
  // the dark scheme must not pick any of them up.
  const lightOverrides = {
    background: '#fff7e6',
    text: '#101828',
    primary: '#c2410c',
    surface: '#fffbeb',
    muted: '#475467',
  };
  for (const [token, value] of Object.entries(lightOverrides)) {
    it(`--passkey-login-color-${token} alone changes the light scheme only`, async () => {
      await given();
      const style = `--passkey-login-color-${token}: ${value}`;
      const dark = await mount(style, 'dark');
      expectReadable(dark, `dark with ${token} overridden`);
      const light = await mount(style, 'light');
      const used = token === 'background' ? getComputedStyle(light).backgroundColor : token === 'text' ? getComputedStyle(light).color : undefined;
      if (used) expect(parse(used)).to.deep.equal(parse(value));
    });
  }

  it('each scheme has its own token: -dark sets the dark scheme only', async () => {
    await given();
    const style = '--passkey-login-color-background-dark: #0f172a';
    expect(parse(getComputedStyle(await mount(style, 'dark')).backgroundColor)).to.deep.equal(parse('#0f172a'));
    expect(parse(getComputedStyle(await mount(style, 'light')).backgroundColor)).to.deep.equal(parse('#ffffff'));
  });
});

describe('theme: layout tokens', () => {
  it('--passkey-login-padding: 0 sits flush inside a site card', async () => {
    await given();
    const element = await mount('--passkey-login-padding: 0');
    expect(getComputedStyle(element).paddingInlineStart).to.equal('0px');
    const defaulted = await mount('');
    expect(parseFloat(getComputedStyle(defaulted).paddingInlineStart)).to.be.greaterThan(0);
  });

  it('heading-level sets the level of every step heading', async () => {
    await given();
    const element = await fixture<PasskeyLogin>(html`<passkey-login heading-level="1"></passkey-login>`);
    await new Harness(element).state('ready');
    const heading = element.shadowRoot!.querySelector('[part~="heading"]')!;
    expect([heading.getAttribute('role'), heading.getAttribute('aria-level')]).to.deep.equal(['heading', '1']);
  });
});

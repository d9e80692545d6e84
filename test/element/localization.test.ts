/**
 * The element speaks the language of its page: from its own `lang`, an ancestor's (through shadow
 * roots) or the browser's, matched to the locales we have; `dir` follows; a site adds or changes
 * words; and a page whose app has its own @lit/localize keeps both working.
 */
import { configureLocalization, msg as appMsg } from '@lit/localize';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { catalog, match } from '../../src/l10n/catalogs.js';
import { speak } from '../../src/l10n/msg.js';
import { PasskeyLogin } from '../../src/passkey-login.js';
import { failureText } from '../../src/views/failure-text.js';
import { elementTests, given } from '../support/element.js';
import { Harness } from '../support/harness.js';

elementTests();

const heading = (harness: Harness) => harness.root.querySelector('[part~="heading"]')?.textContent?.trim();
const container = (harness: Harness) => harness.root.querySelector<HTMLElement>('[part~="container"]')!;
/** The direction its text is laid out in: declared on the container, or inherited. */
const direction = (harness: Harness) => getComputedStyle(container(harness)).direction;

/** `<passkey-login>` inside `wrapper`, once its form is on screen. */
async function inside(wrapper: ReturnType<typeof html>): Promise<Harness> {
  const host = await fixture<HTMLElement>(wrapper);
  const element = host instanceof PasskeyLogin ? host : host.querySelector('passkey-login') ?? host.shadowRoot!.querySelector('passkey-login')!;
  const harness = new Harness(element as PasskeyLogin);
  await harness.state('ready');
  return harness;
}

describe('localization: choosing the language', () => {
  beforeEach(() => given({}));

  const cases: [lang: string, locale: string, text: string, dir: string][] = [
    ['de', 'de', 'Anmelden oder Konto erstellen', 'ltr'],
    ['de-AT', 'de', 'Anmelden oder Konto erstellen', 'ltr'],
    ['fr-CA', 'fr', 'Se connecter ou créer un compte', 'ltr'],
    ['pt', 'pt-BR', 'Faça login ou crie uma conta', 'ltr'],
    ['pt-PT', 'pt-BR', 'Faça login ou crie uma conta', 'ltr'],
    ['zh-TW', 'zh-Hant', '登入或建立帳戶', 'ltr'],
    ['zh-HK', 'zh-Hant', '登入或建立帳戶', 'ltr'],
    ['ar-EG', 'ar', 'تسجيل الدخول أو إنشاء حساب', 'rtl'],
    ['en-GB', 'en', 'Sign in or create an account', 'ltr'],
  ];
  for (const [lang, locale, text, dir] of cases) {
    it(`lang="${lang}" on an ancestor: ${locale}, ${dir}, from the first render`, async () => {
      const host = await fixture<HTMLElement>(html`<div lang=${lang}><passkey-login></passkey-login></div>`);
      const element = host.querySelector('passkey-login')!;
      // The first render is already in the page's language: no English first.
      await element.updateComplete;
      const harness = new Harness(element);
      expect(heading(harness)).to.equal(text);
      expect(container(harness).lang).to.equal(locale);
      await waitUntil(() => direction(harness) === dir, `dir ${dir}, is ${direction(harness)}`);
    });
  }

  // English in the page's own tree starts without the localizer, its direction inherited; these
  // are the cases where inheriting would be wrong, or right only by the localizer's say.
  const directions: [where: string, markup: ReturnType<typeof html>, dir: string][] = [
    ['a dir outside the element’s language (the language’s own wins)', html`<div dir="rtl"><div lang="en"><passkey-login></passkey-login></div></div>`, 'ltr'],
    ['a dir declared with the language', html`<div lang="en" dir="rtl"><passkey-login></passkey-login></div>`, 'rtl'],
    ['a dir inside the language’s element', html`<div lang="en"><div dir="rtl"><passkey-login></passkey-login></div></div>`, 'rtl'],
  ];
  for (const [where, markup, dir] of directions) {
    it(`English with ${where}: ${dir}`, async () => {
      const harness = await inside(markup);
      await waitUntil(() => direction(harness) === dir, `dir ${dir}, is ${direction(harness)}`);
      // Not only for a moment: the localizer, where it loads, does so once the page has a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(direction(harness)).to.equal(dir);
    });
  }

  it('the element’s own lang wins over the page’s', async () => {
    const harness = await inside(html`<div lang="fr"><passkey-login lang="ja"></passkey-login></div>`);
    expect(heading(harness)).to.equal('ログインまたはアカウントを作成');
    expect(container(harness).lang).to.equal('ja');
  });

  it('looks through the shadow root of an app’s own component', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="nl"><section></section></div>`);
    const root = host.querySelector('section')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<passkey-login></passkey-login>';
    const harness = new Harness(root.querySelector('passkey-login')!);
    await waitUntil(() => container(harness)?.lang === 'nl', 'Dutch');
    expect(heading(harness)).to.not.equal('Sign in or create an account');
  });

  it('a language we lack falls back to the browser’s languages, then English', async () => {
    const harness = await inside(html`<div lang="fi"><passkey-login></passkey-login></div>`);
    // Chromium under test prefers en-US.
    expect(container(harness).lang).to.equal('en');
    expect(heading(harness)).to.equal('Sign in or create an account');
  });

  it('changing lang at runtime re-renders in the new language, keeping what was typed', async () => {
    const harness = await inside(html`<div lang="de"><passkey-login></passkey-login></div>`);
    harness.type('ada@example.com');
    harness.element.parentElement!.setAttribute('lang', 'he');
    await waitUntil(() => container(harness).lang === 'he', 'Hebrew');
    await waitUntil(() => container(harness).dir === 'rtl', 'right to left');
    expect(harness.input!.value).to.equal('ada@example.com');
    expect(heading(harness)).to.not.equal('Anmelden oder Konto erstellen');
  });

  it('an English element, and one connected after the page changed language once, each follow the next change', async () => {
    const first = await inside(html`<div lang="en"><passkey-login></passkey-login></div>`);
    first.element.parentElement!.setAttribute('lang', 'fr');
    await waitUntil(() => container(first).lang === 'fr', 'the first in French');
    const second = await inside(html`<div lang="en"><passkey-login></passkey-login></div>`);
    expect(container(second).lang).to.equal('en');
    second.element.parentElement!.setAttribute('lang', 'it');
    await waitUntil(() => container(second).lang === 'it', 'the second in Italian');
  });

  it('an explicit dir on the element wins over the locale’s', async () => {
    const harness = await inside(html`<div lang="ar"><passkey-login dir="ltr"></passkey-login></div>`);
    await waitUntil(() => container(harness).lang === 'ar', 'Arabic');
    expect(container(harness).dir).to.equal('ltr');
  });

  it('the approval element speaks the page’s language too', async () => {
    await import('../../src/approval/define.js');
    const host = await fixture<HTMLElement>(html`<div lang="de"><passkey-login-approval></passkey-login-approval></div>`);
    const element = host.querySelector('passkey-login-approval')!;
    await waitUntil(() => element.shadowRoot?.querySelector('[part~="container"]')?.getAttribute('lang') === 'de', 'German');
    expect(element.shadowRoot!.textContent).to.contain('Anmeldung genehmigen');
  });
});

describe('localization: matching a language tag to our locales', () => {
  const table: [string, string | undefined][] = [
    ['en', 'en'], ['en-US', 'en'], ['EN-gb', 'en'], ['en-XA', 'en-XA'], ['de-AT', 'de'], ['fr-CA', 'fr'],
    ['pt', 'pt-BR'], ['pt-PT', 'pt-BR'], ['pt-BR', 'pt-BR'], ['zh', 'zh-Hans'], ['zh-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['zh-Hant-TW', 'zh-Hant'], ['iw', 'he'], ['in', 'id'],
    ['fi', undefined], ['sr-Latn', undefined], ['en_US', undefined], ['', undefined],
  ];
  for (const [tag, locale] of table) {
    it(`"${tag}" → ${locale ?? 'none (the next tag, or English)'}`, () => expect(match(tag)).to.equal(locale));
  }

  it('a tag whose language has one locale of ours needs no likely-subtags data (Intl.Locale stays unused)', () => {
    const original = Intl.Locale;
    const intl = Intl as { Locale: typeof Intl.Locale };
    let built = 0;
    intl.Locale = class extends original {
      constructor(...args: ConstructorParameters<typeof Intl.Locale>) {
        super(...args);
        built += 1;
      }
    } as typeof Intl.Locale;
    try {
      for (const tag of ['en-US', 'de-CH', 'fr', 'pt-PT', 'ja-JP', 'ar-EG']) match(tag);
      expect(built).to.equal(0);
      match('zh-TW');
      expect(built, 'a Chinese tag asks for its script').to.equal(1);
    } finally {
      intl.Locale = original;
    }
  });
});

describe('localization: a site’s own words', () => {
  beforeEach(() => given({}));

  it('adds a language of its own, with our English for what it leaves out, and values by position', async () => {
    PasskeyLogin.addMessages('fi', { 'form.heading': 'Kirjaudu sisään', 'signin.passkey': 'Käytä pääsyavainta' });
    const harness = await inside(html`<div lang="fi-FI"><passkey-login></passkey-login></div>`);
    expect(container(harness).lang).to.equal('fi');
    expect(heading(harness)).to.equal('Kirjaudu sisään');
    expect(harness.buttonLabels()).to.include('Käytä pääsyavainta');
    expect(harness.text).to.contain('Email or username');
  });

  it('changes single messages of ours, on elements already on the page too', async () => {
    const harness = await inside(html`<div lang="de"><passkey-login></passkey-login></div>`);
    PasskeyLogin.addMessages('de', async () => ({ 'form.heading': 'Bei Beispiel anmelden' }));
    await waitUntil(() => heading(harness) === 'Bei Beispiel anmelden', `heading is ${heading(harness)}`);
    // The rest stays ours.
    expect(harness.buttonLabels()).to.include('Mit Passkey anmelden');
  });

  it('a site’s sentence with values: {0} is the first value of the English, isolated where ours is', async () => {
    const [, words] = await catalog(['de']);
    PasskeyLogin.addMessages('de', { 'signed-in.as-shown': 'Hallo {0}!' });
    const [, changed] = await catalog(['de']);
    expect(words['signed-in.as-shown']).to.not.equal(changed['signed-in.as-shown']);
    const { signedInText } = await import('../../src/steps/signed-in/views.js');
    speak({ lang: 'de', words: changed });
    const host = await fixture<HTMLElement>(html`<p>${signedInText.signedInAsShown('ada@example.com')}</p>`);
    speak({ lang: 'en' });
    expect(host.textContent).to.equal('Hallo ada@example.com!');
    expect(host.querySelector('bdi')?.textContent).to.equal('ada@example.com');
  });
});

describe('localization: numbers in the grammar of the language', () => {
  afterEach(() => speak({ lang: 'en' }));

  it('tries left take the plural form of the count (Polish: one, few, many)', async () => {
    const [, words] = await catalog(['pl']);
    speak({ lang: 'pl', words });
    const said = (n: number) => failureText('code-invalid', 'email-code', { triesLeft: n }).body;
    expect(said(1)).to.match(/ 1 próbę\.$/);
    expect(said(3)).to.match(/ 3 próby\.$/);
    expect(said(5)).to.match(/ 5 prób\.$/);
  });

  it('and in English, one try, two tries', () => {
    const said = (n: number) => failureText('code-invalid', 'email-code', { triesLeft: n }).body;
    expect(said(1)).to.equal('Check the code and try again. You have 1 more try.');
    expect(said(2)).to.equal('Check the code and try again. You have 2 more tries.');
  });
});

describe('localization: a page whose app uses @lit/localize itself', () => {
  beforeEach(() => given({}));

  it('both keep their own locale: the app’s German, the element’s French', async () => {
    const { setLocale } = configureLocalization({
      sourceLocale: 'en',
      targetLocales: ['de'],
      loadLocale: async () => ({ templates: { 'app.hello': 'Hallo aus der App' } }),
    });
    await setLocale('de');
    expect(appMsg('Hello from the app', { id: 'app.hello' })).to.equal('Hallo aus der App');
    const harness = await inside(html`<div lang="fr"><passkey-login></passkey-login></div>`);
    expect(heading(harness)).to.equal('Se connecter ou créer un compte');
    // The element never configured @lit/localize: the app's messages are still its own.
    expect(appMsg('Hello from the app', { id: 'app.hello' })).to.equal('Hallo aus der App');
  });
});

describe('localization: the pseudo-locale', () => {
  beforeEach(() => given({}));

  it('en-XA accents every word and makes it about 40 % longer, to catch clipping', async () => {
    const harness = await inside(html`<div lang="en-XA"><passkey-login></passkey-login></div>`);
    expect(heading(harness)).to.match(/^\[Sígñ íñ ör çréáté áñ áççöüñt ·+\]$/);
  });
});

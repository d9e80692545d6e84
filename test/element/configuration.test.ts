/**
 * When configuration takes effect. However a page or a framework sets the element up (attributes,
 * properties before the script upgrades it, properties right after the tag, a microtask later,
 * or a change while the first requests are out), its first requests go to the configured URLs
 * through the configured hook, and nowhere else.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { http, HttpResponse } from 'msw';
import { PasskeyLogin } from '../../src/passkey-login.js';
import type { EndpointMap } from '../../src/backend/config.js';
import { fixtures } from '../mocks/backend.js';
import { elementTests, given, operations, platform } from '../support/element.js';
import { Harness } from '../support/harness.js';

elementTests();

/** Requests that reached the custom routes, by path and the hook that sent them. */
let custom: string[] = [];
let hooked: string[] = [];

const endpoints: EndpointMap = {
  authenticationOptions: { url: '/custom/options', method: 'GET' },
  session: { url: '/custom/session' },
};

const hook: typeof fetch = (input, init) => {
  hooked.push(`${init?.method ?? 'GET'} ${new URL(String(input), location.href).pathname}`);
  return fetch(input, init);
};

/** The custom backend: the options a conditional request arms with, and a signed-in session when asked. */
function customBackend(session: 'signed-in' | 'none', delayMs = 0) {
  const wait = () => new Promise((resolve) => setTimeout(resolve, delayMs));
  return [
    http.get('/custom/options', async () => {
      custom.push('GET /custom/options');
      await wait();
      return HttpResponse.json({ ...fixtures.requestOptions, challenge: 'Y3VzdG9tLWNoYWxsZW5nZQ' });
    }),
    http.get('/custom/session', async () => {
      custom.push('GET /custom/session');
      await wait();
      return HttpResponse.json(session === 'signed-in' ? fixtures.signIn : { user: null });
    }),
    http.get('/other/options', () => {
      custom.push('GET /other/options');
      return HttpResponse.json({ ...fixtures.requestOptions, challenge: 'b3RoZXItY2hhbGxlbmdl' });
    }),
    http.get('/other/session', () => {
      custom.push('GET /other/session');
      return HttpResponse.json(fixtures.signIn);
    }),
  ];
}

async function start(session: 'signed-in' | 'none', delayMs = 0): Promise<void> {
  custom = [];
  hooked = [];
  await given({}, {}, customBackend(session, delayMs));
}

const conditionalChallenge = () => {
  const call = platform.calls.find((c) => c.kind === 'conditional');
  const challenge = (call?.options as CredentialRequestOptions | undefined)?.publicKey?.challenge;
  return challenge ? btoa(String.fromCharCode(...new Uint8Array(challenge as ArrayBuffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : undefined;
};

let container: HTMLDivElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

let lateTags = 0;

/** The ways a page or a framework configures the element; each returns the element. */
const setups: Record<string, (checkSession: boolean) => Promise<PasskeyLogin>> = {
  async attributes(checkSession) {
    container.innerHTML = `<passkey-login ${checkSession ? 'check-session' : ''}
      endpoints='${JSON.stringify(endpoints)}'></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    // A hook can only be a property; set in the same task, as a script right after the tag does.
    element.fetch = hook;
    return element;
  },
  async 'properties before the script upgrades it'(checkSession) {
    // A tag the page uses before its definition arrives, as with a deferred module script, or a
    // React tree that registers the element in an effect.
    const tag = `passkey-login-late-${++lateTags}`;
    const element = document.createElement(tag) as PasskeyLogin;
    element.endpoints = endpoints;
    element.fetch = hook;
    element.checkSession = checkSession;
    container.append(element);
    customElements.define(tag, class extends PasskeyLogin {});
    expect(element).to.be.instanceOf(PasskeyLogin);
    return element;
  },
  async 'properties right after the tag'(checkSession) {
    // The element is defined, parsed and connected first; a script after it configures it.
    container.innerHTML = `<passkey-login ${checkSession ? 'check-session' : ''}></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = endpoints;
    element.fetch = hook;
    return element;
  },
  async 'created, appended, then configured in a microtask'(checkSession) {
    const element = document.createElement('passkey-login');
    container.append(element);
    await Promise.resolve();
    element.checkSession = checkSession;
    element.endpoints = endpoints;
    element.fetch = hook;
    return element;
  },
};

describe('configuration: first requests go where the page configured them', () => {
  for (const [name, setup] of Object.entries(setups)) {
    describe(name, () => {
      it('a signed-in browser sees who is signed in; the hook sent both requests, the default routes saw none', async () => {
        await start('signed-in');
        const element = await setup(true);
        const harness = new Harness(element);
        await harness.state('signed-in');
        expect(custom.sort()).to.deep.equal(['GET /custom/options', 'GET /custom/session']);
        // Signed in, the element asks for the account's passkeys (the backup nudge), at the
        // default route as nothing else was configured for it: through the hook too.
        await waitUntil(() => operations().includes('passkeys'), 'passkeys asked for');
        expect(operations(), 'requests to the default /api/auth routes').to.deep.equal(['passkeys']);
        expect(hooked.sort()).to.deep.equal(['GET /api/auth/passkeys', 'GET /custom/options', 'GET /custom/session']);
      });

      it('autofill arms on load with the configured options', async () => {
        await start('none');
        const element = await setup(false);
        const harness = new Harness(element);
        await harness.state('ready');
        await waitUntil(() => conditionalChallenge() !== undefined, "autofill armed", { timeout: 4000 });
        expect(conditionalChallenge()).to.equal('Y3VzdG9tLWNoYWxsZW5nZQ');
        expect(custom).to.deep.equal(['GET /custom/options']);
        expect(hooked).to.deep.equal(['GET /custom/options']);
        expect(operations()).to.deep.equal([]);
      });
    });
  }

  it('a change before the first answer sends the first requests again, to the new URLs, and only their answers count', async () => {
    await start('none', 300);
    container.innerHTML = `<passkey-login check-session></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = endpoints;
    element.fetch = hook;
    await waitUntil(() => custom.length === 2, 'first requests out');
    // The page learns its backend late (say, from its own config request).
    element.endpoints = { authenticationOptions: { url: '/other/options', method: 'GET' }, session: { url: '/other/session' } };
    const harness = new Harness(element);
    await harness.state('signed-in');
    expect(custom.slice(2).sort()).to.deep.equal(['GET /other/options', 'GET /other/session']);
    expect(hooked.slice(2).filter((path) => path.includes('/other/')).sort()).to.deep.equal(['GET /other/options', 'GET /other/session']);
    expect(operations().filter((operation) => operation !== 'passkeys')).to.deep.equal([]);
    // The slow answers of the first URLs arrive later and change nothing.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(element.state).to.equal('signed-in');
  });

  it('a change once the form is idle fetches fresh options from the new URL and re-arms autofill with them', async () => {
    await start('none');
    container.innerHTML = `<passkey-login></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = endpoints;
    element.fetch = hook;
    const harness = new Harness(element);
    await harness.state('ready');
    await waitUntil(() => conditionalChallenge() !== undefined, "autofill armed", { timeout: 4000 });
    element.endpoints = { authenticationOptions: { url: '/other/options', method: 'GET' } };
    await waitUntil(() => platform.calls.filter((c) => c.kind === 'conditional').length === 2, 're-armed');
    const last = platform.calls.filter((c) => c.kind === 'conditional')[1]!;
    const challenge = new Uint8Array((last.options as CredentialRequestOptions).publicKey!.challenge as ArrayBuffer);
    expect(new TextDecoder().decode(challenge)).to.equal('other-challenge');
    expect(element.state).to.equal('ready');
  });

  it('setting the same configuration again (a framework re-rendering with a new object) sends nothing', async () => {
    await start('none');
    container.innerHTML = `<passkey-login></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = endpoints;
    element.fetch = hook;
    await new Harness(element).state('ready');
    await waitUntil(() => conditionalChallenge() !== undefined, "autofill armed", { timeout: 4000 });
    for (let i = 0; i < 5; i++) {
      element.endpoints = JSON.parse(JSON.stringify(endpoints));
      await element.updateComplete;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(custom).to.deep.equal(['GET /custom/options']);
    expect(platform.calls.filter((c) => c.kind === 'conditional')).to.have.length(1);
  });
});

describe('configuration: operations a backend does not have', () => {
  it('signOut: false signs out on the page alone, and says so to the page', async () => {
    await given({ session: { body: fixtures.signIn } });
    container.innerHTML = `<passkey-login check-session></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = { signOut: false };
    const harness = new Harness(element);
    await harness.state('signed-in');
    await harness.settled();
    const signedOut = new Promise((resolve) => element.addEventListener('passkey-login-signed-out', resolve, { once: true }));
    harness.click('Sign out');
    await harness.state('ready');
    await signedOut;
    expect(operations()).not.to.include('signOut');
  });

  it('methods: false never asks, and offers every configured way in', async () => {
    await given();
    container.innerHTML = `<passkey-login methods="passkey email-code password"></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    element.endpoints = { methods: false };
    const harness = new Harness(element);
    await harness.state('ready');
    await harness.settled();
    harness.type('ada@example.com');
    harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!.click();
    await harness.state('choosing');
    await harness.settled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(operations()).not.to.include('methods');
    const shown = [...harness.root.querySelectorAll<HTMLElement>('[part~="method-button"]')].map((button) => button.dataset.method);
    expect(shown).to.include.members(['email-code', 'password']);
  });

  it('sign-up="off": Continue with a new identifier goes to the ways in the backend offers, never to sign-up', async () => {
    await given({ methods: { body: { methods: ['password'] } } });
    container.innerHTML = `<passkey-login sign-up="off" methods="passkey email-code password"></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    const harness = new Harness(element);
    await harness.state('ready');
    await harness.settled();
    harness.type('new-person@example.com');
    harness.click('Continue');
    await waitUntil(() => element.state !== 'ready', 'moved on');
    await waitUntil(() => operations().includes('methods'), 'asked which ways in this identifier has');
    expect(operations()).not.to.include('registrationOptions');
    expect(['choosing', 'password']).to.include(element.state);
    await harness.settled();
    expect(harness.text).not.to.include('already has an account');
    expect(harness.text).not.to.include('Create a passkey');
  });

  it('sign-up="off" with passkeys alone: Continue asks for a passkey', async () => {
    await given({}, { get: { hang: true } });
    container.innerHTML = `<passkey-login sign-up="off"></passkey-login>`;
    const element = container.querySelector('passkey-login')!;
    const harness = new Harness(element);
    await harness.state('ready');
    harness.type('ada@example.com');
    harness.click('Continue');
    await harness.state('ceremony');
    expect(operations()).not.to.include('registrationOptions');
  });

  it('a user without a name is "signed in", never "Signed in as " and nothing', async () => {
    await given({ session: { body: { user: { id: 'u1', name: '' } } } });
    container.innerHTML = `<passkey-login check-session></passkey-login>`;
    const harness = new Harness(container.querySelector('passkey-login')!);
    await harness.state('signed-in');
    await harness.settled();
    expect(harness.text).not.to.match(/Signed in as\s*(Sign out|$)/);
    expect(harness.text).to.include("You're signed in");
    expect(harness.root.querySelector('[role="status"]')!.textContent!.trim()).to.equal("You're signed in.");
  });
});

describe('configuration: when the first requests go out', () => {
  /** The element's hook, noting whether its form was rendered when the first request went out. */
  const watching = (element: PasskeyLogin) => {
    const seen: { formRendered?: boolean } = {};
    element.fetch = (input, init) => {
      seen.formRendered ??= Boolean(element.shadowRoot?.querySelector('form'));
      return hook(input, init);
    };
    return seen;
  };

  /**
   * The page's own document as Navigation Timing tells it: its first byte `ms` after its request,
   * or no entry at all (null). The test runner's page is near, but under load not always near
   * enough to count on.
   */
  let restoreTiming: (() => void) | undefined;
  afterEach(() => restoreTiming?.());
  const pageCame = (ms: number | null) => {
    const original = performance.getEntriesByType;
    performance.getEntriesByType = (type: string) =>
      type !== 'navigation' ? original.call(performance, type) : ms === null ? [] : [{ requestStart: 10, responseStart: 10 + ms } as unknown as PerformanceEntry];
    restoreTiming = () => {
      performance.getEntriesByType = original;
      restoreTiming = undefined;
    };
  };

  /** An element of the page's markup with the custom endpoints, and the script's arrival that upgrades it. */
  const inMarkup = () => {
    const tag = `passkey-login-late-${++lateTags}`;
    container.innerHTML = `<${tag} endpoints='${JSON.stringify(endpoints)}'></${tag}>`;
    return { element: container.firstElementChild as PasskeyLogin, upgrade: () => customElements.define(tag, class extends PasskeyLogin {}) };
  };

  it('an element of the page’s markup, upgraded when the script arrives: before its first render is built', async () => {
    await start('none');
    const { element, upgrade } = inMarkup();
    const seen = watching(element);
    upgrade();
    await new Harness(element).state('ready');
    expect(seen.formRendered).to.equal(false);
    expect(custom).to.deep.equal(['GET /custom/options']);
  });

  /** Notes whether the element's form was rendered when autofill armed (the conditional get() call). */
  const atArming = (element: PasskeyLogin) => {
    const seen: { formRendered?: boolean } = {};
    const stubbed = navigator.credentials.get;
    navigator.credentials.get = (options) => {
      if (options?.mediation === 'conditional') seen.formRendered ??= Boolean(element.shadowRoot?.querySelector('form'));
      return stubbed.call(navigator.credentials, options);
    };
    return seen;
  };

  it('a slow options answer does not keep the form of the page’s markup away: it shows first, autofill arms when the answer comes', async () => {
    pageCame(2);
    await start('none', 600);
    const { element, upgrade } = inMarkup();
    const seen = atArming(element);
    const changes: string[] = [];
    element.addEventListener('passkey-login-state', (event) => changes.push(`${event.detail.previous} → ${event.detail.state}`));
    const defined = performance.now();
    upgrade();
    // A page keeps its place with the same rule as before the upgrade (README, "Nothing moves").
    expect(element.matches(':state(starting)'), ':state(starting) while held').to.equal(true);
    // A task later the capabilities are in and the flow is ready, but the element shows nothing
    // yet: it says `checking`, as it did before it knew them.
    await new Promise((resolve) => setTimeout(resolve));
    expect(element.state, 'state while nothing shows').to.equal('checking');
    expect(changes, 'state changes while nothing shows').to.deep.equal([]);
    await element.updateComplete;
    expect(element.matches(':state(starting)'), ':state(starting) with the form').to.equal(false);
    expect(element.state).to.equal('ready');
    expect(changes).to.deep.equal(['checking → ready']);
    expect(element.shadowRoot!.querySelector('form'), 'form while the answer is out').to.not.equal(null);
    expect(performance.now() - defined, 'ms before the form').to.be.below(400);
    expect(platform.calls, 'no autofill before the answer').to.deep.equal([]);
    await waitUntil(() => platform.calls.some((call) => call.kind === 'conditional'), 'autofill armed');
    expect(seen.formRendered).to.equal(true);
  });

  for (const [name, ms, waits] of [
    ['near (its first byte 2 ms after its request)', 2, true],
    ['from far away (its first byte 80 ms after its request)', 80, false],
    ['with no Navigation Timing', null, false],
  ] as const) {
    const what = waits ? 'after arming autofill, not between the answer and the request' : 'without waiting for the answers';
    it(`a page ${name}: the element of its markup builds its form ${what}`, async () => {
      pageCame(ms);
      await start('none');
      const { element, upgrade } = inMarkup();
      const seen = atArming(element);
      upgrade();
      expect(element.matches(':state(starting)'), ':state(starting) on upgrade').to.equal(waits);
      // updateComplete means what it says: the form is there once it resolves.
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('form'), 'form once updateComplete resolves').to.not.equal(null);
      await waitUntil(() => platform.calls.some((call) => call.kind === 'conditional'), 'autofill armed');
      expect(seen.formRendered, 'form rendered when autofill armed').to.equal(!waits);
      expect(element.state).to.equal('ready');
    });
  }

  it('one a script creates: once its first update is done, so configuration a microtask after append() still counts', async () => {
    await start('none');
    const element = document.createElement('passkey-login');
    container.append(element);
    await Promise.resolve();
    element.endpoints = endpoints;
    const seen = watching(element);
    await new Harness(element).state('ready');
    expect(seen.formRendered).to.equal(true);
    expect(custom).to.deep.equal(['GET /custom/options']);
    expect(operations()).to.deep.equal([]);
  });
});

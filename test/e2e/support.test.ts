/**
 * End to end: the support desk of the reference server and the element's "Need help?" path, in
 * real Chromium with a virtual authenticator. A support agent (the `supportAccounts` entry in
 * web-test-runner.config.mjs) issues a recovery code, the account's owner redeems it in the
 * element and creates a passkey; what support may do is refused to everyone else, and the audit
 * log keeps all of it, never the code itself.
 *
 * The tests run in order and share what they need to find in the audit log: the fourth reads the
 * entries the first three left.
 */
import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLoginFailureEvent, PasskeyLoginSuccessEvent } from '../../src/events.js';
import { authenticator } from '../support/authenticator.js';
import { api, endToEnd, uniqueName } from '../support/e2e.js';
import { Harness, mount } from '../support/harness.js';

const AGENT = { identifier: 'support-agent', password: 'support desk test password' };
const LAST_USED_KEY = 'passkey-login.last-method';
const SNOOZE_KEY = 'passkey-login.passkey-offer-dismissed';

interface Problem {
  status: number;
  code: string;
}

interface AuditEntry {
  action: string;
  actor: { id: string; name: string } | null;
  target: { id: string; name: string } | null;
  detail?: string;
  at: string;
}

interface SupportAccount {
  name: string;
  passkeys: { id: string }[];
  recoveryCode: { expiresAt: string } | null;
}

/** What the earlier tests leave for the audit log test to find. */
const story: { recovered?: string; code?: string; refusedTo?: string } = {};

const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });
const signOut = () => post('/sign-out', {});

/** An account with a password and an email, signed out again. */
async function account(): Promise<string> {
  const name = uniqueName('sd');
  const response = await post('/account', { identifier: name, password: 'correct horse battery', email: `${name}@example.com` });
  expect(response.status, await response.clone().text()).to.equal(201);
  await signOut();
  return name;
}

/** Signs in as the support agent, does `work`, and signs out again. */
async function asSupport<T>(work: () => Promise<T>): Promise<T> {
  const signIn = await post('/password/sign-in', AGENT);
  expect(signIn.status, await signIn.clone().text()).to.equal(200);
  try {
    return await work();
  } finally {
    await signOut();
  }
}

/** A recovery code for `name`, issued by the support agent, who is signed out again. */
function issueCode(name: string): Promise<string> {
  return asSupport(async () => {
    const response = await post('/support/recovery-code', { identifier: name });
    expect(response.status, await response.clone().text()).to.equal(201);
    const { code } = (await response.json()) as { code: string };
    expect(code).to.match(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    return code;
  });
}

/** The problem a refused request answers with. */
async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('Content-Type')).to.include('application/problem+json');
  const { status, code } = (await response.json()) as Problem;
  expect(status).to.equal(response.status);
  return { status, code };
}

/** Every support operation, called with a plausible body. */
function supportCalls(identifier: string): Record<string, () => Promise<Response>> {
  return {
    supportLookup: () => post('/support/lookup', { identifier }),
    supportRemovePasskey: () => post('/support/passkey/remove', { identifier, credentialId: 'AAAA' }),
    supportRecoveryCode: () => post('/support/recovery-code', { identifier }),
    supportAudit: () => api('/support/audit'),
  };
}

/** Base64 as the DevTools Protocol gives credential IDs, in the base64url the server uses. */
const base64url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const notice = (harness: Harness) => harness.root.querySelector<HTMLElement>('[part~="failure-notice"]');
const forSuccess = (harness: Harness) => oneEvent(harness.element, 'passkey-login-success') as Promise<PasskeyLoginSuccessEvent>;
const forFailure = (harness: Harness) => oneEvent(harness.element, 'passkey-login-failure') as Promise<PasskeyLoginFailureEvent>;

/** An element offering passkeys and fallbacks, ready, with its fallbacks loaded. */
async function ready(): Promise<Harness> {
  const harness = await mount(html`<passkey-login methods="passkey hybrid email-code password"></passkey-login>`);
  await harness.state('ready');
  await harness.settled();
  // `settled()` sees no spinner in `ready` before the steps chunk is here; the first element
  // on the page has to wait for it, or there are no fallbacks to open yet.
  await waitUntil(() => harness.root.querySelector('[part~="other-ways-button"]') !== null, `fallbacks: ${harness.text}`);
  return harness;
}

/** "Need help?" → "I have a recovery code from support", up to the code's entry. */
async function redeemFromHelp(harness: Harness): Promise<void> {
  harness.click('Need help?');
  await harness.state('help');
  await harness.settled();
  harness.click('I have a recovery code from support');
  await harness.state('redeem');
  await harness.settled();
}

/** Types `code` as the recovery code and submits it. */
function enterCode(harness: Harness, code: string): void {
  const input = harness.root.querySelector<HTMLInputElement>('#recovery-code')!;
  input.focus();
  input.value = code;
  input.form!.requestSubmit();
}

/** A passkey account made through the element, signed out, its passkey on the authenticator. */
async function passkeyAccount(): Promise<string> {
  const harness = await mount();
  await harness.state('ready');
  const name = uniqueName('sd');
  harness.type(name);
  harness.click('Continue');
  await harness.state('confirm-create');
  harness.click('Create a passkey');
  await harness.state('signed-in');
  harness.element.remove();
  await signOut();
  return name;
}

// A passkey created after recovery is remembered, and an offer may be snoozed: start afresh.
endToEnd(() => {
  localStorage.removeItem(LAST_USED_KEY);
  localStorage.removeItem(SNOOZE_KEY);
});

describe('e2e: support desk and recovery codes against the reference server', () => {
  it('support issues a recovery code; the owner redeems it in the element and creates a passkey, which then signs in', async () => {
    const name = await account();
    const code = await issueCode(name);
    expect((await (await api('/session')).json()).user, 'the agent is signed out').to.equal(null);

    const harness = await ready();
    harness.type(name);
    harness.click('Other ways to sign in');
    await harness.state('choosing');
    await harness.settled();
    await redeemFromHelp(harness);
    expect(harness.text).to.include('Enter your recovery code');
    expect(harness.identity, 'the typed identifier is carried').to.equal(name);

    // As it might be read out over the phone and typed: lower case, grouped by spaces.
    enterCode(harness, code.toLowerCase().replace(/-/g, ' '));
    await harness.state('recovered');
    await harness.settled();
    expect(harness.text).to.include("You're in. How will you sign in next time?");
    const session = (await (await api('/session')).json()) as { user: { name: string } | null };
    expect(session.user?.name).to.equal(name);

    const success = forSuccess(harness);
    harness.click('Create a passkey');
    const event = await success;
    expect(event.detail).to.deep.include({ source: 'support' });
    expect(event.detail.user.name).to.equal(name);
    await harness.state('signed-in');
    expect(await authenticator.credentials()).to.have.length(1);
    story.recovered = name;
    story.code = code;

    // Signed out, a fresh element signs in with the new passkey through autofill.
    harness.element.remove();
    await signOut();
    const again = await mount(html`<passkey-login methods="passkey hybrid email-code password"></passkey-login>`);
    const autofill = await forSuccess(again);
    expect(autofill.detail).to.deep.include({ source: 'autofill' });
    expect(autofill.detail.user.name).to.equal(name);
    expect((await authenticator.credentials())[0]!.signCount).to.be.greaterThan(0);
  });

  it('a recovery code works once: redeemed again, from the API or the element, it is refused', async () => {
    const name = await account();
    const code = await issueCode(name);
    const first = await post('/recovery/redeem', { identifier: name, code });
    expect(first.status, await first.clone().text()).to.equal(200);
    expect(await first.json()).to.deep.include({ recovery: true });
    await signOut();

    const again = await post('/recovery/redeem', { identifier: name, code });
    expect(await problemOf(again)).to.deep.equal({ status: 400, code: 'recovery-code-invalid' });
    expect((await (await api('/session')).json()).user).to.equal(null);

    // This time "Need help?" from a cancelled passkey prompt.
    const harness = await ready();
    harness.type(name);
    await authenticator.setUserVerified(false);
    harness.click('Sign in with a passkey');
    await harness.state('failed');
    await harness.settled();
    expect(notice(harness)?.dataset.code).to.equal('cancelled');
    await redeemFromHelp(harness);
    const failure = forFailure(harness);
    enterCode(harness, code);
    expect((await failure).detail).to.deep.equal({ code: 'recovery-code-invalid', source: 'support', status: 400 });
    await harness.element.updateComplete;
    expect(harness.element.state).to.equal('redeem');
    expect(notice(harness)?.dataset.code).to.equal('recovery-code-invalid');
    expect(notice(harness)?.textContent).to.include("That recovery code doesn't work");
    expect(harness.root.querySelector('#recovery-code')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await (await api('/session')).json()).user).to.equal(null);
  });

  it('support operations: 403 forbidden for a signed-in user who is not support, 401 unauthenticated signed out', async () => {
    const name = await account();
    const victim = await account();
    const signIn = await post('/password/sign-in', { identifier: name, password: 'correct horse battery' });
    expect(signIn.status, await signIn.clone().text()).to.equal(200);
    for (const [operation, call] of Object.entries(supportCalls(victim))) {
      expect(await problemOf(await call()), operation).to.deep.equal({ status: 403, code: 'forbidden' });
    }
    story.refusedTo = name;

    await signOut();
    for (const [operation, call] of Object.entries(supportCalls(victim))) {
      expect(await problemOf(await call()), operation).to.deep.equal({ status: 401, code: 'unauthenticated' });
    }

    // Nothing was done for the refused caller: the account has no code waiting.
    const looked = await asSupport(() => post('/support/lookup', { identifier: victim }));
    expect(((await looked.json()) as SupportAccount).recoveryCode).to.equal(null);
  });

  it('the audit log holds the code issued and redeemed, and the refused calls, but never the code', async () => {
    const { recovered, code, refusedTo } = story;
    expect(recovered && code && refusedTo, 'the tests before this one ran').to.be.a('string');
    const response = await asSupport(() => api('/support/audit?limit=500'));
    expect(response.status).to.equal(200);
    const raw = await response.text();
    const { entries } = JSON.parse(raw) as { entries: AuditEntry[] };

    const about = (action: string, target: string) => entries.filter((entry) => entry.action === action && entry.target?.name === target);
    const issued = about('recovery-code-issued', recovered!);
    expect(issued).to.have.length(1);
    expect(issued[0]!.actor?.name).to.equal(AGENT.identifier);
    expect(issued[0]!.detail).to.match(/^valid until \d{4}-\d\d-\d\dT/);
    const redeemed = about('recovery-code-redeemed', recovered!);
    expect(redeemed).to.have.length(1);
    expect(redeemed[0]!.actor, 'the owner redeems it signed out').to.equal(null);
    expect(Date.parse(redeemed[0]!.at)).to.be.at.least(Date.parse(issued[0]!.at));

    const refused = entries.filter((entry) => entry.action === 'support-refused' && entry.actor?.name === refusedTo);
    expect(refused.map((entry) => entry.detail).sort()).to.deep.equal(
      ['supportAudit', 'supportLookup', 'supportRecoveryCode', 'supportRemovePasskey'].map((operation) => `${operation}: not support`),
    );
    const signedOut = entries.filter((entry) => entry.action === 'support-refused' && entry.actor === null).map((entry) => entry.detail);
    for (const operation of ['supportAudit', 'supportLookup', 'supportRecoveryCode', 'supportRemovePasskey']) {
      expect(signedOut, operation).to.include(`${operation}: not signed in`);
    }

    // In any spelling: with or without its dashes, in either case.
    for (const spelling of [code!, code!.replace(/-/g, ''), code!.toLowerCase(), code!.replace(/-/g, '').toLowerCase()]) {
      expect(raw.includes(spelling), `the log holds ${spelling}`).to.equal(false);
    }
  });

  it('support removes a passkey: signing in with it then fails as an unknown credential', async () => {
    const name = await passkeyAccount();
    const [credential] = await authenticator.credentials();
    const credentialId = base64url(credential!.credentialId);

    await asSupport(async () => {
      const looked = (await (await post('/support/lookup', { identifier: name })).json()) as SupportAccount;
      expect(looked.passkeys.map((passkey) => passkey.id)).to.deep.equal([credentialId]);
      const removed = await post('/support/passkey/remove', { identifier: name, credentialId });
      expect(removed.status, await removed.clone().text()).to.equal(200);
      expect(((await removed.json()) as SupportAccount).passkeys).to.deep.equal([]);
      const { entries } = (await (await api('/support/audit')).json()) as { entries: AuditEntry[] };
      const entry = entries.find((candidate) => candidate.action === 'passkey-removed' && candidate.target?.name === name);
      expect(entry?.actor?.name).to.equal(AGENT.identifier);
    });

    // The authenticator still offers the passkey; autofill picks it and the server no longer knows it.
    const harness = await mount(html`<passkey-login methods="passkey hybrid email-code password"></passkey-login>`);
    const failure = await forFailure(harness);
    expect(failure.detail).to.deep.equal({ code: 'unknown-credential', source: 'autofill', status: 404 });
    await harness.state('failed');
    await harness.settled();
    expect(notice(harness)?.dataset.code).to.equal('unknown-credential');
    expect(notice(harness)?.textContent).to.include("That passkey isn't recognised");
    expect((await (await api('/session')).json()).user).to.equal(null);
    // WebAuthn L3 §5.1.10: the element tells the authenticator to forget the passkey too.
    if ('signalUnknownCredential' in PublicKeyCredential) {
      await waitUntil(async () => (await authenticator.credentials()).length === 0, 'the passkey signalled as unknown');
    }
  });
});

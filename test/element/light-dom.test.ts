/**
 * `light-dom`: the identifier and password inputs as the element's own children, for password
 * managers that only read the document. What they need is checked from the document, as they
 * read it: a form with the `autocomplete` tokens, labels that name their inputs, a username next
 * to a password, ids that belong to one element, and the form gone once the step is left. And
 * everything else keeps working: autofill armed on the light input, Enter, field errors and
 * focus, typed text kept, failures, styles, axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import { fixtures, problem } from '../mocks/backend.js';
import { elementTests, given, platform, ready, sent } from '../support/element.js';
import { Harness } from '../support/harness.js';

// A password sign-in is remembered as the last way in, which changes the next form.
beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const IDENTIFIER = 'ada@example.com';

/** The element's forms among its children, by the step's input they hold. */
const lightForm = (element: Element, name: string) => element.querySelector<HTMLFormElement>(`form[slot="passkey-login-${name}"]`);

function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Enter in a field of a light form, as a person (or a password manager's fill and submit) does it. */
function pressEnter(input: HTMLInputElement): void {
  input.focus();
  input.form!.requestSubmit();
}

/** "Other ways to sign in", then "Use my password": the password step. */
async function toPassword(harness: Harness): Promise<HTMLFormElement> {
  typeInto(harness.input!, IDENTIFIER);
  const otherWays = harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!;
  otherWays.focus();
  otherWays.click();
  await harness.state('choosing');
  await harness.settled();
  const password = harness.root.querySelector<HTMLButtonElement>('[data-method="password"]')!;
  password.focus();
  password.click();
  await harness.state('password');
  await harness.element.updateComplete;
  return lightForm(harness.element, 'password')!;
}

describe('light-dom: inputs password managers can see', () => {
  it('the identifier input is a child of the element, in a form, labelled, with username webauthn; autofill is armed on it', async () => {
    await given();
    const harness = await ready(html`<passkey-login light-dom methods="passkey password"></passkey-login>`);
    const form = lightForm(harness.element, 'identifier');
    expect(form, 'a form among the element’s children').to.not.equal(null);
    expect(form!.parentElement).to.equal(harness.element);
    const input = form!.querySelector('input')!;
    expect(input.autocomplete).to.equal('username webauthn');
    expect(input.name).to.equal('username');
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Email or username');
    // Found from the document, as a password manager that does not enter shadow roots finds it.
    expect(document.querySelectorAll('input[autocomplete="username webauthn"]')).to.have.length(1);
    expect(harness.root.querySelector('input'), 'no input left in the shadow root').to.equal(null);
    expect(platform.calls.some((call) => call.kind === 'conditional')).to.equal(true);
    // Laid out and styled as in the shadow root: as wide as Continue, as tall as a target should be.
    const continueButton = harness.root.querySelector('[part~="continue-button"]')!;
    expect(Math.round(input.getBoundingClientRect().width)).to.equal(Math.round(continueButton.getBoundingClientRect().width));
    expect(parseFloat(getComputedStyle(input).minHeight)).to.be.at.least(44);
    await expect(harness.element).to.be.accessible();
  });

  it('without light-dom nothing is added to the element’s children', async () => {
    await given();
    const harness = await ready();
    expect(harness.element.children).to.have.length(0);
    expect(harness.root.querySelector('input[autocomplete="username webauthn"]')).to.not.equal(null);
  });

  it('Enter in the light input continues with what was typed; an empty one gets its error, wired and focused', async () => {
    await given();
    const harness = await ready(html`<passkey-login light-dom></passkey-login>`);
    const input = harness.input!;
    pressEnter(input);
    await waitUntil(() => input.getAttribute('aria-invalid') === 'true', 'field error');
    await harness.element.updateComplete;
    const error = document.getElementById(input.getAttribute('aria-describedby')!);
    expect(error?.textContent).to.include('Enter your email or username');
    expect(harness.element.contains(error)).to.equal(true);
    expect(document.activeElement).to.equal(input);
    typeInto(input, IDENTIFIER);
    pressEnter(input);
    await harness.state('confirm-create');
    expect(JSON.stringify(sent('registrationOptions')[0]!.body)).to.include(IDENTIFIER);
    expect(lightForm(harness.element, 'identifier'), 'the form went with its step').to.equal(null);
  });

  it('two elements on one page, and a page with its own id="identifier": each label names its own input', async () => {
    await given();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <label for="identifier">The page’s own</label><input id="identifier" />
      <passkey-login light-dom></passkey-login><passkey-login light-dom></passkey-login>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll<PasskeyLogin>('passkey-login')].map((element) => new Harness(element));
    await first!.state('ready');
    await second!.state('ready');
    const inputs = [first!.input!, second!.input!];
    expect(inputs[0]!.id).to.not.equal(inputs[1]!.id);
    expect(inputs.map((input) => input.id)).to.not.include('identifier');
    for (const input of inputs) expect(input.labels?.[0]?.closest('passkey-login')).to.equal(input.closest('passkey-login'));
    expect(document.querySelectorAll('[id]').length).to.equal(new Set([...document.querySelectorAll('[id]')].map((element) => element.id)).size);
  });

  it('the password step: username, current password and submit in one light form; Enter signs in; the form goes after', async () => {
    await given();
    const harness = await ready(html`<passkey-login light-dom methods="passkey password"></passkey-login>`);
    const form = await toPassword(harness);
    expect(form).to.not.equal(null);
    const username = form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    const password = form.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!;
    expect(username.value).to.equal(IDENTIFIER);
    expect(username.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING, 'username before password').to.not.equal(0);
    expect(password.type).to.equal('password');
    expect(password.labels?.[0]?.textContent?.trim()).to.equal('Password');
    expect(form.querySelector('button[type="submit"]')?.textContent?.trim()).to.equal('Sign in');
    expect(document.activeElement, 'focus follows the step into the light form').to.equal(password);
    await expect(harness.element).to.be.accessible();
    // The show/hide toggle works where it is.
    const toggle = form.querySelector<HTMLButtonElement>('[part~="show-password-button"]')!;
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).to.equal(password);
    typeInto(password, 'correct horse battery');
    pressEnter(password);
    // Signed in; next comes the offer of a passkey.
    await harness.state('enrol');
    expect(sent('passwordSignIn')[0]!.body).to.deep.equal({ identifier: IDENTIFIER, password: 'correct horse battery' });
    expect(lightForm(harness.element, 'password'), 'gone once signed in: a password manager’s cue to offer saving').to.equal(null);
  });

  it('a refused password: the notice sits with the field, which names it; the button in the light form submits again', async () => {
    await given({ passwordSignIn: [problem(401, 'invalid-credentials'), { body: fixtures.signIn }] });
    const harness = await ready(html`<passkey-login light-dom methods="passkey password"></passkey-login>`);
    const form = await toPassword(harness);
    const password = () => form.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!;
    typeInto(password(), 'wrong');
    pressEnter(password());
    await waitUntil(() => form.querySelector('[part~="failure-notice"], [part~="notice"]'), 'the refusal');
    await harness.element.updateComplete;
    expect(password().getAttribute('aria-invalid')).to.equal('true');
    const described = password().getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id));
    expect(described.some((element) => element?.textContent?.includes("isn't right")), `described by: ${described.map((element) => element?.textContent)}`).to.equal(true);
    typeInto(password(), 'correct horse battery');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await harness.state('enrol');
    expect(sent('passwordSignIn')).to.have.length(2);
  });
});

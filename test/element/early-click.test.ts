/**
 * A click on "Other ways to sign in" before anything else has loaded: the chooser comes once its
 * views are in, with the element's settings (its own file: the chunk loads once per page).
 */
import { expect, html } from '@open-wc/testing';
import { http, passthrough } from 'msw';
import { elementTests, given } from '../support/element.js';
import { mount, type Harness } from '../support/harness.js';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());
elementTests();

const ALL = 'passkey hybrid email-code sms-code password';
const link = (harness: Harness) => harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]');

describe('early click: before the other ways in have loaded', () => {
  it('"Other ways to sign in" is there from the first paint, and a click on it at once opens the chooser once its views are in, with its settings', async () => {
    localStorage.setItem('passkey-login.last-method', 'password');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await given({}, { capabilities: { hybridTransport: false } }, [
      http.get(/\/src\/steps\.(ts|js)(\?.*)?$/, async () => {
        await gate;
        return passthrough();
      }),
    ]);
    const harness = await mount(html`<passkey-login methods=${ALL}></passkey-login>`);
    try {
      expect(link(harness), 'on the first paint').to.not.equal(null);
      link(harness)!.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(harness.element.state, 'nothing to show yet').to.not.equal('choosing');
    } finally {
      release();
    }
    await harness.state('choosing');
    await harness.settled();
    const methods = [...harness.root.querySelectorAll('[part~="method-button"]')].map((button) => button.getAttribute('data-method'));
    expect(methods, 'the last used first, as the settings say').to.deep.equal(['password', 'passkey', 'email-code', 'sms-code']);
  });
});


/**
 * The task that starts an element on a page view: what it leaves for later so that the answers
 * arming autofill are read as soon as they come. Its own file: the steps chunk, which reads
 * storage itself, must not be loaded yet.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { elementTests, given } from '../support/element.js';
import { mount } from '../support/harness.js';

elementTests();
afterEach(() => localStorage.clear());

describe('startup: what waits until the page has a moment', () => {
  it('storage (the way in used last time) is read after the connect and the first render, and still brings the form its hint', async () => {
    localStorage.setItem('passkey-login.last-method', 'password');
    await given();
    const reads: string[] = [];
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key: string) {
      if (key.startsWith('passkey-login.')) reads.push(key);
      return getItem.call(this, key);
    };
    try {
      const harness = await mount(html`<passkey-login methods="passkey email-code password"></passkey-login>`);
      expect(reads, 'read during connect and the first render').to.deep.equal([]);
      await harness.state('ready');
      await waitUntil(() => reads.includes('passkey-login.last-method'), 'read once the page has a moment');
      await waitUntil(() => harness.root.querySelector('[part~="last-used"]'), 'the way used last time, on the form');
    } finally {
      Storage.prototype.getItem = getItem;
    }
  });
});

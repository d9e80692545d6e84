/**
 * The task that starts an element on a page view: what it leaves for later so that the answers
 * arming autofill are read as soon as they come. Its own file: the steps chunk, which reads
 * storage itself, must not be loaded yet.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
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
    // The page's idle moments, held until the test lets them run: whenever the browser would
    // have found one, it is after what the test checks first.
    const idle: IdleRequestCallback[] = [];
    const requestIdleCallback = globalThis.requestIdleCallback;
    globalThis.requestIdleCallback = (work) => idle.push(work);
    try {
      const harness = await mount(html`<passkey-login methods="passkey email-code password"></passkey-login>`);
      await harness.state('ready');
      // Timers and the answers' tasks have had their turn: none of them reads storage.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(reads, 'read before an idle moment').to.deep.equal([]);
      expect(idle.length, 'work left for an idle moment').to.be.greaterThan(0);
      for (const work of idle.splice(0)) work({ didTimeout: false, timeRemaining: () => 50 });
      await waitUntil(() => reads.includes('passkey-login.last-method'), 'read once the page has a moment');
      await waitUntil(() => harness.root.querySelector('[part~="last-used"]'), 'the way used last time, on the form');
    } finally {
      Storage.prototype.getItem = getItem;
      globalThis.requestIdleCallback = requestIdleCallback;
    }
  });
});

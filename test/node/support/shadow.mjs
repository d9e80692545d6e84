// @ts-check
// Driving an element in a Puppeteer page as a person would: waiting for the step it shows, and
// pressing a button in its shadow root by the words on it. Shared by the node tests that open real
// pages (the demo page, the demo apps, approval from another device).

/**
 * Waits until the element matching `selector` shows one of `kinds` (its `state` property).
 * @param {import('puppeteer-core').Page} page
 * @param {string} selector
 * @param {...string} kinds
 */
export const waitForState = (page, selector, ...kinds) =>
  page.waitForFunction(
    (s, k) => k.includes(/** @type {any} */ (document.querySelector(s))?.state),
    { timeout: 10_000 },
    selector,
    kinds,
  );

/**
 * Clicks the button of `host`'s shadow root whose text is `label`; throws when there is none.
 * @param {import('puppeteer-core').Page} page
 * @param {string} host
 * @param {string} label
 */
export const click = (page, host, label) =>
  page.$$eval(
    `${host} >>> button`,
    (buttons, text) => {
      const button = buttons.find((b) => b.textContent?.trim() === text);
      if (!button) throw new Error(`no button ${text}`);
      /** @type {HTMLButtonElement} */ (button).click();
    },
    label,
  );

/**
 * A keystroke in the identifier field costs one event into the flow and no render of the form:
 * the input already shows what was typed, and nothing else on the form depends on it. (Lit would
 * only touch the DOM that changed anyway; what is saved is building the whole template again.)
 */
import { expect, html } from '@open-wc/testing';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import { elementTests, given, ready } from '../support/element.js';

elementTests();

/** Counts the element's renders and its state events from now on. */
function count(element: PasskeyLogin): { renders: () => number; states: () => number } {
  let renders = 0;
  let states = 0;
  const target = element as unknown as { render(): unknown };
  const render = target.render.bind(element);
  target.render = () => {
    renders += 1;
    return render();
  };
  element.addEventListener('passkey-login-state', () => (states += 1));
  return { renders: () => renders, states: () => states };
}

describe('typing: a keystroke is one event and no render', () => {
  it('ten keystrokes in the form: no render, no state event, the text kept; Continue takes it', async () => {
    await given();
    const harness = await ready(html`<passkey-login methods="passkey email-code"></passkey-login>`);
    const counted = count(harness.element);
    const input = harness.input!;
    input.focus();
    for (const value of ['a', 'ad', 'ada', 'ada@', 'ada@e', 'ada@ex', 'ada@exa', 'ada@exam', 'ada@examp', 'ada@example.com']) {
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await harness.element.updateComplete;
    }
    expect(counted.renders(), 'renders while typing').to.equal(0);
    expect(counted.states()).to.equal(0);
    expect(input.value).to.equal('ada@example.com');
    harness.click('Continue');
    await harness.state('confirm-create');
    expect(harness.text).to.include('ada@example.com');
  });

  it('typing after a field error renders once, to take the error away', async () => {
    await given();
    const harness = await ready();
    harness.click('Continue');
    await harness.element.updateComplete;
    expect(harness.root.querySelector('[part~="field-error"]')).to.not.equal(null);
    const counted = count(harness.element);
    harness.type('a');
    await harness.element.updateComplete;
    harness.type('ad');
    await harness.element.updateComplete;
    expect(harness.root.querySelector('[part~="field-error"]')).to.equal(null);
    expect(counted.renders()).to.equal(1);
  });
});

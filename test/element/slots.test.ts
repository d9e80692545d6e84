/**
 * A site's own words without forking messages: each step's heading is the fallback of its
 * `heading-<step>` slot, and each step has a `help-<step>` slot under it. What is slotted shows
 * only on its step, is read as the heading (the heading role's name comes from the flat tree),
 * and keeps the heading focusable as the step changes.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import '../../src/approval/define.js';
import type { PasskeyLoginApproval } from '../../src/approval/passkey-login-approval.js';
import { elementTests, given, ready } from '../support/element.js';
import type { Harness } from '../support/harness.js';

elementTests();

const IDENTIFIER = 'ada@example.com';

/** Whether `element` (slotted light DOM) takes up room on screen. */
const shown = (element: Element | null) => Boolean(element && element.getClientRects().length > 0);

/** The words of the step's heading as laid out: slotted elements in place of the fallback. */
function headingText(harness: Harness): string {
  const heading = harness.root.querySelector('[part~="heading"]')!;
  const slot = heading.querySelector('slot')!;
  const nodes = slot.assignedNodes({ flatten: true });
  return nodes.map((node) => node.textContent).join('').trim();
}

describe('slots for a site’s own words', () => {
  it('the form’s heading and help come from heading-ready and help-ready; other steps’ slots stay hidden', async () => {
    await given({ methods: { body: { methods: ['passkey', 'email-code'] } } });
    const harness = await ready(html`
      <passkey-login methods="passkey email-code">
        <span slot="heading-ready">Sign in to Acme Bank</span>
        <p slot="help-ready">A passkey is the fingerprint, face or PIN you use to unlock this device.</p>
        <span slot="heading-code">Check your inbox</span>
        <p slot="help-code">Codes come from no-reply@acme.example.</p>
      </passkey-login>
    `);
    const light = (selector: string) => harness.element.querySelector(selector);
    expect(headingText(harness)).to.equal('Sign in to Acme Bank');
    expect(harness.root.querySelector('[part~="heading"]')!.getAttribute('role')).to.equal('heading');
    expect(shown(light('[slot="heading-ready"]'))).to.equal(true);
    expect(shown(light('[slot="help-ready"]'))).to.equal(true);
    expect(shown(light('[slot="heading-code"]')), 'the code step’s words wait for it').to.equal(false);
    expect(shown(light('[slot="help-code"]'))).to.equal(false);
    // Help sits under the step, above the footer.
    const helpSlot = harness.root.querySelector('slot[name="help-ready"]')!;
    const form = harness.root.querySelector('[part~="form"]')!;
    expect(form.compareDocumentPosition(helpSlot) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);

    harness.type(IDENTIFIER);
    const otherWays = harness.root.querySelector<HTMLButtonElement>('[part~="other-ways-button"]')!;
    otherWays.focus();
    otherWays.click();
    await harness.state('choosing');
    await harness.settled();
    harness.root.querySelector<HTMLButtonElement>('[data-method="email-code"]')!.click();
    await harness.state('code');
    await waitUntil(() => harness.root.querySelector('form[part~="code"][aria-busy="false"]'), 'code sent');
    await harness.element.updateComplete;
    expect(headingText(harness)).to.equal('Check your inbox');
    expect(shown(light('[slot="heading-code"]'))).to.equal(true);
    expect(shown(light('[slot="help-code"]'))).to.equal(true);
    expect(shown(light('[slot="heading-ready"]'))).to.equal(false);
    expect(shown(light('[slot="help-ready"]'))).to.equal(false);
  });

  it('steps without slotted words keep their own heading, and a session check keeps the form’s words', async () => {
    await given();
    const harness = await ready(html`<passkey-login check-session><span slot="heading-ready">Welcome back to Acme</span></passkey-login>`);
    expect(headingText(harness)).to.equal('Welcome back to Acme');
    const bare = await ready();
    expect(headingText(bare)).to.equal('Sign in or create an account');
  });

  it('an approval element keeps level 2 headings next to a sign-in element at level 1, and has its own slots', async () => {
    await given();
    const wrapper = await fixture<HTMLDivElement>(html`
      <div>
        <passkey-login heading-level="1"></passkey-login>
        <passkey-login-approval><span slot="heading-entering">Approve your new phone</span></passkey-login-approval>
      </div>
    `);
    const login = wrapper.querySelector('passkey-login')!;
    const approval = wrapper.querySelector<PasskeyLoginApproval>('passkey-login-approval')!;
    await waitUntil(() => login.shadowRoot?.querySelector('[part~="heading"]') && approval.shadowRoot?.querySelector('[part~="heading"]'), 'both rendered');
    // Whichever renders last, each keeps its own level.
    login.requestUpdate();
    await login.updateComplete;
    approval.requestUpdate();
    await approval.updateComplete;
    login.requestUpdate();
    await login.updateComplete;
    expect(login.shadowRoot!.querySelector('[part~="heading"]')!.getAttribute('aria-level')).to.equal('1');
    const heading = approval.shadowRoot!.querySelector('[part~="heading"]')!;
    expect(heading.getAttribute('aria-level')).to.equal('2');
    expect(heading.querySelector('slot')!.getAttribute('name')).to.equal('heading-entering');
    expect(shown(approval.querySelector('[slot="heading-entering"]'))).to.equal(true);
  });
});

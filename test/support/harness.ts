/**
 * Drives a `<passkey-login>` the way a person would: by label and button text, inside its shadow
 * root. Tests read what is on screen, never private state.
 */
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { PasskeyLogin } from '../../src/passkey-login.js';
import type { StateKind } from '../../src/machine/types.js';
import '../../src/define.js';

export class Harness {
  constructor(readonly element: PasskeyLogin) {}

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  /** The step's first input: in the shadow root, or with `light-dom` among the element's children. */
  get input(): HTMLInputElement | null {
    return this.element.querySelector('[data-passkey-login-fields] input') ?? this.root.querySelector('input');
  }

  get text(): string {
    return (this.root.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** What went wrong, or what is worth knowing: a failure step's title and sentence, or a notice. */
  get notice(): HTMLElement | null {
    return this.root.querySelector('[part~="failure-notice"], [part~="notice"]');
  }

  /** The identifier the step is for, shown with "Change" once it was given. */
  get identity(): string | undefined {
    return this.root.querySelector('[part~="identity-name"]')?.textContent?.trim();
  }

  buttons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll('button')];
  }

  buttonLabels(): string[] {
    return this.buttons().map((button) => (button.textContent ?? '').trim());
  }

  button(label: string): HTMLButtonElement {
    const found = this.buttons().find((button) => (button.textContent ?? '').trim() === label);
    if (!found) throw new Error(`no button "${label}" in: ${this.buttonLabels().join(' | ')}`);
    return found;
  }

  click(label: string): void {
    this.button(label).click();
  }

  type(value: string): void {
    const input = this.input!;
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }

  async state(kind: StateKind, timeout = 4000): Promise<void> {
    await waitUntil(() => this.element.state === kind, `state ${kind}, still ${this.element.state}: ${this.text}`, { timeout });
    await this.element.updateComplete;
  }

  /**
   * The view shows the current state in full: the later steps' views it needs have loaded (no
   * stand-in spinner, and a failure state shows its notice). They load on intent, which this
   * gives, as a pointer moving over the element would.
   */
  async settled(): Promise<void> {
    // As a person about to use it: the steps beyond the form load on a pointer over the element.
    this.element.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await this.element.updateComplete;
    await waitUntil(
      () =>
        // The steps chunk adopts its style sheet next to the element's own once it has loaded.
        this.root.adoptedStyleSheets.length > 1 &&
        !this.root.querySelector('[part~="spinner"]:not([part~="progress"] *)') &&
        (this.element.state !== 'failed' || this.root.querySelector('[part~="failure-notice"]') !== null) &&
        (!['signed-in', 'returning', 'confirm-create'].includes(this.element.state) || !this.root.querySelector('[part~="progress"]')),
      `views for ${this.element.state}`,
      { timeout: 4000 },
    );
    await this.element.updateComplete;
  }
}

export async function mount(template = html`<passkey-login></passkey-login>`): Promise<Harness> {
  const element = await fixture<PasskeyLogin>(template);
  return new Harness(element);
}

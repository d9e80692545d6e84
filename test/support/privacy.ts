/**
 * A check every element and end-to-end test runs: no funnel, failure, state or diagnostic event
 * may carry what the test typed or registered (an identifier, email, phone number, code or
 * password). `passkey-login-success` is left out: it carries the backend's user object by design.
 *
 * What was typed is read where every test's typing has to pass: the `value` setter of
 * `HTMLInputElement` (the harness, the tests' own helpers, and Lit's bindings of the identifier
 * field all set it) and composed `input` events (real keystrokes). Events are recorded on the
 * document in the capture phase, so a listener that stops propagation hides nothing.
 */
import { expect } from '@open-wc/testing';

const RECORDED = ['passkey-login-funnel', 'passkey-login-failure', 'passkey-login-state', 'passkey-login-diagnostic'] as const;

/**
 * Shorter values ("12" of a half-typed code) would match unrelated words and numbers in a detail;
 * whatever a test signs in with is longer.
 */
const MIN_LENGTH = 4;

const secrets = new Set<string>();
let recorded: Array<{ type: string; json: string }> = [];

/** Marks `value` as something no event may carry, e.g. a value a test sends to the server itself. */
export function keepSecret(value: unknown): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim().toLowerCase();
  // Codes are read out with dashes and spaces; the element drops them before sending.
  for (const variant of [trimmed, trimmed.replace(/[\s-]/g, '')]) {
    if (variant.length >= MIN_LENGTH) secrets.add(variant);
  }
}

/** Every string and number in a detail, however deep. */
function leaves(value: unknown): Array<string | number> {
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** The recorded events that carry a secret, described for the assertion message. */
export function leaks(): string[] {
  const found: string[] = [];
  for (const { type, json } of recorded) {
    for (const leaf of leaves(JSON.parse(json))) {
      // Strings may hold a secret anywhere; a number (a duration) only leaks by being one.
      const hit = [...secrets].find((secret) => (typeof leaf === 'string' ? leaf.toLowerCase().includes(secret) : String(leaf) === secret));
      if (hit !== undefined) found.push(`${type} ${json} holds "${hit}"`);
    }
  }
  return found;
}

function record(event: Event): void {
  recorded.push({ type: event.type, json: JSON.stringify((event as CustomEvent).detail ?? null) });
}

function onInput(event: Event): void {
  const target = event.composedPath()[0];
  if (target instanceof HTMLInputElement) keepSecret(target.value);
}

let restoreValue: (() => void) | undefined;

function watchValues(): void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  Object.defineProperty(HTMLInputElement.prototype, 'value', {
    ...descriptor,
    set(this: HTMLInputElement, value: string) {
      keepSecret(value);
      descriptor.set!.call(this, value);
    },
  });
  restoreValue = () => Object.defineProperty(HTMLInputElement.prototype, 'value', descriptor);
}

/** Registers the hooks: recording for the whole file, secrets and events forgotten per test. */
export function noSecretsInEvents(): void {
  before(() => {
    watchValues();
    document.addEventListener('input', onInput, true);
    for (const type of RECORDED) document.addEventListener(type, record, true);
  });
  after(() => {
    restoreValue?.();
    restoreValue = undefined;
    document.removeEventListener('input', onInput, true);
    for (const type of RECORDED) document.removeEventListener(type, record, true);
  });
  beforeEach(() => {
    secrets.clear();
    recorded = [];
  });
  afterEach(() => {
    const found = leaks();
    expect(found.length, `event details hold what the test typed:\n${found.join('\n')}`).to.equal(0);
  });
}

/**
 * What every story of `<passkey-login>` shares: how the element is rendered from args, how a
 * story states what the server and the browser do, and the steps a play function takes. Stories
 * never set the flow's state: they describe the world, click like a person, and check where the
 * element ended up.
 */
import type { Meta, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { action } from 'storybook/actions';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/define.js';
import type { PasskeyLogin } from '../src/define.js';
import type { StateKind } from '../src/index.js';
import { backend, type Scenario } from '../test/mocks/backend.js';
import { stubPlatform, type PlatformLog, type PlatformScenario } from '../test/mocks/platform.js';

/** The element's attributes, by attribute name, so they line up with the manifest's controls. */
export interface Args {
  endpoint?: string;
  credentials?: RequestCredentials;
  'request-headers'?: string;
  'request-timeout'?: number;
  'authentication-options-url'?: string;
  'authentication-verify-url'?: string;
  'registration-options-url'?: string;
  'registration-verify-url'?: string;
  'session-url'?: string;
  'sign-out-url'?: string;
  methods?: string;
  'fallback-routes'?: string;
  'support-contact'?: string;
  'approve-url'?: string;
  'check-session'?: boolean;
  redirect?: string;
  theme?: 'light' | 'dark';
}

const onSuccess = (event: Event) => {
  action('passkey-login-success')((event as CustomEvent).detail);
  // Following a redirect would replace the story's iframe; the logged detail still says where
  // the element would have gone.
  event.preventDefault();
};

export const render = (args: Args) => html`
  <passkey-login
    endpoint=${ifDefined(args.endpoint)}
    credentials=${ifDefined(args.credentials)}
    request-headers=${ifDefined(args['request-headers'])}
    request-timeout=${ifDefined(args['request-timeout'])}
    authentication-options-url=${ifDefined(args['authentication-options-url'])}
    authentication-verify-url=${ifDefined(args['authentication-verify-url'])}
    registration-options-url=${ifDefined(args['registration-options-url'])}
    registration-verify-url=${ifDefined(args['registration-verify-url'])}
    session-url=${ifDefined(args['session-url'])}
    sign-out-url=${ifDefined(args['sign-out-url'])}
    methods=${ifDefined(args.methods)}
    fallback-routes=${ifDefined(args['fallback-routes'])}
    support-contact=${ifDefined(args['support-contact'])}
    approve-url=${ifDefined(args['approve-url'])}
    ?check-session=${args['check-session'] ?? false}
    redirect=${ifDefined(args.redirect)}
    theme=${ifDefined(args.theme)}
    @passkey-login-state=${(event: CustomEvent) => action('passkey-login-state')(event.detail)}
    @passkey-login-success=${onSuccess}
    @passkey-login-failure=${(event: CustomEvent) => action('passkey-login-failure')(event.detail)}
    @passkey-login-diagnostic=${(event: CustomEvent) => action('passkey-login-diagnostic')(event.detail)}
    @passkey-login-signed-out=${() => action('passkey-login-signed-out')()}
  ></passkey-login>
`;

/** What the browser's WebAuthn does during the story that is on screen; read by play functions. */
export let platformLog: PlatformLog = { calls: [], signals: [] };
let restorePlatform: (() => void) | undefined;

/**
 * Storybook runs `beforeEach` again when args or globals change, without running the previous
 * cleanup first; restoring before stubbing keeps one stand-in installed, never a stack of them.
 */
function installPlatform(scenario: PlatformScenario): () => void {
  restorePlatform?.();
  platformLog = { calls: [], signals: [] };
  const restore = stubPlatform(scenario, platformLog);
  restorePlatform = restore;
  return () => {
    if (restorePlatform !== restore) return;
    restore();
    restorePlatform = undefined;
  };
}

export const meta = {
  component: 'passkey-login',
  render,
  // The manifest types most attributes as `string | undefined`, which Storybook cannot turn into
  // a control by itself.
  argTypes: {
    endpoint: { control: 'text' },
    credentials: { control: 'select', options: ['same-origin', 'include', 'omit'] },
    'request-headers': { control: 'text' },
    'request-timeout': { control: 'number' },
    'authentication-options-url': { control: 'text' },
    'authentication-verify-url': { control: 'text' },
    'registration-options-url': { control: 'text' },
    'registration-verify-url': { control: 'text' },
    'session-url': { control: 'text' },
    'sign-out-url': { control: 'text' },
    methods: { control: 'text' },
    'fallback-routes': { control: 'text' },
    'support-contact': { control: 'text' },
    'approve-url': { control: 'text' },
    'check-session': { control: 'boolean' },
    redirect: { control: 'text' },
    // Set from the Theme toolbar, which also paints the page behind the element.
    theme: { control: false },
  },
  parameters: {
    docs: { subtitle: 'The <passkey-login> element. Every state has its own story in the sidebar.' },
  },
  // No real authenticator exists in Storybook: every story runs against the stand-in, and a
  // story that says nothing gets a browser whose passkey prompts stay open, as a real one would.
  beforeEach: ({ parameters }: StoryContext<Args>) => installPlatform((parameters.platform as PlatformScenario | undefined) ?? {}),
} satisfies Meta<Args>;

export interface World {
  /** What the browser's WebAuthn does (see test/mocks/platform.ts). */
  platform?: PlatformScenario;
  /** What the backend answers, per operation; anything left out succeeds. */
  server?: Scenario;
}

/** A story's setting: the platform stand-in and msw handlers for the backend contract. */
export function given({ platform = {}, server = {} }: World = {}) {
  return { parameters: { platform, msw: { handlers: backend(server) } } };
}

/** Keeps the element waiting on a backend that never answers for as long as anyone looks. */
export const patient = { 'request-timeout': 3_600_000 } satisfies Args;

/**
 * The element in the story, and queries scoped to its shadow root. They are bound to the
 * `container` part, which wraps everything, because Testing Library's `findBy*` and `waitFor`
 * refuse a ShadowRoot as a container.
 */
export async function element(canvasElement: HTMLElement) {
  const el = canvasElement.querySelector('passkey-login');
  if (!el) throw new Error('<passkey-login> is not rendered');
  await el.updateComplete;
  const container = el.shadowRoot?.querySelector('[part~="container"]');
  if (!(container instanceof HTMLElement)) throw new Error('<passkey-login> rendered nothing');
  return { el, shadow: within(container) };
}

type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

/**
 * Finds `text` where people see it. The polite live region repeats some headings for screen
 * readers, so a plain text query would find them twice.
 */
export async function shown(shadow: Shadow, text: string | RegExp, timeout = 5_000) {
  // Sentences isolate what they quote (an identifier, a masked address) in <bdi>: match an
  // element's whole text, and the innermost element that holds all of it.
  const normal = (value: string | null) => (value ?? '').replace(/\s+/g, ' ').trim();
  const fits = (value: string) => (typeof text === 'string' ? value === text : text.test(value));
  const matcher = (_: string, node: Element | null) =>
    node !== null && fits(normal(node.textContent)) && ![...node.children].some((child) => fits(normal(child.textContent)));
  const found = await shadow.findByText(matcher, { ignore: 'script, style, [aria-live], [aria-live] *' }, { timeout });
  await expect(found).toBeVisible();
  return found;
}

/** Waits for the flow to reach `state` and for `text` to be on screen inside the element. */
export async function reached(el: PasskeyLogin, shadow: Shadow, state: StateKind, text: string | RegExp, timeout = 5_000) {
  await waitFor(() => expect(el.state).toBe(state), { timeout });
  await shown(shadow, text, timeout);
}

/** Waits until the form is up with autofill armed, as a person would see it after load. */
export async function ready(el: PasskeyLogin) {
  await waitFor(() => expect(el.state).toBe('ready'));
}

export async function click(shadow: Shadow, name: string | RegExp) {
  await userEvent.click(await shadow.findByRole('button', { name }));
}

/** Types an identifier and presses Continue, as someone new would. */
export async function submitIdentifier(shadow: Shadow, identifier: string) {
  if (identifier) await userEvent.type(await shadow.findByLabelText('Email or username'), identifier);
  await click(shadow, 'Continue');
}

/** Clicks "Sign in with a passkey" once the form is ready. */
export async function signInWithPasskey(canvasElement: HTMLElement) {
  const { el, shadow } = await element(canvasElement);
  await ready(el);
  await click(shadow, 'Sign in with a passkey');
  return { el, shadow };
}

/** Sign-up up to the "Create a passkey" step. */
export async function toConfirmCreate(canvasElement: HTMLElement, identifier = 'ada@example.com') {
  const { el, shadow } = await element(canvasElement);
  await ready(el);
  await submitIdentifier(shadow, identifier);
  await reached(el, shadow, 'confirm-create', 'Create your account');
  return { el, shadow };
}

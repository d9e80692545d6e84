/**
 * What the stories of `<passkey-login-approval>` share: how the element is rendered from args,
 * what the server answers the two approval requests, and the steps a play function takes.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http, HttpResponse } from 'msw';
import { action } from 'storybook/actions';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/approval/define.js';
import type { ApprovalStateKind, PasskeyLoginApproval } from '../src/index.js';

/** The element's attributes, by attribute name, as the manifest lists them. */
export interface Args {
  endpoint?: string;
  code?: string;
  credentials?: RequestCredentials;
  'request-headers'?: string;
  theme?: 'light' | 'dark';
}

export const render = (args: Args) => html`
  <passkey-login-approval
    endpoint=${ifDefined(args.endpoint)}
    code=${ifDefined(args.code)}
    credentials=${ifDefined(args.credentials)}
    request-headers=${ifDefined(args['request-headers'])}
    theme=${ifDefined(args.theme)}
    @passkey-login-approval=${(event: CustomEvent) => action('passkey-login-approval')(event.detail)}
    @passkey-login-funnel=${(event: CustomEvent) => action('passkey-login-funnel')(event.detail)}
  ></passkey-login-approval>
`;

export const CODE = '7KQ2-M9XD';

export type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | 'hang';

export interface Server {
  lookup?: Answer;
  decide?: Answer;
}

export const problem = (status: number, code: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { type: 'about:blank', title: 'Problem', status, code },
  headers: { 'Content-Type': 'application/problem+json', ...headers },
});

/** A Chrome on macOS in Germany that asked two minutes before the lookup. */
export const asking = (overrides: Record<string, unknown> = {}) => ({
  account: { name: 'ada@example.com' },
  browser: 'Chrome',
  os: 'macOS',
  requestedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
  place: 'DE',
  expiresIn: 600,
  ...overrides,
});

/** msw handlers for the two approval routes under `base`; what is left out succeeds. */
export function given({ lookup, decide }: Server = {}, base = '/api/auth') {
  const reply = async (answer: Answer) => {
    if (answer === 'hang') {
      await delay('infinite');
      return HttpResponse.error();
    }
    return HttpResponse.json(answer.body as object, { status: answer.status ?? 200, headers: answer.headers });
  };
  return {
    parameters: {
      msw: {
        handlers: [
          http.post(`${base}/device/approval/lookup`, () => reply(lookup ?? { body: asking() })),
          http.post(`${base}/device/approval/decide`, async ({ request }) => {
            const { decision } = (await request.json()) as { decision?: string };
            return reply(decide ?? { body: { status: decision === 'deny' ? 'denied' : 'approved' } });
          }),
        ],
      },
    },
  };
}

/** The element in the story, and queries bound to its `container` part (Testing Library refuses a ShadowRoot). */
export async function element(canvasElement: HTMLElement) {
  const el = canvasElement.querySelector('passkey-login-approval');
  if (!el) throw new Error('<passkey-login-approval> is not rendered');
  await el.updateComplete;
  const container = el.shadowRoot?.querySelector('[part~="container"]');
  if (!(container instanceof HTMLElement)) throw new Error('<passkey-login-approval> rendered nothing');
  return { el, shadow: within(container) };
}

export type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

/** Finds `text` where people see it: the polite live region repeats some of it. */
export async function shown(shadow: Shadow, text: string | RegExp) {
  const found = await shadow.findByText(text, { ignore: 'script, style, [aria-live]' }, { timeout: 5_000 });
  await expect(found).toBeVisible();
  return found;
}

export async function reached(el: PasskeyLoginApproval, shadow: Shadow, state: ApprovalStateKind, text: string | RegExp) {
  await waitFor(() => expect(el.state).toBe(state), { timeout: 5_000 });
  await shown(shadow, text);
}

export async function click(shadow: Shadow, name: string) {
  await userEvent.click(await shadow.findByRole('button', { name }));
}

/** Types the code as people do, in lower case with a space, and presses Continue. */
export async function enterCode(canvasElement: HTMLElement, code = '7kq2 m9xd') {
  const { el, shadow } = await element(canvasElement);
  await userEvent.type(await shadow.findByLabelText('Code shown on the new device'), code);
  await click(shadow, 'Continue');
  return { el, shadow };
}

/** Up to the question, with what is asking on screen. */
export async function toDetails(canvasElement: HTMLElement) {
  const { el, shadow } = await enterCode(canvasElement);
  await reached(el, shadow, 'confirming', 'Sign in on a new device?');
  return { el, shadow };
}

/**
 * `<passkey-login-approval>`, on a device where the person is already signed in: the code from
 * the new device goes in, what is asking is shown, and Deny or Approve answers it. Each story says
 * what the server answers the two approval requests, then types and clicks as a person would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { delay, http, HttpResponse } from 'msw';
import { action } from 'storybook/actions';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/approval/define.js';
import type { ApprovalStateKind, PasskeyLoginApproval } from '../src/index.js';

/** The element's attributes, by attribute name, as the manifest lists them. */
interface Args {
  endpoint?: string;
  code?: string;
  credentials?: RequestCredentials;
  'request-headers'?: string;
  theme?: 'light' | 'dark';
}

const render = (args: Args) => html`
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

const meta = {
  title: 'Passkey login/Approval',
  component: 'passkey-login-approval',
  render,
  tags: ['autodocs'],
  argTypes: {
    endpoint: { control: 'text' },
    code: { control: 'text' },
    credentials: { control: 'select', options: ['same-origin', 'include', 'omit'] },
    'request-headers': { control: 'text' },
    // Set from the Theme toolbar, which also paints the page behind the element.
    theme: { control: false },
  },
  parameters: {
    docs: {
      subtitle: 'The <passkey-login-approval> element, for the page a signed-in device opens to let a new device in.',
    },
  },
} satisfies Meta<Args>;
export default meta;

type Story = StoryObj<Args>;

/** The docs page shows only the first step: the others need their play function to get there. */
const notInDocs = ['!autodocs'];

const CODE = '7KQ2-M9XD';

type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | 'hang';

interface Server {
  lookup?: Answer;
  decide?: Answer;
}

const problem = (status: number, code: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body: { type: 'about:blank', title: 'Problem', status, code },
  headers: { 'Content-Type': 'application/problem+json', ...headers },
});

/** A Chrome on macOS in Germany that asked two minutes before the lookup. */
const asking = (overrides: Record<string, unknown> = {}) => ({
  account: { name: 'ada@example.com' },
  browser: 'Chrome',
  os: 'macOS',
  requestedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
  place: 'DE',
  expiresIn: 600,
  ...overrides,
});

/** msw handlers for the two approval routes; what is left out succeeds. */
function given({ lookup, decide }: Server = {}) {
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
          http.post('/api/auth/device/approval/lookup', () => reply(lookup ?? { body: asking() })),
          http.post('/api/auth/device/approval/decide', async ({ request }) => {
            const { decision } = (await request.json()) as { decision?: string };
            return reply(decide ?? { body: { status: decision === 'deny' ? 'denied' : 'approved' } });
          }),
        ],
      },
    },
  };
}

/** The element in the story, and queries bound to its `container` part (Testing Library refuses a ShadowRoot). */
async function element(canvasElement: HTMLElement) {
  const el = canvasElement.querySelector('passkey-login-approval');
  if (!el) throw new Error('<passkey-login-approval> is not rendered');
  await el.updateComplete;
  const container = el.shadowRoot?.querySelector('[part~="container"]');
  if (!(container instanceof HTMLElement)) throw new Error('<passkey-login-approval> rendered nothing');
  return { el, shadow: within(container) };
}

type Shadow = Awaited<ReturnType<typeof element>>['shadow'];

/** Finds `text` where people see it: the polite live region repeats some of it. */
async function shown(shadow: Shadow, text: string | RegExp) {
  const found = await shadow.findByText(text, { ignore: 'script, style, [aria-live]' }, { timeout: 5_000 });
  await expect(found).toBeVisible();
  return found;
}

async function reached(el: PasskeyLoginApproval, shadow: Shadow, state: ApprovalStateKind, text: string | RegExp) {
  await waitFor(() => expect(el.state).toBe(state), { timeout: 5_000 });
  await shown(shadow, text);
}

async function click(shadow: Shadow, name: string) {
  await userEvent.click(await shadow.findByRole('button', { name }));
}

/** Types the code as people do, in lower case with a space, and presses Continue. */
async function enterCode(canvasElement: HTMLElement, code = '7kq2 m9xd') {
  const { el, shadow } = await element(canvasElement);
  await userEvent.type(await shadow.findByLabelText('Code shown on the new device'), code);
  await click(shadow, 'Continue');
  return { el, shadow };
}

/** Up to the question, with what is asking on screen. */
async function toDetails(canvasElement: HTMLElement) {
  const { el, shadow } = await enterCode(canvasElement);
  await reached(el, shadow, 'confirming', 'Sign in on a new device?');
  return { el, shadow };
}

/** The first step: one field for the code the new device shows. */
export const Entering: Story = {
  name: 'Entering the code',
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await expect(el.state).toBe('entering');
    await shown(shadow, 'Approve a sign-in');
    const input = await shadow.findByLabelText('Code shown on the new device');
    await expect(input).toHaveAttribute('autocomplete', 'off');
    await expect(input).toHaveAttribute('autocapitalize', 'characters');
    await shown(shadow, '8 letters and digits, like 7KQ2-M9XD.');
  },
};

/** The server has not answered the lookup yet. */
export const LookingUp: Story = {
  name: 'Looking the code up',
  tags: notInDocs,
  ...given({ lookup: 'hang' }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'looking-up', 'Checking the code…');
  },
};

/** What is asking, where the server knows the country: Deny and Approve side by side, alike. */
export const Details: Story = {
  name: 'Details shown',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await shown(shadow, 'ada@example.com');
    await shown(shadow, 'Chrome on macOS');
    await shown(shadow, '2 minutes ago');
    await shown(shadow, 'Germany');
    await shown(shadow, 'This request expires in 10 minutes.');
    await shown(shadow, 'If you did not start this, deny.');
    const deny = await shadow.findByRole('button', { name: 'Deny' });
    const approve = await shadow.findByRole('button', { name: 'Approve' });
    await expect(deny.className).toBe(approve.className);
    await expect(deny.getBoundingClientRect().width).toBe(approve.getBoundingClientRect().width);
    await expect(el.shadowRoot?.activeElement?.textContent?.trim()).toBe('Sign in on a new device?');
  },
};

/** The server has no country for the request, and could not tell the browser. */
export const DetailsWithoutPlace: Story = {
  name: 'Details shown, place unknown',
  tags: notInDocs,
  ...given({ lookup: { body: asking({ place: null, browser: null, os: 'Windows' }) } }),
  play: async ({ canvasElement }) => {
    const { shadow } = await toDetails(canvasElement);
    await shown(shadow, 'Location unknown');
    await shown(shadow, 'Unknown browser on Windows');
  },
};

/** Opened from the QR code on the new device: the code comes with the page and is looked up at once. */
export const FromQrCode: Story = {
  name: 'Details shown, code from the page',
  tags: notInDocs,
  args: { code: CODE },
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await element(canvasElement);
    await reached(el, shadow, 'confirming', 'Sign in on a new device?');
  },
};

export const Approved: Story = {
  name: 'Approved',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await click(shadow, 'Approve');
    await reached(el, shadow, 'approved', 'The new device is signed in.');
  },
};

export const Denied: Story = {
  name: 'Denied',
  tags: notInDocs,
  ...given(),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await toDetails(canvasElement);
    await click(shadow, 'Deny');
    await reached(el, shadow, 'denied', 'The new device was not signed in.');
  },
};

/** No pending request of this account has the code: the field again, with what was typed. */
export const WrongCode: Story = {
  name: 'Wrong code',
  tags: notInDocs,
  ...given({ lookup: problem(400, 'device-code-invalid') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'entering', "That code isn't right");
    const input = await shadow.findByLabelText('Code shown on the new device');
    await expect(input).toHaveValue(CODE);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  },
};

export const Expired: Story = {
  name: 'Expired',
  tags: notInDocs,
  ...given({ lookup: problem(400, 'device-request-expired') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'This request has expired');
    await shown(shadow, 'Ask the new device for a new code, then enter it here.');
    await expect(await shadow.findByRole('button', { name: 'Enter a new code' })).toBeVisible();
  },
};

export const AlreadyUsed: Story = {
  name: 'Already used',
  tags: notInDocs,
  ...given({ lookup: problem(409, 'device-request-used') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'This code has already been used');
  },
};

/** This device has no session: nothing here can approve until the person signs in. */
export const NotSignedIn: Story = {
  name: 'Not signed in',
  tags: notInDocs,
  ...given({ lookup: problem(401, 'unauthenticated') }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'ended', 'Sign in on this device first');
    await expect(shadow.queryByRole('button', { name: 'Approve' })).toBeNull();
    await expect(await shadow.findByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

export const RateLimited: Story = {
  name: 'Rate limited',
  tags: notInDocs,
  ...given({ lookup: problem(429, 'rate-limited', { 'Retry-After': '900' }) }),
  play: async ({ canvasElement }) => {
    const { el, shadow } = await enterCode(canvasElement);
    await reached(el, shadow, 'entering', 'Too many attempts');
    await shown(shadow, /You can try again in 15 minutes\./);
  },
};

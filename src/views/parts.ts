/**
 * The parts the lazily loaded steps share: who the step is for (with "Change"), the buttons for
 * the ways in, a failure said inside a step, durations in words, and the row of quiet links at
 * the bottom of a step. It imports no step's views, so every step can use it and none imports
 * another.
 */
import { msg } from '../l10n/msg.js';
import { str } from '../l10n/str.js';
import { duration } from '../l10n/format.js';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Failure, Method, Snapshot } from '../machine/types.js';
import { failureText } from './failure-text.js';
import { text as coreText } from './messages.js';
import { link, type Handlers } from './templates.js';

export { link, links, otherWaysLink } from './templates.js';

export const text = {
  email: () => msg('Email me a code', { id: 'method.email-code' }),
  sms: () => msg('Text me a code', { id: 'method.sms-code' }),
  password: () => msg('Use my password', { id: 'method.password' }),
  device: () => msg('Approve from another device', { id: 'method.device' }),
  lastUsed: () => msg('Last used', { id: 'method.last-used' }),
  otherWays: coreText.otherWays,
  back: () => msg('Back', { id: 'action.back' }),
  change: () => msg('Change', { id: 'identity.change' }),
  changeWhat: () => msg('email or username', { id: 'identity.change-what' }),
  checking: () => msg('Checking…', { id: 'progress.checking' }),
  askingWays: () => msg('Finding your ways to sign in…', { id: 'methods.asking' }),
  notNow: () => msg('Not now', { id: 'action.not-now' }),
  help: () => msg('Need help?', { id: 'help.button' }),
  tryAgainIn: (when: string) => msg(str`You can try again in ${when}.`, { id: 'retry.in' }),
  unsupported: () => msg("This browser can't use passkeys. Try another browser, or a phone or tablet.", { id: 'capabilities.unsupported' }),
};

// 20×20 outlines: an "i" for a calm notice, a "!" in a triangle for one that blocks the way.
const INFO = 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 7v5m0-8h.01';
const ALERT = 'M10 3 2 17h16L10 3Zm0 5v4m0 3h.01';

/**
 * A notice's icon: strokes in `currentColor`, never a background, so forced colours redraw it in
 * the text colour instead of dropping it, and calm and urgent still differ by shape there
 * (WCAG 1.4.1, 1.4.11).
 */
export const noticeIcon = (urgent: boolean): TemplateResult =>
  html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${svg`<path d=${urgent ? ALERT : INFO}></path>`}</svg>`;

/**
 * A message box: calm (`role="status"`) or urgent (`role="alert"`), each with its own icon so the
 * difference holds in forced colours. `focus` puts focus on its title when the step opens on it.
 * Title and sentence are said as one (`aria-atomic`, WCAG 4.1.3); buttons in `extra` stay out of
 * the live region, in the box but not read out as part of the message.
 */
export function notice(
  kind: 'info' | 'urgent',
  title: string | undefined,
  body: string | TemplateResult,
  { part = '', code, focus = false, extra, id }: { part?: string; code?: string; focus?: boolean; extra?: TemplateResult; id?: string } = {},
): TemplateResult {
  const urgent = kind === 'urgent';
  const role = urgent ? 'alert' : 'status';
  const said = html`${title ? html`<p part="notice-title" class="notice-title" tabindex="-1" ?data-focus=${focus}>${title}</p>` : nothing}
    <p part="notice-body">${body}</p>`;
  return html`<div
    part="notice ${part}"
    class="notice ${urgent ? 'urgent' : ''}"
    id=${id ?? nothing}
    role=${extra ? nothing : role}
    aria-atomic=${extra ? nothing : 'true'}
    data-code=${code ?? nothing}
  >
    ${noticeIcon(urgent)}
    <div class="notice-text">
      ${extra ? html`<div class="notice-said" role=${role} aria-atomic="true">${said}</div>${extra}` : said}
    </div>
  </div>`;
}

/** Said on the form of a browser that cannot use passkeys at all. */
export const unsupportedNotice = () => notice('info', undefined, text.unsupported(), { part: 'unsupported-notice' });

/** When trying again is allowed, as a sentence. */
export const retryText = (seconds: number) => text.tryAgainIn(duration(seconds));

/** Seconds left of `seconds` counted from `at` (ms). */
export const secondsLeft = (at: number, seconds: number) => Math.max(0, Math.ceil((at + seconds * 1000 - Date.now()) / 1000));

export function methodLabel(method: Method): string {
  switch (method) {
    case 'passkey':
      return coreText.signInWithPasskey();
    case 'hybrid':
      return coreText.useHybrid();
    case 'email-code':
      return text.email();
    case 'sms-code':
      return text.sms();
    case 'password':
      return text.password();
    case 'device':
      return text.device();
  }
}

/**
 * Who the step is for, after the identifier was given: the identifier as a chip, isolated so
 * its characters never reorder the sentence around it (Unicode bidi), with "Change".
 */
export function identity(identifier: string, on: Handlers): TemplateResult | typeof nothing {
  if (!identifier.trim()) return nothing;
  return html`<div part="identity" class="identity">
    <svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5"><circle cx="10" cy="7" r="3.25"></circle><path d="M3.5 17c.8-3.2 3.4-5 6.5-5s5.7 1.8 6.5 5"></path></svg>
    <bdi part="identity-name" class="identity-name">${identifier.trim()}</bdi>
    <button part="button link-button change-button" class="link" type="button" @click=${() => on.send({ type: 'start-over' })}>
      ${text.change()}<span class="visually-hidden"> ${text.changeWhat()}</span>
    </button>
  </div>`;
}

/**
 * One full-width button per way in, stacked; the first is primary when `primary` is set. While
 * the backend is asked which ways the identifier has, a short wait instead of ways it may lack.
 */
export function ways(snapshot: Snapshot, on: Handlers, methods: Method[], { primary = true, asking = false } = {}): TemplateResult {
  if (asking) {
    return html`<div part="ways" class="group ways" aria-busy="true">
      <p part="hint" class="hint asking"><span part="spinner" class="spinner small" aria-hidden="true"></span>${text.askingWays()}</p>
    </div>`;
  }
  const last = snapshot.context.fallbacks?.lastUsed;
  return html`<div part="ways" class="group ways">
    ${methods.map((method, index) => {
      const main = primary && index === 0;
      return html`<button
        part="button ${main ? 'primary-button' : 'secondary-button'} method-button ${method}-button"
        class=${main ? 'primary' : 'secondary'}
        type="button"
        data-method=${method}
        @click=${() => on.send({ type: 'use-method', method })}
      >
        ${methodLabel(method)}${method === last ? html` <span part="badge last-used" class="badge">${text.lastUsed()}</span>` : nothing}
      </button>`;
    })}
  </div>`;
}

/** Whether the backend is being asked which ways in the typed identifier has. */
export const asking = ({ context }: Snapshot): boolean => {
  const identifier = context.identifier.trim();
  return Boolean(identifier) && context.fallbacks?.asking === identifier;
};

/**
 * A failure inside a step (a wrong code, a refused password): what happened, and when to try
 * again. `id` lets the field it is about point at it (`aria-describedby`, WCAG 3.3.1).
 */
export function stepFailure(failure: Failure, source: Parameters<typeof failureText>[1], id?: string): TemplateResult {
  const { title, body, urgent } = failureText(failure.code, source, { triesLeft: failure.triesLeft });
  return notice(urgent ? 'urgent' : 'info', title, html`${body}${failure.retryAfter ? html` ${retryText(failure.retryAfter)}` : nothing}`, {
    part: 'failure-notice',
    code: failure.code,
    id,
  });
}

/** A quiet link-style button. */
export const helpLink = (on: Handlers) => link('help-button', text.help(), { type: 'help' }, on);

export const fieldError = (id: string, error: string | undefined) =>
  error ? html`<p part="field-error" class="field-error" id=${id} role="alert">${error}</p>` : nothing;

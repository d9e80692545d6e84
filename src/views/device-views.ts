/**
 * "Approve from another device" on the new device: the binding code to type on a device where
 * the person is signed in, a QR code of the site's approval page, and what happened. Loaded with
 * the secondary chunk; the QR code's library loads only when this step shows one.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import { canUse } from '../machine/transition.js';
import type { Snapshot, State } from '../machine/types.js';
import { failureText, text as secondaryText } from './secondary-views.js';
import { helpButton } from './help-views.js';
import { retryText, fallbackText } from './fallback-views.js';
import { text as coreText } from './messages.js';
import { heading, progress, type Handlers } from './templates.js';

const text = {
  requesting: () => msg('Getting a code…', { id: 'device.requesting' }),
  title: () => msg('Approve from another device', { id: 'device.title' }),
  instructions: () =>
    msg("On a phone or computer where you're already signed in to this site, open the approval page and enter this code:", { id: 'device.instructions' }),
  scan: () => msg('Or scan this QR code with that device to open the page.', { id: 'device.scan' }),
  qrLabel: () => msg('QR code of the approval page', { id: 'device.qr-label' }),
  expires: (minutes: number) => msg(str`The code works for ${minutes} min.`, { id: 'device.expires' }),
  waiting: () => msg('Waiting for approval…', { id: 'device.waiting' }),
  pollFailing: () => msg("We can't check for the approval right now. We'll keep trying.", { id: 'device.poll-failing' }),
  versusHybrid: () =>
    msg('"Use a phone or tablet" is different: it signs in with a passkey on that phone, through a QR code your browser shows.', { id: 'device.versus-hybrid' }),
  deniedTitle: () => msg('The sign-in was denied', { id: 'device.denied.title' }),
  deniedBody: () => msg('It was turned down on your other device. Nothing changed here.', { id: 'device.denied.body' }),
  expiredTitle: () => msg('That code has expired', { id: 'device.expired.title' }),
  expiredBody: () => msg('Codes work for a few minutes only. Get a new one and try again.', { id: 'device.expired.body' }),
  newCode: () => msg('Get a new code', { id: 'device.new-code' }),
};

/** One sentence on what approving from another device is, for the chooser. */
export const deviceHint = () =>
  msg("Approve from another device: confirm this sign-in on a device where you're already signed in.", { id: 'device.hint' });

/** The approval page for this code: `{code}` filled in, or the code appended as `?code=`. */
function approvalUrl(template: string, code: string): string | undefined {
  const filled = template.includes('{code}') ? template.replaceAll('{code}', encodeURIComponent(code)) : template;
  try {
    const url = new URL(filled, globalThis.location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (!template.includes('{code}')) url.searchParams.set('code', code);
    return url.href;
  } catch {
    return undefined;
  }
}

const qrCodes = new Map<string, Promise<TemplateResult>>();

/** The QR code for `url`, once its library has loaded; nothing until then (the code is on screen anyway). */
function qr(url: string): Promise<TemplateResult> {
  let drawn = qrCodes.get(url);
  if (!drawn) {
    drawn = import('./qr.js').then(
      ({ qrPath }) => {
        const { size, d } = qrPath(url);
        // A 4-module quiet zone, as the QR standard asks, so phones find the code on any background.
        return html`<svg part="qr" class="qr" role="img" aria-label=${text.qrLabel()} viewBox="-4 -4 ${size + 8} ${size + 8}">
          ${svg`<rect x="-4" y="-4" width=${size + 8} height=${size + 8} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
        </svg>`;
      },
      () => html``,
    );
    qrCodes.set(url, drawn);
  }
  return drawn;
}

export function device(snapshot: Snapshot, state: Extract<State, { kind: 'device' }>, on: Handlers): TemplateResult {
  const start = () => on.send({ type: 'start-over' });
  if (state.phase === 'requesting' && !state.failure) return progress(text.requesting(), undefined, start);
  const others = html`
    <button part="button link-button other-ways-button" class="link" type="button" @click=${() => on.send({ type: 'choose' })}>${fallbackText.otherWays()}</button>
    ${helpButton(on)}
    <button part="button link-button start-over-button" class="link" type="button" @click=${start}>${secondaryText.differentAccount()}</button>
  `;
  const again = (label: string) =>
    html`<button part="button primary-button retry-button" class="primary" type="button" @click=${() => on.send({ type: 'retry' })}>${label}</button>`;
  if (state.phase !== 'waiting' || !state.request) {
    const { title, body } =
      state.phase === 'denied'
        ? { title: text.deniedTitle(), body: text.deniedBody() }
        : state.phase === 'expired'
          ? { title: text.expiredTitle(), body: text.expiredBody() }
          : failureText(state.failure!.code, 'device');
    return html`
      <div part="device" class="stack">
        ${heading(text.title(), false)}
        <div part="notice failure-notice" class="notice urgent" role="alert" data-code=${state.failure?.code ?? state.phase}>
          <p part="notice-title" class="notice-title" tabindex="-1" data-focus>${title}</p>
          <p part="notice-body">${body}${state.failure?.retryAfter ? html` ${retryText(state.failure.retryAfter)}` : nothing}</p>
        </div>
        ${again(state.phase === 'expired' ? text.newCode() : coreText.tryAgain())} ${others}
      </div>
    `;
  }
  const { request } = state;
  const url = snapshot.context.fallbacks?.approve ? approvalUrl(snapshot.context.fallbacks.approve, request.code) : undefined;
  const minutes = Math.max(1, Math.ceil((request.at + request.expiresIn * 1000 - Date.now()) / 60_000));
  return html`
    <div part="device" class="stack" aria-busy="true">
      ${heading(text.title())}
      <p part="body">${text.instructions()}</p>
      <p part="device-code" class="device-code">${request.code}</p>
      ${url ? html`<p part="body">${text.scan()}</p>${until(qr(url), nothing)}` : nothing}
      <p part="hint" class="hint">${text.expires(minutes)}</p>
      <p part="body waiting">${text.waiting()}</p>
      ${state.pollFailure ? html`<p part="notice poll-notice" class="notice" role="status">${text.pollFailing()}</p>` : nothing}
      ${canUse(snapshot.context, 'hybrid') ? html`<p part="hint" class="hint">${text.versusHybrid()}</p>` : nothing}
      ${others}
    </div>
  `;
}

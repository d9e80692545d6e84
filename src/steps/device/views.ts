/**
 * "Approve from another device" on the new device: the binding code to type on a device where
 * the person is signed in, a QR code of the site's approval page, and what happened. Loaded with
 * the steps chunk; the QR code's library loads only when this step shows one.
 */
import { duration } from '../../l10n/format.js';
import { msg } from '../../l10n/msg.js';
import { str } from '../../l10n/str.js';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import { canUse } from '../../machine/transition.js';
import type { Snapshot, State } from '../../machine/types.js';
import { failureText } from '../../views/failure-text.js';
import { text as coreText } from '../../views/messages.js';
import { helpLink, identity, links, notice, otherWaysLink, retryText } from '../../views/parts.js';
import { cancelButton, heading, progress, type Handlers } from '../../views/templates.js';

const text = {
  requesting: () => msg('Getting a code…', { id: 'device.requesting' }),
  title: () => msg('Approve from another device', { id: 'device.title' }),
  instructions: () =>
    msg("On a phone or computer where you're already signed in to this site, open the approval page and enter this code:", { id: 'device.instructions' }),
  scan: () => msg('Or scan this QR code with that device to open the page.', { id: 'device.scan' }),
  qrLabel: () => msg('QR code of the approval page', { id: 'device.qr-label' }),
  expires: (when: string) => msg(str`The code works for ${when}.`, { id: 'device.expires' }),
  waiting: () => msg('Waiting for approval…', { id: 'device.waiting' }),
  pollFailing: () => msg("We can't check for the approval right now. We'll keep trying.", { id: 'device.poll-failing' }),
  versusHybrid: () => msg('To use a passkey that is on your phone instead, choose "Use a phone or tablet".', { id: 'device.versus-hybrid' }),
  deniedTitle: () => msg('The sign-in was denied', { id: 'device.denied.title' }),
  deniedBody: () => msg('It was turned down on your other device. Nothing changed here.', { id: 'device.denied.body' }),
  expiredTitle: () => msg('That code has expired', { id: 'device.expired.title' }),
  expiredBody: () => msg('Codes work for a few minutes only. Get a new one and try again.', { id: 'device.expired.body' }),
  newCode: () => msg('Get a new code', { id: 'device.new-code' }),
};

/** One sentence on what approving from another device is, for the chooser. */
export const deviceHint = () => msg("Approving from another device works from any phone or computer where you're already signed in.", { id: 'device.hint' });

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

/**
 * The code with a break allowed after each dash, so a long one wraps between its groups at 320 px
 * rather than running out of the box or splitting a group (WCAG 1.4.10). Its text is unchanged.
 */
const breakable = (code: string) => code.split(/(?<=-)/).map((group, index) => html`${index ? html`<wbr />` : nothing}${group}`);

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
  if (state.phase === 'requesting' && !state.failure) return progress(text.requesting(), undefined, cancelButton(on, { type: 'start-over' }));
  const bottom = links(otherWaysLink(on), helpLink(on));
  const who = identity(snapshot.context.identifier, on);
  if (state.phase !== 'waiting' || !state.request) {
    const { title, body } =
      state.phase === 'denied'
        ? { title: text.deniedTitle(), body: text.deniedBody() }
        : state.phase === 'expired'
          ? { title: text.expiredTitle(), body: text.expiredBody() }
          : failureText(state.failure!.code, 'device', { others: true });
    return html`
      <div part="device" class="stack">
        ${heading(text.title(), false)}
        ${notice('urgent', title, html`${body}${state.failure?.retryAfter ? html` ${retryText(state.failure.retryAfter)}` : nothing}`, {
          part: 'failure-notice',
          code: state.failure?.code ?? state.phase,
          focus: true,
        })}
        ${who}
        <button part="button primary-button retry-button" class="primary" type="button" @click=${() => on.send({ type: 'retry' })}>
          ${state.phase === 'expired' ? text.newCode() : coreText.tryAgain()}
        </button>
        ${bottom}
      </div>
    `;
  }
  const { request } = state;
  const url = snapshot.context.fallbacks?.approve ? approvalUrl(snapshot.context.fallbacks.approve, request.code) : undefined;
  const left = Math.max(60, request.at + request.expiresIn * 1000 - Date.now()) / 1000;
  return html`
    <div part="device" class="stack" aria-busy="true">
      <div class="group">
        ${heading(text.title())}
        <p part="body">${text.instructions()}</p>
      </div>
      ${who}
      <p part="device-code" class="device-code"><bdi>${breakable(request.code)}</bdi></p>
      ${url ? html`<p part="body">${text.scan()}</p>${until(qr(url), nothing)}` : nothing}
      <p part="hint" class="hint">${text.expires(duration(left))}</p>
      <p part="body waiting">${text.waiting()}</p>
      ${state.pollFailure ? notice('info', undefined, text.pollFailing(), { part: 'poll-notice' }) : nothing}
      ${canUse(snapshot.context, 'hybrid') ? html`<p part="hint" class="hint">${text.versusHybrid()}</p>` : nothing}
      ${bottom}
    </div>
  `;
}

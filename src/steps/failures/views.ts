/**
 * A failed passkey sign-in (or sign-up) as a step of its own: what happened in a title and one
 * sentence, who it is for, then the ways on, stacked, the likeliest one primary and "Try again"
 * beside the others, never two primary buttons.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { otherMethods } from '../fallbacks/machine.js';
import type { Snapshot, State } from '../../machine/types.js';
import { failureText } from '../../views/failure-text.js';
import { text as coreText } from '../../views/messages.js';
import { asking, helpLink, identity, links, noticeIcon, retryText, ways } from '../../views/parts.js';
import { heading, identifierField, type Handlers } from '../../views/templates.js';

/**
 * The notice holds the title and the sentence only, said as one; the ways on stay outside it, so
 * they are not read out as prose (WCAG 4.1.3). Calm and urgent each have their own icon, which
 * forced colours keep (WCAG 1.4.1).
 */
export function failureStep(snapshot: Snapshot, state: Extract<State, { kind: 'failed' }>, on: Handlers): TemplateResult {
  const { context } = snapshot;
  const methods = otherMethods(context);
  const retry = state.actions.includes('retry');
  const hybrid = state.actions.includes('hybrid');
  const { title, body, urgent } = failureText(state.failure.code, state.source, { others: methods.length > 0 || hybrid });
  const waiting = asking(snapshot);
  // The likeliest way on is another way in when there is one; trying the same again comes next.
  const retryPrimary = !methods.length && !waiting;
  return html`
    <div part="failure" class="stack">
      <div part="failure-notice" class="group failure-notice ${urgent ? 'urgent' : ''}" role=${urgent ? 'alert' : 'status'} aria-atomic="true" data-code=${state.failure.code}>
        <div class="failure-title">${noticeIcon(urgent)}${heading(title)}</div>
        <p part="body">${body}${state.failure.retryAfter ? html` ${retryText(state.failure.retryAfter)}` : nothing}</p>
      </div>
      ${
        // Typed before: who it is for, with "Change". Not typed: the field, where autofill offers
        // passkeys again (FAILURES.md: re-arm after a modal cancel) and the other ways find who.
        state.identified ? identity(context.identifier, on) : identifierField(context.identifier, undefined, on)
      }
      <div class="group">
        ${methods.length || waiting ? ways(snapshot, on, methods, { asking: waiting }) : nothing}
        ${retry
          ? html`<button part="button ${retryPrimary ? 'primary-button' : 'secondary-button'} retry-button" class=${retryPrimary ? 'primary' : 'secondary'} type="button" @click=${() => on.send({ type: 'retry' })}>
              ${coreText.tryAgain()}
            </button>`
          : nothing}
        ${hybrid
          ? html`<button part="button secondary-button hybrid-button" class="secondary" type="button" @click=${() => on.signIn('hybrid')}>${coreText.useHybrid()}</button>`
          : nothing}
      </div>
      ${context.fallbacks ? links(helpLink(on)) : nothing}
    </div>
  `;
}

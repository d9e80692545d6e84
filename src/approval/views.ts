/**
 * What each approval step looks like. Pure functions of the state, a set of handlers and the
 * page's locale and clock: no state of their own, no requests. Structural nodes carry `part`
 * names, generic first, then specific. Server strings (account name, browser, OS) are only ever
 * text content.
 */
import { duration } from '../l10n/format.js';
import { locale } from '../l10n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { heading, progress } from '../views/step.js';
import { failureText, fieldErrorText, retryText, text } from './messages.js';
import type { ApprovalFailure, ApprovalRequest, ApprovalState, Decision } from './state.js';

export interface ApprovalHandlers {
  submit(event: SubmitEvent): void;
  decide(decision: Decision): void;
  /** "Enter a new code". */
  restart(): void;
  /** "Try again" with the same code. */
  retry(): void;
}

/** The time now, for what is said relative to it. (The language is the one being rendered.) */
export interface Formatting {
  now: number;
}

type StateOf<K extends ApprovalState['kind']> = Extract<ApprovalState, { kind: K }>;

export function renderApproval(state: ApprovalState, on: ApprovalHandlers, format: Formatting): TemplateResult {
  switch (state.kind) {
    case 'entering':
      return entering(state, on);
    case 'looking-up':
      return progress(text.lookingUp(), undefined);
    case 'confirming':
      return confirming(state, on, format);
    case 'deciding':
      return progress(state.decision === 'approve' ? text.approving() : text.denying(), undefined);
    case 'approved':
      return done('approved', text.approvedTitle(), text.approvedBody());
    case 'denied':
      return done('denied', text.deniedTitle(), text.deniedBody());
    case 'ended':
      return ended(state, on);
  }
}

/** A short sentence for the polite live region: progress, outcomes and steps nobody focused. */
export function statusText(state: ApprovalState): string {
  switch (state.kind) {
    case 'looking-up':
      return text.lookingUp();
    case 'confirming':
      return text.confirmTitle();
    case 'deciding':
      return state.decision === 'approve' ? text.approving() : text.denying();
    case 'approved':
      return text.approvedBody();
    case 'denied':
      return text.deniedBody();
    case 'ended':
      return failureText(state.failure.code).title;
    default:
      // The field's failures are alerts of their own.
      return '';
  }
}

const FAILURE_ID = 'approval-failure';

function failureNotice(failure: ApprovalFailure, focus: boolean): TemplateResult {
  const { title, body } = failureText(failure.code);
  return html`
    <div part="notice failure-notice" class="notice urgent" role="alert" id=${FAILURE_ID} data-code=${failure.code}>
      <p part="notice-title" class="notice-title" tabindex="-1" ?data-focus=${focus}>${title}</p>
      <p part="notice-body">${body}${failure.retryAfter ? html` ${retryText(failure.retryAfter)}` : nothing}</p>
    </div>
  `;
}

function entering(state: StateOf<'entering'>, on: ApprovalHandlers): TemplateResult {
  const { failure, fieldError } = state;
  const describedBy = ['approval-code-hint', fieldError ? 'approval-code-error' : '', failure ? FAILURE_ID : ''].filter(Boolean).join(' ');
  return html`
    <form part="form enter" class="stack" novalidate @submit=${on.submit}>
      ${heading(text.enterTitle(), false)}
      <p part="body">${text.enterBody()}</p>
      ${failure ? failureNotice(failure, false) : nothing}
      <div part="field" class="field">
        <label part="label" for="code">${text.codeLabel()}</label>
        <input
          part="input code-input"
          id="code"
          name="code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          autocorrect="off"
          spellcheck="false"
          maxlength="32"
          .value=${state.code}
          aria-invalid=${fieldError || failure?.code === 'device-code-invalid' ? 'true' : 'false'}
          aria-describedby=${describedBy}
          data-focus
        />
        <p part="hint" class="hint" id="approval-code-hint">${text.codeHint()}</p>
        ${fieldError ? html`<p part="field-error" class="field-error" id="approval-code-error">${fieldErrorText(fieldError)}</p>` : nothing}
      </div>
      <button part="button primary-button continue-button" class="primary" type="submit">${text.continue()}</button>
    </form>
  `;
}

function confirming(state: StateOf<'confirming'>, on: ApprovalHandlers, format: Formatting): TemplateResult {
  const { request, failure } = state;
  return html`
    <div part="confirm" class="stack">
      ${heading(text.confirmTitle(), !failure)} ${failure ? failureNotice(failure, true) : nothing}
      <dl part="details" class="details">
        <div>
          <dt>${text.account()}</dt>
          <dd part="detail account">${request.account}</dd>
        </div>
        <div>
          <dt>${text.device()}</dt>
          <dd part="detail device">${deviceText(request)}</dd>
        </div>
        <div>
          <dt>${text.when()}</dt>
          <dd part="detail time"><time datetime=${new Date(request.requestedAt).toISOString()}>${relativeTime(request.requestedAt, format)}</time></dd>
        </div>
        <div>
          <dt>${text.where()}</dt>
          <dd part="detail place">${request.place ? countryName(request.place) : text.unknownPlace()}</dd>
        </div>
      </dl>
      <p part="hint expiry" class="hint">${expiryText(request.expiresAt - format.now)}</p>
      <p part="body warning" id="approval-warning">${text.warning()}</p>
      <div part="actions decision" class="decision">
        ${decisionButton('deny', text.deny(), on)} ${decisionButton('approve', text.approve(), on)}
      </div>
    </div>
  `;
}

/**
 * Deny and Approve are the same kind of button, side by side at the same size: neither is the
 * default, and Deny is met first. Both are secondary buttons, so nothing on the step looks like
 * the answer the page expects.
 */
const decisionButton = (decision: Decision, label: string, on: ApprovalHandlers) => html`
  <button
    part="button secondary-button decision-button ${decision}-button"
    class="secondary"
    type="button"
    data-decision=${decision}
    aria-describedby="approval-warning"
    @click=${() => on.decide(decision)}
  >
    ${label}
  </button>
`;

function done(kind: 'approved' | 'denied', title: string, body: string): TemplateResult {
  return html`
    <div part="done ${kind}" class="stack">
      ${heading(title)}
      <p part="body">${body}</p>
    </div>
  `;
}

function ended(state: StateOf<'ended'>, on: ApprovalHandlers): TemplateResult {
  const { code } = state.failure;
  const { title, body } = failureText(code);
  // Not signed in: the way on is to sign in, then look the same code up again. Nothing here can
  // approve without that.
  const signIn = code === 'unauthenticated';
  return html`
    <div part="ended" class="stack" data-code=${code}>
      ${heading(title)}
      <p part="body">${body}${state.failure.retryAfter ? html` ${retryText(state.failure.retryAfter)}` : nothing}</p>
      ${signIn
        ? html`<button part="button primary-button retry-button" class="primary" type="button" @click=${on.retry}>${text.tryAgain()}</button>`
        : html`<button part="button primary-button new-code-button" class="primary" type="button" @click=${on.restart}>${text.enterNewCode()}</button>`}
    </div>
  `;
}

/** "Chrome on macOS"; what the backend could not tell is said, never guessed. */
export function deviceText({ browser, os }: Pick<ApprovalRequest, 'browser' | 'os'>): string {
  const name = browser ?? text.unknownBrowser();
  return os ? text.browserOn(name, os) : name;
}

function expiryText(ms: number): string {
  return text.expiresIn(duration(Math.max(1, Math.ceil(ms / 1000))));
}

/** "now", "3 minutes ago", in the language being rendered (always a tag `Intl` takes: see l10n/catalogs.ts). */
export function relativeTime(at: number, { now }: Formatting): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours < 24 ? format.format(-hours, 'hour') : format.format(-Math.round(hours / 24), 'day');
}

/** "Germany" for `DE`, in the language being rendered; the code itself when the browser has no name for it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

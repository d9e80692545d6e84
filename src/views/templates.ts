/**
 * What each state looks like; the states most sign-ins never reach come from secondary-views.ts. Pure functions of the snapshot and a set of handlers: no state of
 * their own, no requests. Structural nodes carry `part` names (generic first, then specific).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { canUse, canUsePasskeys } from '../machine/transition.js';
import type { Event, FieldError, GetCeremony, Snapshot } from '../machine/types.js';
import { fieldErrorText, text } from './messages.js';
import type * as Secondary from '../secondary.js';

export type SecondaryViews = typeof Secondary;

export interface Handlers {
  input(event: InputEvent): void;
  interact(): void;
  submit(event: SubmitEvent): void;
  signIn(ceremony: GetCeremony): void;
  create(): void;
  retry(): void;
  cancel(): void;
  startOver(): void;
  signOut(): void;
  /** Any other event: the fallback views send theirs through this. */
  send(event: Event): void;
}

export const heading = (content: string, focus = true) =>
  html`<h2 part="heading" class="heading" tabindex="-1" ?data-focus=${focus}>${content}</h2>`;

const spinner = html`<span part="spinner" class="spinner" aria-hidden="true"></span>`;

/** Which passkey buttons the form shows; a failure notice's own buttons are not repeated. */
function shownButtons({ context, state }: Snapshot): { passkey: boolean; hybrid: boolean } {
  const offered = state.kind === 'failed' ? state.actions : [];
  const retriesPasskey = state.kind === 'failed' && (state.source === 'passkey' || state.source === 'autofill');
  return {
    passkey: canUse(context, 'passkey') && !(retriesPasskey && offered.includes('retry')),
    hybrid: canUse(context, 'hybrid') && !offered.includes('hybrid'),
  };
}

const offersPasskeyButtons = (snapshot: Snapshot) => {
  const { passkey, hybrid } = shownButtons(snapshot);
  return passkey || hybrid;
};

export function passkeyButtons(snapshot: Snapshot, on: Handlers, primary = false): TemplateResult {
  const { passkey, hybrid } = shownButtons(snapshot);
  return html`
    ${passkey
      ? html`<button
          part="button ${primary ? 'primary-button' : 'secondary-button'} passkey-button"
          class=${primary ? 'primary' : 'secondary'}
          type="button"
          @click=${() => on.signIn('passkey')}
        >
          ${text.signInWithPasskey()}
        </button>`
      : nothing}
    ${hybrid
      ? html`<button
            part="button secondary-button hybrid-button"
            class="secondary"
            type="button"
            aria-describedby="hybrid-hint"
            @click=${() => on.signIn('hybrid')}
          >
            ${text.useHybrid()}
          </button>
          <p part="hint" class="hint" id="hybrid-hint">${text.hybridHint()}</p>`
      : nothing}
  `;
}

function form(snapshot: Snapshot, on: Handlers, views: SecondaryViews | undefined, retryLoad?: () => void): TemplateResult {
  const { state, context } = snapshot;
  const fieldError = state.kind === 'ready' ? state.fieldError : undefined;
  const passkeys = canUsePasskeys(context);
  return html`
    <form part="form" class="stack" novalidate @submit=${on.submit}>
      ${heading(context.signUpOff ? text.headingSignIn() : text.heading(), state.kind !== 'failed')}
      ${state.kind === 'failed' ? (views ? views.failureNotice(snapshot, state, on) : retryLoad ? loadFailed(retryLoad) : spinner) : nothing}
      ${context.capabilities?.webauthn === false
        ? html`<p part="notice unsupported-notice" class="notice" role="status">${text.unsupported()}</p>`
        : nothing}
      ${passkeys || views?.otherMethods(context).length ? identifierField(context.identifier, fieldError, on) : nothing}
      ${passkeys ? html`<button part="button primary-button continue-button" class="primary" type="submit">${text.continue()}</button>` : nothing}
      ${passkeys && offersPasskeyButtons(snapshot) ? html`<p part="divider" class="divider"><span>${text.or()}</span></p>` : nothing}
      ${passkeyButtons(snapshot, on)} ${views?.otherWays(snapshot, on)}
    </form>
  `;
}

export function identifierField(identifier: string, fieldError: FieldError | undefined, on: Handlers): TemplateResult {
  return html`
      <div part="field" class="field">
        <label part="label" for="identifier">${text.identifierLabel()}</label>
        <input
          part="input identifier-input"
          id="identifier"
          name="username"
          type="text"
          autocomplete="username webauthn"
          autocapitalize="none"
          spellcheck="false"
          maxlength="256"
          .value=${identifier}
          aria-invalid=${fieldError ? 'true' : 'false'}
          aria-describedby=${fieldError ? 'identifier-error' : nothing}
          ?data-focus=${Boolean(fieldError)}
          @input=${on.input}
          @focus=${on.interact}
        />
        ${fieldError
          ? html`<p part="field-error" class="field-error" id="identifier-error">${fieldErrorText(fieldError)}</p>`
          : nothing}
      </div>
  `;
}

export function progress(title: string, body: string | undefined, cancel: (() => void) | undefined): TemplateResult {
  return html`
    <div part="progress" class="stack" aria-busy="true">
      ${heading(title)} ${body ? html`<p part="body">${body}</p>` : nothing} ${spinner}
      ${cancel ? html`<button part="button secondary-button cancel-button" class="secondary" type="button" @click=${cancel}>${text.cancel()}</button>` : nothing}
    </div>
  `;
}

/**
 * `views` is the secondary chunk once loaded; until then its states show a short progress step,
 * or, when loading failed (`retryLoad` given), a message with a way to try again.
 */
export function renderState(
  snapshot: Snapshot,
  on: Handlers,
  views: SecondaryViews | undefined,
  retryLoad?: () => void,
): TemplateResult {
  const { state } = snapshot;
  const missing = () => (retryLoad ? loadFailed(retryLoad) : progress(text.preparing(), undefined, undefined));
  switch (state.kind) {
    case 'checking':
    case 'ready':
    case 'failed':
      return form(snapshot, on, views, retryLoad);
    case 'preparing':
      return progress(text.preparing(), undefined, on.cancel);
    case 'ceremony':
      if (state.ceremony === 'create') return views ? views.fallbackView(snapshot, on) : missing();
      return progress(text.waitingTitle(), state.ceremony === 'hybrid' ? text.waitingHybrid() : text.waitingBody(), on.cancel);
    case 'verifying':
      return progress(text.verifying(), undefined, undefined);
    case 'signing-out':
      return progress(text.signingOut(), undefined, undefined);
    case 'confirm-create':
      return views ? views.confirmCreate(snapshot, on) : missing();
    case 'returning':
      return views ? views.returning(snapshot, state, on) : missing();
    case 'signed-in':
      return views ? views.signedIn(state, on) : missing();
    default:
      // The fallback steps exist only once the secondary chunk has loaded.
      return views ? views.fallbackView(snapshot, on) : missing();
  }
}

/** A short sentence for the polite live region when the step changes without moving focus. */
export function statusText(snapshot: Snapshot, views: SecondaryViews | undefined): string {
  const { state } = snapshot;
  switch (state.kind) {
    case 'ceremony':
      return state.ceremony === 'create' ? views?.fallbackStatus(snapshot) ?? '' : text.waitingTitle();
    case 'verifying':
      return text.verifying();
    default:
      return views?.fallbackStatus(snapshot) ?? '';
  }
}

/** Shown only when the secondary views could not be loaded (e.g. the connection dropped). */
function loadFailed(retry: () => void): TemplateResult {
  return html`
    <div part="notice" class="notice urgent" role="alert">
      <p>${text.loadFailed()}</p>
      <button part="button primary-button retry-button" class="primary" type="button" @click=${retry}>${text.tryAgain()}</button>
    </div>
  `;
}

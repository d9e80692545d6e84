/**
 * What each state looks like, and the parts every step shares (heading, notice, identity,
 * progress); the states most sign-ins never reach come from the lazy views. Pure functions of
 * the snapshot and a set of handlers: no state of their own, no requests. Structural nodes carry
 * `part` names (generic first, then specific).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { canUse, canUsePasskeys } from '../machine/transition.js';
import type { Context, Event, FieldError, GetCeremony, Method, Snapshot, State } from '../machine/types.js';
import { fieldErrorText, text } from './messages.js';
import { fields, heading, progress } from './step.js';

export { heading, progress, setStep } from './step.js';

/** Cancel on a wait of this element's own. */
export const cancelButton = (on: Handlers, event: Event = { type: 'cancel' }): TemplateResult =>
  html`<button part="button secondary-button cancel-button" class="secondary" type="button" @click=${() => on.send(event)}>${text.cancel()}</button>`;

/**
 * What the steps chunk (`steps.ts`) lends these views once it has loaded: every step beyond the
 * form, and what the form shows of the other ways in. Declared here, so the core views depend on
 * no step's module, not even for types.
 */
export interface StepViews {
  view(snapshot: Snapshot, on: Handlers): TemplateResult;
  otherWays(snapshot: Snapshot, on: Handlers): TemplateResult | typeof nothing;
  otherMethods(context: Context): Method[];
  unsupportedNotice(): TemplateResult;
  fallbackStatus(snapshot: Snapshot): string;
}

export interface Handlers {
  input(event: InputEvent): void;
  interact(): void;
  submit(event: SubmitEvent): void;
  signIn(ceremony: GetCeremony): void;
  /** Whether the site's `methods` list `ceremony` (both, when unset). */
  listed(ceremony: GetCeremony): boolean;
  /** Any other event (Cancel, Try again, Create, Sign out, the fallbacks' own). */
  send(event: Event): void;
}

/** Which passkey buttons the form shows. */
function shownButtons({ context }: Snapshot, on: Handlers): { passkey: boolean; hybrid: boolean } {
  // Hybrid waits for the browser's answer (a few milliseconds): a button shown, then taken away
  // where there is no Bluetooth, would move everything below it.
  return { passkey: canUse(context, 'passkey') && on.listed('passkey'), hybrid: canUse(context, 'hybrid') && on.listed('hybrid') && Boolean(context.capabilities) };
}

export const link = (part: string, label: string, event: Event, on: Handlers) =>
  html`<button part="button link-button ${part}" class="link" type="button" @click=${() => on.send(event)}>${label}</button>`;

/** The quiet links at the bottom of a step: other ways in, help, back. */
export function links(...items: Array<TemplateResult | typeof nothing | false>): TemplateResult {
  return html`<div part="links" class="links">${items.filter((item): item is TemplateResult => Boolean(item) && item !== nothing)}</div>`;
}

export const otherWaysLink = (on: Handlers) => link('other-ways-button', text.otherWays(), { type: 'choose' }, on);

export function passkeyButtons(snapshot: Snapshot, on: Handlers, primary = false): TemplateResult {
  const { passkey, hybrid } = shownButtons(snapshot, on);
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

/**
 * `laterWays`: the site offers ways in other than a passkey, whose views are still loading; their
 * link is there from the first paint (a click on it waits for them), so nothing moves when they come.
 */
function form(snapshot: Snapshot, on: Handlers, views: StepViews | undefined, laterWays: boolean): TemplateResult {
  const { state, context } = snapshot;
  const fieldError = state.kind === 'ready' ? state.fieldError : undefined;
  const passkeys = canUsePasskeys(context);
  const { passkey, hybrid } = shownButtons(snapshot, on);
  return html`
    <form part="form" class="stack" novalidate @submit=${on.submit}>
      ${heading(context.signUpOff ? text.headingSignIn() : text.heading(), !(state.kind === 'ready' && state.edit))}
      ${context.capabilities?.webauthn === false ? views?.unsupportedNotice() : nothing}
      ${passkeys || laterWays || views?.otherMethods(context).length
        ? html`<div class="group">
            ${identifierField(context.identifier, fieldError, on, state.kind === 'ready' && state.edit)}
            ${passkeys ? html`<button part="button primary-button continue-button" class="primary" type="submit">${text.continue()}</button>` : nothing}
          </div>`
        : nothing}
      ${passkeys && (passkey || hybrid) ? html`<p part="divider" class="divider"><span>${text.or()}</span></p>` : nothing}
      ${passkey || hybrid || views || laterWays
        ? html`<div class="group">${passkeyButtons(snapshot, on)} ${views ? views.otherWays(snapshot, on) : laterWays ? links(otherWaysLink(on)) : nothing}</div>`
        : nothing}
    </form>
  `;
}

/**
 * The identifier input (`username webauthn`: passkeys show up among its suggestions). `edit`:
 * the person asked to change what they typed, so focus lands in the field with its text selected.
 */
export function identifierField(identifier: string, fieldError: FieldError | undefined, on: Handlers, edit = false): TemplateResult {
  return fields(
    'identifier',
    html`
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
          ?data-focus=${Boolean(fieldError) || edit}
          ?data-select=${edit}
          @input=${on.input}
          @focus=${on.interact}
        />
        ${fieldError ? html`<p part="field-error" class="field-error" id="identifier-error" role="alert">${fieldErrorText(fieldError)}</p>` : nothing}
      </div>
    `,
  );
}

/**
 * `views` is the steps chunk once loaded; until then its states show a short progress step,
 * or, when loading failed (`retryLoad` given), a message with a way to try again.
 */
export function renderState(
  snapshot: Snapshot,
  on: Handlers,
  views: StepViews | undefined,
  retryLoad?: () => void,
  laterWays = false,
): TemplateResult {
  const { state } = snapshot;
  // Every other step (failures, sign-up, signed in, the other ways in) loads with its views.
  if (!ownStep(state)) return views ? views.view(snapshot, on) : retryLoad ? loadFailed(retryLoad) : progress(text.preparing(), undefined);
  switch (state.kind) {
    case 'preparing':
      return progress(text.preparing(), undefined, cancelButton(on));
    case 'ceremony':
      return progress(text.waitingTitle(), state.ceremony === 'hybrid' ? text.waitingHybrid() : text.waitingBody(), cancelButton(on));
    case 'verifying':
      return progress(text.verifying(), undefined, undefined);
    default:
      return form(snapshot, on, views, laterWays);
  }
}

/**
 * Whether these views show `state` themselves: the form (also while a session is checked) and
 * the waits of a passkey sign-in. Every other step needs the steps chunk.
 */
export const ownStep = (state: State): boolean =>
  state.kind === 'checking' || state.kind === 'ready' || state.kind === 'preparing' || state.kind === 'verifying' || (state.kind === 'ceremony' && state.ceremony !== 'create');

/** A short sentence for the polite live region when the step changes without moving focus. */
export function statusText(snapshot: Snapshot, views: StepViews | undefined): string {
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

/** Shown only when the later steps' views could not be loaded (e.g. the connection dropped). */
function loadFailed(retry: () => void): TemplateResult {
  return html`<div class="stack">
    <p part="notice" class="field-error" role="alert">${text.loadFailed()}</p>
    <button part="button primary-button retry-button" class="primary" type="button" @click=${retry}>${text.tryAgain()}</button>
  </div>`;
}

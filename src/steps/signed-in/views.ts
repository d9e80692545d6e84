/**
 * Signed in: who, where a passkey just added was saved (as the backend reported it), the backup
 * nudge, and sign-out.
 */
import { msg } from '../../l10n/msg.js';
import { str } from '../../l10n/str.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { State } from '../../machine/types.js';
import { notice, text as partsText } from '../../views/parts.js';
import { heading, type Handlers } from '../../views/templates.js';

type SignedIn = Extract<State, { kind: 'signed-in' }>;

const text = {
  signedInTitle: () => msg("You're signed in", { id: 'signed-in.title' }),
  signedInAs: (name: string) => msg(str`Signed in as ${name}`, { id: 'signed-in.as' }),
  signedInAsShown: (name: string) => msg(html`Signed in as <bdi>${name}</bdi>`, { id: 'signed-in.as-shown' }),
  signedInNoName: () => msg("You're signed in.", { id: 'signed-in.no-name' }),
  signOut: () => msg('Sign out', { id: 'signed-in.sign-out' }),
  signingOut: () => msg('Signing out…', { id: 'progress.signing-out' }),
  signOutFailed: () => msg("We couldn't sign you out. Try again.", { id: 'signed-in.sign-out-failed' }),
  savedIn: (provider: string) => msg(str`Your passkey is saved in ${provider}.`, { id: 'signed-in.saved-in' }),
  saved: () => msg('Your passkey is saved.', { id: 'signed-in.saved' }),
  syncs: () => msg('It syncs to your other devices that use the same account.', { id: 'signed-in.syncs' }),
  deviceOnly: () => msg('It stays on this device only.', { id: 'signed-in.device-only' }),
  nudgeTitle: () => msg('Add a backup passkey', { id: 'nudge.title' }),
  nudgeSingle: () =>
    msg('You have one passkey. Add another on a second device, or in a password manager that syncs, so losing a device never locks you out.', { id: 'nudge.single' }),
  nudgeDeviceBound: () =>
    msg('Your passkeys are each kept on a single device. Add one in a password manager that syncs, so losing a device never locks you out.', { id: 'nudge.device-bound' }),
  nudgeAdd: () => msg('Add a passkey', { id: 'nudge.add' }),
  never: () => msg("Don't ask again", { id: 'nudge.never' }),
};

export { text as signedInText };

/** The name to show for who is signed in, if the backend gave one (a backend may know none). */
export const shownName = (user: { name: string; displayName?: string }): string => (user.displayName || user.name).trim();

/** What the live region says on arriving signed in. */
export function signedInStatus(state: SignedIn): string {
  const name = shownName(state.result.user);
  return name ? text.signedInAs(name) : text.signedInNoName();
}

export function signedIn(state: SignedIn, on: Handlers): TemplateResult {
  const name = shownName(state.result.user);
  const { saved } = state;
  return html`
    <div part="signed-in" class="stack">
      <div class="group">
        ${heading(text.signedInTitle())}
        ${name ? html`<p part="body user">${text.signedInAsShown(name)}</p>` : nothing}
      </div>
      ${saved
        ? notice('info', undefined, html`${saved.provider ? text.savedIn(saved.provider) : text.saved()}${
            // Whether it syncs is said only when the backend could tell.
            saved.synced === undefined ? nothing : html` ${saved.synced ? text.syncs() : text.deviceOnly()}`
          }`, { part: 'saved' })
        : nothing}
      ${state.nudge
        ? notice('info', text.nudgeTitle(), state.nudge === 'single' ? text.nudgeSingle() : text.nudgeDeviceBound(), {
            part: 'nudge',
            extra: html`<div part="actions" class="group">
              <button part="button primary-button nudge-add-button" class="primary" type="button" @click=${() => on.send({ type: 'nudge-add' })}>${text.nudgeAdd()}</button>
              <button part="button secondary-button not-now-button" class="secondary" type="button" @click=${() => on.send({ type: 'nudge-dismiss', forever: false })}>${partsText.notNow()}</button>
              <button part="button link-button never-button" class="link" type="button" @click=${() => on.send({ type: 'nudge-dismiss', forever: true })}>${text.never()}</button>
            </div>`,
          })
        : nothing}
      ${state.failure ? notice('urgent', undefined, text.signOutFailed()) : nothing}
      <button part="button secondary-button sign-out-button" class="secondary" type="button" @click=${() => on.send({ type: 'sign-out' })}>${text.signOut()}</button>
    </div>
  `;
}

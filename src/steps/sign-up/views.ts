/**
 * Sign-up's steps after the identifier: "Create your account" before the passkey is made, and
 * "Welcome back" for an identifier that already has one.
 */
import { msg } from '../../l10n/msg.js';
import { html, type TemplateResult } from 'lit';
import type { Snapshot, State } from '../../machine/types.js';
import { asking, helpLink, identity, links, ways } from '../../views/parts.js';
import { offered } from '../fallbacks/machine.js';
import { heading, type Handlers } from '../../views/templates.js';

const text = {
  createTitle: () => msg('Create your account', { id: 'create.title' }),
  createBody: (identifier: string) => msg(html`This is a new account for <bdi>${identifier}</bdi>. It signs in with a passkey instead of a password.`, { id: 'create.body' }),
  createHow: () => msg('Your device will ask for your fingerprint, face or screen lock.', { id: 'create.how' }),
  createButton: () => msg('Create a passkey', { id: 'create.button' }),
  returningTitle: () => msg('Welcome back', { id: 'returning.title' }),
  returningTaken: () => msg('This email or username already has an account. Sign in to it.', { id: 'returning.taken' }),
  returningAlready: () => msg('You already have a passkey for this account on this device. Sign in with it.', { id: 'returning.already-registered' }),
};

export { text as signUpText };

export function confirmCreate(snapshot: Snapshot, on: Handlers): TemplateResult {
  const { identifier } = snapshot.context;
  return html`
    <div part="confirm-create" class="stack">
      ${heading(text.createTitle())}
      <p part="body">${text.createBody(identifier)}</p>
      ${identity(identifier, on)}
      <div class="group">
        <p part="hint" class="hint">${text.createHow()}</p>
        <button part="button primary-button create-button" class="primary" type="button" @click=${() => on.send({ type: 'create' })}>${text.createButton()}</button>
      </div>
    </div>
  `;
}

/** "Welcome back": the ways in this account has, the first of them primary. */
export function returning(snapshot: Snapshot, state: Extract<State, { kind: 'returning' }>, on: Handlers): TemplateResult {
  return html`
    <div part="returning" class="stack">
      ${heading(text.returningTitle())}
      <p part="body">${state.reason === 'identifier-taken' ? text.returningTaken() : text.returningAlready()}</p>
      ${identity(snapshot.context.identifier, on)}
      ${ways(snapshot, on, offered(snapshot.context), { asking: asking(snapshot) })}
      ${links(helpLink(on))}
    </div>
  `;
}

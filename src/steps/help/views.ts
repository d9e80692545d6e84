/**
 * "Need help?" and "I have a recovery code from support". Loaded with the steps chunk. The
 * diagnostic summary is built from what the flow already knows and holds nothing secret or
 * personal: no identifier, code, password or credential.
 */
import { msg } from '../../l10n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { offered } from '../fallbacks/machine.js';
import type { Snapshot, State } from '../../machine/types.js';
import { helpLink, identity, link, links, stepFailure, text as partsText } from '../../views/parts.js';
import { heading, identifierField, type Handlers } from '../../views/templates.js';

const text = {
  helpTitle: () => msg('Need help?', { id: 'help.title' }),
  helpBody: () => msg('Support can help you get back in. Give them this reference so they can see what happened.', { id: 'help.body' }),
  helpBodyNoContact: () => msg("If you ask this site's support for help, give them this reference so they can see what happened.", { id: 'help.body-no-contact' }),
  contact: () => msg('Contact support', { id: 'help.contact' }),
  reference: (reference: string) => msg(html`Reference: <bdi>${reference}</bdi>`, { id: 'help.reference' }),
  details: () => msg('Details for support', { id: 'help.details' }),
  summaryLabel: () => msg('Summary for support (nothing secret in it)', { id: 'help.summary' }),
  copy: () => msg('Copy summary', { id: 'help.copy' }),
  copied: () => msg('Summary copied.', { id: 'help.copied' }),
  copyFailed: () => msg('Copying did not work here; select the text and copy it instead.', { id: 'help.copy-failed' }),
  haveCode: () => msg('I have a recovery code from support', { id: 'help.have-code' }),
  redeemTitle: () => msg('Enter your recovery code', { id: 'redeem.title' }),
  redeemBody: () => msg('A support agent gave you this code. It works once, and then you can create a new passkey.', { id: 'redeem.body' }),
  codeLabel: () => msg('Recovery code', { id: 'redeem.label' }),
  submit: () => msg('Continue', { id: 'redeem.submit' }),
  codeRequired: () => msg('Enter the recovery code.', { id: 'redeem.required' }),
};

/** A reference for this page view when the backend gave none: 8 characters, no look-alikes. */
let localReference: string | undefined;
function pageReference(): string {
  if (!localReference) {
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
    localReference = `${chars.slice(0, 4)}-${chars.slice(4)}`;
  }
  return localReference;
}

/** Only web and mail links: a contact setting must never become a `javascript:` URL. */
function contactLink(template: string | undefined, reference: string): string | undefined {
  if (!template) return undefined;
  const url = template.replaceAll('{reference}', encodeURIComponent(reference));
  try {
    const { protocol } = new URL(url, globalThis.location.href);
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function summary(snapshot: Snapshot, back: State, reference: string): string {
  const { context } = snapshot;
  const caps = context.capabilities;
  return [
    'passkey-login support summary',
    `time: ${new Date().toISOString()}`,
    `reference: ${reference}`,
    `failures: ${context.support?.seen.join(', ') || 'none'}`,
    caps
      ? `webauthn: ${caps.webauthn ? 'yes' : 'no'}; autofill: ${caps.conditionalGet}; other device: ${caps.hybridTransport}; ` +
        `platform authenticator: ${caps.userVerifyingPlatformAuthenticator}; conditional create: ${caps.conditionalCreate}`
      : 'capabilities: not yet known',
    `passkeys on this page: ${context.passkeysDisabled ? 'turned off' : 'on'}`,
    `on offer: ${offered(context).join(', ') || 'none'}`,
    `last used: ${context.fallbacks?.lastUsed ?? 'none'}`,
    `step: ${back.kind}`,
    `browser: ${globalThis.navigator?.userAgent ?? 'unknown'}`,
  ].join('\n');
}

export function help(snapshot: Snapshot, state: Extract<State, { kind: 'help' }>, on: Handlers): TemplateResult {
  // The backend's own reference for the last error if it sent one; else the correlation id this
  // element sends with every request, which the backend's logs carry too.
  const reference = snapshot.context.support?.reference ?? (snapshot.context.fallbacks?.reference || pageReference());
  const report = summary(snapshot, state.back, reference);
  const contact = contactLink(snapshot.context.fallbacks?.support, reference);
  const copy = async (event: Event) => {
    const status = (event.currentTarget as HTMLElement).parentElement?.querySelector('[data-copy-status]');
    let said = text.copied();
    try {
      await navigator.clipboard.writeText(report);
    } catch {
      said = text.copyFailed();
    }
    if (status) status.textContent = said;
  };
  return html`
    <div part="help" class="stack">
      <div class="group">
        ${heading(text.helpTitle())}
        <p part="body">${contact ? text.helpBody() : text.helpBodyNoContact()}</p>
        <p part="reference" class="reference">${text.reference(reference)}</p>
      </div>
      ${contact
        ? html`<a part="link support-link" class="button-link" href=${contact} target="_blank" rel="noopener noreferrer">${text.contact()}</a>`
        : nothing}
      <button part="button secondary-button have-code-button" class="secondary" type="button" @click=${() => on.send({ type: 'redeem-start' })}>
        ${text.haveCode()}
      </button>
      <details part="details">
        <summary>${text.details()}</summary>
        <div part="field" class="field">
          <label part="label" for="support-summary">${text.summaryLabel()}</label>
          <textarea part="input summary" id="support-summary" readonly rows="6" .value=${report}></textarea>
          <button part="button secondary-button copy-button" class="secondary" type="button" @click=${copy}>${text.copy()}</button>
          <p class="hint" role="status" data-copy-status></p>
        </div>
      </details>
      ${links(link('back-button', partsText.back(), { type: 'back' }, on))}
    </div>
  `;
}

export function redeem(snapshot: Snapshot, state: Extract<State, { kind: 'redeem' }>, on: Handlers): TemplateResult {
  const { failure, fieldError } = state;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#recovery-code');
    on.send({ type: 'redeem-submit', code: input?.value ?? '' });
  };
  const codeError = fieldError === 'code-required';
  const identifier = snapshot.context.identifier.trim();
  return html`
    <form part="redeem" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'verifying' ? 'true' : 'false'}>
      <div class="group">
        ${heading(text.redeemTitle(), !failure && !fieldError)}
        <p part="body">${text.redeemBody()}</p>
      </div>
      ${failure && !fieldError ? stepFailure(failure, 'support') : nothing}
      ${identifier && fieldError !== 'identifier-required' ? identity(identifier, on) : identifierField(snapshot.context.identifier, fieldError === 'identifier-required' ? fieldError : undefined, on)}
      <div class="group">
        <div part="field" class="field">
          <label part="label" for="recovery-code">${text.codeLabel()}</label>
          <input
            part="input recovery-code-input"
            id="recovery-code"
            name="recovery-code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="40"
            ?readonly=${state.phase !== 'entering'}
            aria-invalid=${codeError || Boolean(failure) ? 'true' : 'false'}
            aria-describedby=${codeError ? 'recovery-code-error' : nothing}
            ?data-focus=${Boolean(failure) || codeError}
            ?data-select=${Boolean(failure)}
            @input=${codeError ? () => on.send({ type: 'typing' }) : undefined}
          />
          ${codeError ? html`<p part="field-error" class="field-error" id="recovery-code-error" role="alert">${text.codeRequired()}</p>` : nothing}
        </div>
        <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
          ${state.phase === 'verifying' ? partsText.checking() : text.submit()}
        </button>
      </div>
      ${links(helpLink(on))}
    </form>
  `;
}

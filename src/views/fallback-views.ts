/**
 * The fallback steps: the chooser, one-time codes, password, recovery and the passkey offers.
 * Loaded with the secondary chunk. Secrets never pass through here as state: the code and password
 * inputs are read once, on submit. Their value is never bound (a countdown re-renders every second
 * and must not wipe what is being typed); each failure gets a fresh, empty input (`keyed`).
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { offered, otherMethods, recoveryChannel } from '../machine/fallbacks.js';
import { canUsePasskeys } from '../machine/transition.js';
import type { Failure, FieldError, Method, Snapshot, State } from '../machine/types.js';
import { text as coreText } from './messages.js';
import { failureText, signedInStatus, text as secondaryText } from './secondary-views.js';
import { heading, identifierField, progress, type Handlers } from './templates.js';
import { help, helpButton, redeem } from './help-views.js';
import { device, deviceHint } from './device-views.js';

type StateOf<K extends State['kind']> = Extract<State, { kind: K }>;

const text = {
  email: () => msg('Email me a code', { id: 'method.email-code' }),
  sms: () => msg('Text me a code', { id: 'method.sms-code' }),
  password: () => msg('Use my password', { id: 'method.password' }),
  device: () => msg('Approve from another device', { id: 'method.device' }),
  deviceWaiting: (binding: string) => msg(str`Your code is ${binding}. Waiting for approval.`, { id: 'device.status' }),
  lastUsed: () => msg('Last used', { id: 'method.last-used' }),
  otherWays: () => msg('Other ways to sign in', { id: 'method.other-ways' }),
  chooseTitle: () => msg('Choose how to sign in', { id: 'chooser.title' }),
  back: () => msg('Back', { id: 'action.back' }),
  sendingTitle: () => msg('Sending a code…', { id: 'code.sending' }),
  codeTitle: () => msg('Enter the code', { id: 'code.title' }),
  codeSentEmail: (length: number | undefined, destination: string) =>
    length
      ? msg(str`We emailed a ${length}-digit code to ${destination}.`, { id: 'code.sent.email' })
      : msg(str`We emailed a code to ${destination}.`, { id: 'code.sent.email-any-length' }),
  codeSentSms: (length: number | undefined, destination: string) =>
    length
      ? msg(str`We texted a ${length}-digit code to ${destination}.`, { id: 'code.sent.sms' })
      : msg(str`We texted a code to ${destination}.`, { id: 'code.sent.sms-any-length' }),
  codeExpiresIn: (minutes: number) => msg(str`It expires in ${minutes} min.`, { id: 'code.expires-in' }),
  codeLabel: () => msg('Code', { id: 'code.label' }),
  codeSubmit: () => msg('Sign in', { id: 'code.submit' }),
  codeRecoverySubmit: () => msg('Continue', { id: 'code.submit-recovery' }),
  resend: () => msg('Send a new code', { id: 'code.resend' }),
  sendAgain: () => msg('Try sending again', { id: 'code.send-again' }),
  notSentTitle: () => msg('No code was sent', { id: 'code.not-sent' }),
  resendIn: (seconds: number) => msg(str`You can ask for a new code in ${seconds} s.`, { id: 'code.resend-in' }),
  resendReady: () => msg('You can ask for a new code now.', { id: 'code.resend-ready' }),
  codeSentStatus: (destination: string) => msg(str`Code sent to ${destination}.`, { id: 'code.sent.status' }),
  checking: () => msg('Checking…', { id: 'progress.checking' }),
  recoveryTitle: () => msg('Confirm it’s you', { id: 'recovery.title' }),
  passwordTitle: () => msg('Enter your password', { id: 'password.title' }),
  passwordFor: (identifier: string) => msg(str`For ${identifier}`, { id: 'password.for' }),
  passwordLabel: () => msg('Password', { id: 'password.label' }),
  showPassword: () => msg('Show password', { id: 'password.show' }),
  forgot: () => msg('Forgot password?', { id: 'password.forgot' }),
  passwordSubmit: () => msg('Sign in', { id: 'password.submit' }),
  recoveredTitle: () => msg('You’re in. How will you sign in next time?', { id: 'recovered.title' }),
  recoveredBody: () =>
    msg('A passkey is the easiest: your device unlocks it with your fingerprint, face or screen lock.', { id: 'recovered.body' }),
  setPassword: () => msg('Set a new password', { id: 'recovered.set-password' }),
  newPasswordTitle: () => msg('Set a new password', { id: 'new-password.title' }),
  newPasswordLabel: () => msg('New password', { id: 'new-password.label' }),
  newPasswordHint: () => msg('Any characters; longer is stronger. A password manager can make one for you.', { id: 'new-password.hint' }),
  savePassword: () => msg('Save password', { id: 'new-password.submit' }),
  saving: () => msg('Saving…', { id: 'progress.saving' }),
  enrolTitle: () => msg('Sign in faster next time', { id: 'enrol.title' }),
  enrolBody: () => msg("With passkeys, you don't need to remember complex passwords.", { id: 'enrol.body' }),
  enrolBodySynced: () => msg('Passkeys are saved in your password manager, so you can sign in on other devices.', { id: 'enrol.body-synced' }),
  creatingTitle: () => msg('Creating your passkey', { id: 'progress.create.title' }),
  creatingBody: () => msg('Confirm with your fingerprint, face or screen lock when your device asks.', { id: 'progress.create.body' }),
  codeRequired: () => msg('Enter the code from the message.', { id: 'code.required' }),
  codeFormat: (length: number | undefined) =>
    length
      ? msg(str`Enter the ${length} digits from the message, nothing else.`, { id: 'code.format' })
      : msg('Enter the digits from the message, nothing else.', { id: 'code.format-any-length' }),
  passwordRequired: () => msg('Enter your password.', { id: 'password.required' }),
  inSeconds: (seconds: number) => msg(str`You can try again in ${seconds} s.`, { id: 'retry.seconds' }),
  inMinutes: (minutes: number) => msg(str`You can try again in ${minutes} min.`, { id: 'retry.minutes' }),
};

/** Also said by the help and device steps. */
export { text as fallbackText };

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

/** How long until a retry, in words: seconds under two minutes, else minutes. */
export function retryText(seconds: number): string {
  return seconds < 120 ? text.inSeconds(seconds) : text.inMinutes(Math.ceil(seconds / 60));
}

function fieldErrorText(error: FieldError, length?: number): string {
  if (error === 'code-required') return text.codeRequired();
  if (error === 'code-format') return text.codeFormat(length);
  return text.passwordRequired();
}

/** One button per method; the first is the primary action when `primary` is set. */
function methodButtons(snapshot: Snapshot, on: Handlers, methods: Method[], primary = false): TemplateResult {
  const last = snapshot.context.fallbacks?.lastUsed;
  return html`${methods.map((method, index) => {
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
  })}`;
}

/**
 * Under the form's passkey buttons: the last used fallback as a button of its own (one action
 * away, UX.md), and "Other ways to sign in" when there are more.
 */
export function otherWays(snapshot: Snapshot, on: Handlers): TemplateResult | typeof nothing {
  if (snapshot.state.kind === 'failed') return nothing;
  const others = otherMethods(snapshot.context);
  if (others.length === 0) return nothing;
  // Without passkeys (FAILURES.md: no WebAuthn, or turned off by a SecurityError) every other way
  // in is a button of its own, the preferred one primary.
  const passkeys = canUsePasskeys(snapshot.context);
  const last = snapshot.context.fallbacks?.lastUsed;
  const direct = !passkeys ? others : last && others[0] === last ? [last] : [];
  return html`
    ${methodButtons(snapshot, on, direct, !passkeys)}
    ${others.length > direct.length
      ? html`<button part="button link-button other-ways-button" class="link" type="button" @click=${() => on.send({ type: 'choose' })}>
          ${text.otherWays()}
        </button>`
      : nothing}
  `;
}

/** The fallback methods a failure offers, beside its own "Try again". */
export function failureMethods(snapshot: Snapshot, on: Handlers): TemplateResult {
  return methodButtons(snapshot, on, otherMethods(snapshot.context));
}

function chooser(snapshot: Snapshot, state: StateOf<'choosing'>, on: Handlers): TemplateResult {
  const methods = offered(snapshot.context);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (methods[0]) on.send({ type: 'use-method', method: methods[0] });
  };
  return html`
    <form part="chooser" class="stack" novalidate @submit=${submit}>
      ${heading(text.chooseTitle(), !state.fieldError)}
      ${otherMethods(snapshot.context).length ? identifierField(snapshot.context.identifier, state.fieldError, on) : nothing}
      ${methodButtons(snapshot, on, methods, true)}
      ${methods.includes('device') ? html`<p part="hint" class="hint">${deviceHint()}</p>` : nothing}
      ${methods.includes('hybrid') ? html`<p part="hint" class="hint">${coreText.hybridHint()}</p>` : nothing} ${helpButton(on)}
      <button part="button link-button back-button" class="link" type="button" @click=${() => on.send({ type: 'start-over' })}>${text.back()}</button>
    </form>
  `;
}

/** A failure inside a fallback step: what happened and when to try again. Buttons live in the step. */
export function stepFailure(failure: Failure, source: Parameters<typeof failureText>[1]): TemplateResult {
  const { title, body, urgent } = failureText(failure.code, source, failure.triesLeft);
  return html`
    <div part="notice failure-notice" class="notice ${urgent ? 'urgent' : ''}" role=${urgent ? 'alert' : 'status'} data-code=${failure.code}>
      <p part="notice-title" class="notice-title">${title}</p>
      <p part="notice-body">${body}${failure.retryAfter ? html` ${retryText(failure.retryAfter)}` : nothing}</p>
    </div>
  `;
}

const fieldErrorLine = (id: string, error: FieldError | undefined, length?: number) =>
  error ? html`<p part="field-error" class="field-error" id=${id}>${fieldErrorText(error, length)}</p>` : nothing;

function secondsLeft(at: number, seconds: number): number {
  return Math.max(0, Math.ceil((at + seconds * 1000 - Date.now()) / 1000));
}

function code(state: StateOf<'code'>, on: Handlers): TemplateResult {
  const { sent, failure } = state;
  if (state.phase === 'sending' && !sent) return progress(text.sendingTitle(), undefined, () => on.send({ type: 'start-over' }));
  const recovery = state.purpose === 'recovery';
  const source = recovery ? 'recovery' : state.channel === 'email' ? 'email-code' : 'sms-code';
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#code');
    on.send({ type: 'code-submit', code: input?.value ?? '' });
  };
  // A failure that names its own wait (rate limit, lock) says when in its notice; the countdown
  // only follows the cooldown of a code that was sent.
  const wait = sent && !state.canResend && !failure?.retryAfter ? secondsLeft(sent.at, sent.resendAfter) : 0;
  const minutes = sent ? Math.ceil(secondsLeft(sent.at, sent.expiresIn) / 60) : 0;
  const describedBy = [sent ? 'code-sent' : '', state.fieldError ? 'code-error' : ''].filter(Boolean).join(' ');
  // Nothing to type into without a code, and nothing worth trying while the account is locked.
  const blocked = state.phase !== 'entering' || state.expired || failure?.code === 'account-locked';
  const resend = html`
    <button
      part="button ${sent ? 'secondary-button' : 'primary-button'} resend-button"
      class=${sent ? 'secondary' : 'primary'}
      type="button"
      aria-disabled=${!state.canResend}
      aria-describedby=${wait > 0 ? 'resend-wait' : nothing}
      @click=${() => on.send({ type: 'resend' })}
    >
      ${state.phase === 'sending' ? text.sendingTitle() : sent ? text.resend() : text.sendAgain()}
    </button>
    ${wait > 0 ? html`<p part="hint countdown" class="hint" id="resend-wait">${text.resendIn(wait)}</p>` : nothing}
  `;
  return html`
    <form part="code" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'entering' ? 'false' : 'true'}>
      ${heading(sent ? (recovery ? text.recoveryTitle() : text.codeTitle()) : text.notSentTitle(), !sent)}
      ${sent
        ? html`<p part="body destination" id="code-sent">
            ${sent.channel === 'email' ? text.codeSentEmail(sent.length, sent.destination) : text.codeSentSms(sent.length, sent.destination)}
            ${state.expired ? nothing : text.codeExpiresIn(Math.max(1, minutes))}
          </p>`
        : nothing}
      ${failure ? stepFailure(failure, source) : nothing}
      ${state.expired && !failure
        ? html`<p part="notice" class="notice urgent" role="alert">${failureText('code-expired', source).title}</p>`
        : nothing}
      ${sent
        ? html`<div part="field" class="field">
              <label part="label" for="code">${text.codeLabel()}</label>
              ${keyed(
                failure,
                html`<input
                  part="input code-input"
                  id="code"
                  name="one-time-code"
                  type="text"
                  autocomplete="one-time-code"
                  inputmode="numeric"
                  autocapitalize="none"
                  spellcheck="false"
                  maxlength="12"
                  ?readonly=${state.phase !== 'entering'}
                  aria-invalid=${state.fieldError || failure?.code === 'code-invalid' ? 'true' : 'false'}
                  aria-describedby=${describedBy || nothing}
                  data-focus
                />`,
              )}
              ${fieldErrorLine('code-error', state.fieldError, sent.length)}
            </div>
            <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${blocked}>
              ${state.phase === 'verifying' ? text.checking() : recovery ? text.codeRecoverySubmit() : text.codeSubmit()}
            </button>
            ${resend}`
        : resend}
      ${recovery
        ? nothing
        : html`<button part="button link-button other-ways-button" class="link" type="button" @click=${() => on.send({ type: 'choose' })}>${text.otherWays()}</button>`}
      ${helpButton(on)}
      <button part="button link-button start-over-button" class="link" type="button" @click=${() => on.send({ type: 'start-over' })}>${secondaryText.differentAccount()}</button>
    </form>
  `;
}

/** A password input with a show/hide toggle (aria-pressed keeps the toggle's name constant). */
function passwordField(id: string, label: string, autocomplete: string, error: FieldError | undefined, failure: Failure | undefined, hint?: string): TemplateResult {
  const toggle = (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const input = button.closest('.field')?.querySelector('input');
    if (!input) return;
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(show));
  };
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`
    <div part="field" class="field">
      <label part="label" for=${id}>${label}</label>
      ${keyed(
        failure,
        html`<div class="password-row">
          <input
            part="input password-input"
            id=${id}
            name=${id}
            type="password"
            autocomplete=${autocomplete}
            maxlength="1024"
            aria-invalid=${error || failure ? 'true' : 'false'}
            aria-describedby=${described || nothing}
            data-focus
          />
          <button part="button secondary-button show-password-button" class="secondary" type="button" aria-pressed="false" aria-controls=${id} @click=${toggle}>
            ${text.showPassword()}
          </button>
        </div>`,
      )}
      ${hint ? html`<p part="hint" class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${fieldErrorLine(`${id}-error`, error)}
    </div>
  `;
}

function password(snapshot: Snapshot, state: StateOf<'password'>, on: Handlers): TemplateResult {
  const identifier = snapshot.context.identifier;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#password');
    on.send({ type: 'password-submit', password: input?.value ?? '' });
  };
  return html`
    <form part="password" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'verifying' ? 'true' : 'false'}>
      ${heading(text.passwordTitle(), false)}
      <p part="body">${text.passwordFor(identifier)}</p>
      ${state.failure ? stepFailure(state.failure, 'password') : nothing}
      <input class="visually-hidden" type="text" name="username" autocomplete="username" .value=${identifier} readonly tabindex="-1" aria-hidden="true" />
      ${passwordField('password', text.passwordLabel(), 'current-password', state.fieldError, state.failure)}
      <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
        ${state.phase === 'verifying' ? coreText.verifying() : text.passwordSubmit()}
      </button>
      ${recoveryChannel(snapshot.context)
        ? html`<button part="button link-button forgot-password-button" class="link" type="button" @click=${() => on.send({ type: 'forgot-password' })}>${text.forgot()}</button>`
        : nothing}
      <button part="button link-button other-ways-button" class="link" type="button" @click=${() => on.send({ type: 'choose' })}>${text.otherWays()}</button>
      ${helpButton(on)}
      <button part="button link-button start-over-button" class="link" type="button" @click=${() => on.send({ type: 'start-over' })}>${secondaryText.differentAccount()}</button>
    </form>
  `;
}

function recovered(snapshot: Snapshot, on: Handlers): TemplateResult {
  const passkeys = canUsePasskeys(snapshot.context) && snapshot.context.capabilities?.webauthn === true;
  return html`
    <div part="recovered" class="stack">
      ${heading(text.recoveredTitle())}
      ${passkeys ? html`<p part="body">${text.recoveredBody()}</p>` : nothing}
      ${passkeys
        ? html`<button part="button primary-button create-button" class="primary" type="button" @click=${() => on.send({ type: 'enrol' })}>${secondaryText.createButton()}</button>`
        : nothing}
      <button part="button ${passkeys ? 'secondary-button' : 'primary-button'} set-password-button" class=${passkeys ? 'secondary' : 'primary'} type="button" @click=${() => on.send({ type: 'set-password' })}>
        ${text.setPassword()}
      </button>
      <button part="button link-button not-now-button" class="link" type="button" @click=${() => on.send({ type: 'dismiss' })}>${secondaryText.notNow()}</button>
    </div>
  `;
}

function newPassword(state: StateOf<'new-password'>, on: Handlers): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#new-password');
    on.send({ type: 'password-submit', password: input?.value ?? '' });
  };
  return html`
    <form part="new-password" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'saving' ? 'true' : 'false'}>
      ${heading(text.newPasswordTitle(), false)}
      ${state.failure ? stepFailure(state.failure, 'recovery') : nothing}
      <input class="visually-hidden" type="text" name="username" autocomplete="username" .value=${state.result.user.name} readonly tabindex="-1" aria-hidden="true" />
      ${passwordField('new-password', text.newPasswordLabel(), 'new-password', state.fieldError, state.failure, text.newPasswordHint())}
      <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
        ${state.phase === 'saving' ? text.saving() : text.savePassword()}
      </button>
      <button part="button link-button not-now-button" class="link" type="button" @click=${() => on.send({ type: 'dismiss' })}>${secondaryText.notNow()}</button>
    </form>
  `;
}

function enrol(state: StateOf<'enrol'>, on: Handlers): TemplateResult {
  if (state.phase === 'creating') return progress(text.creatingTitle(), text.creatingBody(), on.cancel);
  if (state.phase !== 'offer') return progress(state.phase === 'saving' ? text.saving() : coreText.preparing(), undefined, undefined);
  return html`
    <div part="enrol" class="stack">
      ${heading(state.announced ? secondaryText.nudgeTitle() : text.enrolTitle(), !state.failure)}
      ${state.failure ? html`<div tabindex="-1" data-focus>${stepFailure(state.failure, 'enrol')}</div>` : nothing}
      <p part="body">${text.enrolBody()}</p>
      <p part="body">${text.enrolBodySynced()}</p>
      <button part="button primary-button create-button" class="primary" type="button" @click=${() => on.send({ type: 'enrol' })}>${secondaryText.createButton()}</button>
      <button part="button link-button not-now-button" class="link" type="button" @click=${() => on.send({ type: 'dismiss' })}>${secondaryText.notNow()}</button>
    </div>
  `;
}

/** The view of a fallback state; `renderState` hands over every state it does not know. */
export function fallbackView(snapshot: Snapshot, on: Handlers): TemplateResult {
  const { state } = snapshot;
  switch (state.kind) {
    case 'choosing':
      return chooser(snapshot, state, on);
    case 'code':
      return code(state, on);
    case 'password':
      return password(snapshot, state, on);
    case 'recovered':
      return recovered(snapshot, on);
    case 'new-password':
      return newPassword(state, on);
    case 'enrol':
      return enrol(state, on);
    case 'ceremony':
      return progress(text.creatingTitle(), text.creatingBody(), on.cancel);
    case 'registering':
      return progress(text.checking(), undefined, on.cancel);
    case 'device':
      return device(snapshot, state, on);
    case 'help':
      return help(snapshot, state, on);
    case 'redeem':
      return redeem(snapshot, state, on);
    default:
      // 'upgrading' and any state the core views own: a sign-in in progress.
      return progress(coreText.verifying(), undefined, undefined);
  }
}

/** The polite live region's sentence for fallback steps (WCAG 4.1.3). */
export function fallbackStatus(snapshot: Snapshot): string {
  const { state } = snapshot;
  if (state.kind === 'code') {
    if (state.phase === 'sending') return text.sendingTitle();
    if (state.phase === 'verifying') return text.checking();
    if (!state.sent) return '';
    return state.canResend ? text.resendReady() : text.codeSentStatus(state.sent.destination);
  }
  if (state.kind === 'upgrading') return coreText.verifying();
  if (state.kind === 'signed-in') return signedInStatus(state);
  if (state.kind === 'device' && state.phase === 'waiting' && state.request) return text.deviceWaiting(state.request.code);
  if ((state.kind === 'enrol' && state.phase === 'creating') || state.kind === 'ceremony') return text.creatingTitle();
  return '';
}

/** Adopted next to the element's own styles once this chunk loads. */
export const fallbackStyles = css`
  .badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding-inline: 0.5rem;
    font-size: 0.75em;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
  }
  .password-row {
    display: flex;
    gap: 0.5rem;
  }
  .password-row input {
    flex: 1;
    min-inline-size: 0;
  }
  .button-link {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 2.75rem;
    padding-inline: 1rem;
    color: var(--_on-primary);
    background: var(--_primary);
    border-radius: calc(var(--_radius) * 0.75);
    font-weight: 600;
    text-decoration: none;
  }
  .button-link:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .device-code {
    font-size: 1.75em;
    font-weight: 700;
    letter-spacing: 0.1em;
    font-variant-numeric: tabular-nums;
    text-align: center;
  }
  .qr {
    align-self: center;
    inline-size: min(12rem, 100%);
    block-size: auto;
  }
  .reference {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  textarea {
    font: inherit;
    font-size: 0.8125em;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5rem;
    resize: vertical;
  }
  button[aria-pressed='true'] {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;

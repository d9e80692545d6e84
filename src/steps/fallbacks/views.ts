/**
 * The other ways in: the chooser, one-time codes, password, recovery and the passkey offers.
 * Loaded lazily. Secrets never pass through here as state: the code and password inputs are read
 * once, on submit. Their value is never bound (a countdown re-renders every second and must not
 * wipe what is being typed); a failure that spends what was typed gets a fresh, empty input
 * (`keyed`).
 */
import { clock, duration } from '../../l10n/format.js';
import { msg } from '../../l10n/msg.js';
import { str } from '../../l10n/str.js';
import { css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { offered, otherMethods, recoveryChannel } from './machine.js';
import { canUsePasskeys } from '../../machine/transition.js';
import type { CodeSent, FieldError, Snapshot, State } from '../../machine/types.js';
import { device, deviceHint } from '../device/views.js';
import { failureText } from '../../views/failure-text.js';
import { help, redeem } from '../help/views.js';
import { text as coreText } from '../../views/messages.js';
import {
  asking,
  fieldError,
  helpLink,
  notice,
  identity,
  link,
  links,
  otherWaysLink,
  secondsLeft,
  stepFailure,
  text as partsText,
  ways,
} from '../../views/parts.js';
import { failureStep } from '../failures/views.js';
import { signedIn, signedInStatus, signedInText } from '../signed-in/views.js';
import { confirmCreate, returning } from '../sign-up/views.js';
import { fields } from '../../views/step.js';
import { cancelButton, heading, identifierField, progress, type Handlers } from '../../views/templates.js';

type StateOf<K extends State['kind']> = Extract<State, { kind: K }>;

const text = {
  chooseTitle: () => msg('Choose how to sign in', { id: 'chooser.title' }),
  noPasskeyTitle: () => msg('No passkey on this device', { id: 'chooser.no-passkey.title' }),
  noPasskeyBody: () => msg("We didn't find a passkey for this site on this device. Use one on your phone or a security key, or choose another way.", { id: 'chooser.no-passkey.body' }),
  noPasskeyBodyAlone: () => msg("We didn't find a passkey for this site on this device. You can use one on your phone or a security key.", { id: 'chooser.no-passkey.body-alone' }),
  createAccount: () => msg('Create an account', { id: 'chooser.create-account' }),
  sendingTitle: () => msg('Sending a code…', { id: 'code.sending' }),
  codeTitle: () => msg('Enter the code', { id: 'code.title' }),
  codeSentEmail: (length: number | undefined, destination: string) =>
    length
      ? msg(html`We emailed a ${length}-digit code to <bdi>${destination}</bdi>.`, { id: 'code.sent.email' })
      : msg(html`We emailed a code to <bdi>${destination}</bdi>.`, { id: 'code.sent.email-any-length' }),
  codeSentSms: (length: number | undefined, destination: string) =>
    length
      ? msg(html`We texted a ${length}-digit code to <bdi>${destination}</bdi>.`, { id: 'code.sent.sms' })
      : msg(html`We texted a code to <bdi>${destination}</bdi>.`, { id: 'code.sent.sms-any-length' }),
  codeExpiresIn: (when: string) => msg(str`It expires in ${when}.`, { id: 'code.expires-in' }),
  codeLabel: () => msg('Code', { id: 'code.label' }),
  codeSubmit: () => msg('Sign in', { id: 'code.submit' }),
  codeRecoverySubmit: () => msg('Continue', { id: 'code.submit-recovery' }),
  resend: () => msg('Send a new code', { id: 'code.resend' }),
  resendIn: (time: string) => msg(str`Send a new code (${time})`, { id: 'code.resend-in' }),
  sendAgain: () => msg('Try sending again', { id: 'code.send-again' }),
  notSentTitle: () => msg('No code was sent', { id: 'code.not-sent' }),
  resendReady: () => msg('You can ask for a new code now.', { id: 'code.resend-ready' }),
  codeSentStatus: (destination: string) => msg(str`Code sent to ${destination}.`, { id: 'code.sent.status' }),
  hidden: () =>
    msg('hidden', {
      id: 'code.destination.hidden',
      desc: 'Read by screen readers in place of the dots that hide part of an email address or phone number ("a hidden @example.com").',
    }),
  deviceWaiting: (binding: string) => msg(str`Your code is ${binding}. Waiting for approval.`, { id: 'device.status' }),
  recoveryTitle: () => msg("Confirm it's you", { id: 'recovery.title' }),
  passwordTitle: () => msg('Enter your password', { id: 'password.title' }),
  passwordLabel: () => msg('Password', { id: 'password.label' }),
  showPassword: () => msg('Show password', { id: 'password.show' }),
  hidePassword: () => msg('Hide password', { id: 'password.hide' }),
  forgot: () => msg('Forgot password?', { id: 'password.forgot' }),
  passwordSubmit: () => msg('Sign in', { id: 'password.submit' }),
  recoveredTitle: () => msg("You're in. How will you sign in next time?", { id: 'recovered.title' }),
  recoveredBody: () => msg('A passkey is the easiest: your device unlocks it with your fingerprint, face or screen lock.', { id: 'recovered.body' }),
  setPassword: () => msg('Set a new password', { id: 'recovered.set-password' }),
  newPasswordTitle: () => msg('Set a new password', { id: 'new-password.title' }),
  newPasswordLabel: () => msg('New password', { id: 'new-password.label' }),
  newPasswordHint: (min: number) => msg(str`Use at least ${min} characters. A password manager can make a strong one for you.`, { id: 'new-password.hint' }),
  savePassword: () => msg('Save password', { id: 'new-password.submit' }),
  saving: () => msg('Saving…', { id: 'progress.saving' }),
  enrolTitle: () => msg('Sign in faster next time', { id: 'enrol.title' }),
  enrolBody: () => msg("With a passkey, you don't need to remember a password. Your device unlocks it with your fingerprint, face or screen lock.", { id: 'enrol.body' }),
  createButton: () => msg('Create a passkey', { id: 'create.button' }),
  creatingTitle: () => msg('Creating your passkey', { id: 'progress.create.title' }),
  creatingBody: () => msg('Confirm with your fingerprint, face or screen lock when your device asks.', { id: 'progress.create.body' }),
  codeRequired: () => msg('Enter the code from the message.', { id: 'code.required' }),
  codeFormat: (length: number | undefined) =>
    length
      ? msg(str`Enter the ${length} digits from the message.`, { id: 'code.format' })
      : msg('Enter the digits from the message.', { id: 'code.format-any-length' }),
  passwordRequired: () => msg('Enter your password.', { id: 'password.required' }),
  passwordTooShort: (min: number) => msg(str`Use at least ${min} characters.`, { id: 'password.too-short' }),
};

/** Also said by the help and device steps. */
export { text as fallbackText };

function fieldErrorText(error: FieldError, { length, min = 8 }: { length?: number; min?: number } = {}): string {
  switch (error) {
    case 'code-required':
      return text.codeRequired();
    case 'code-format':
      return text.codeFormat(length);
    case 'password-too-short':
      return text.passwordTooShort(min);
    default:
      return text.passwordRequired();
  }
}

/**
 * A masked destination ("a•••@example.com", "+49 ••• 12") as a screen reader should say it: each
 * run of dots becomes one word, where the dots themselves are read out as "bullet bullet bullet"
 * (WCAG 1.3.1).
 */
const heard = (destination: string): string =>
  destination
    .replace(/[•●]+/g, ` ${text.hidden()} `)
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Where the code went. A masked destination gets the sentence twice: as shown, hidden from screen
 * readers, and as heard, hidden from the eye. Whole sentences rather than two copies of the
 * destination inside one, so the text on screen reads, and copies, as one sentence.
 */
function codeSentText({ channel, length, destination }: CodeSent): TemplateResult {
  const say = (to: string) => (channel === 'email' ? text.codeSentEmail(length, to) : text.codeSentSms(length, to));
  const spoken = heard(destination);
  return spoken === destination
    ? say(destination)
    : html`<span aria-hidden="true">${say(destination)}</span><span class="visually-hidden">${say(spoken)}</span>`;
}

/** A code that can no longer work: no field to type into, the way on is a new code (or another way). */
const deadCode = ({ expired, failure }: StateOf<'code'>): boolean =>
  expired ||
  failure?.code === 'too-many-tries' ||
  failure?.code === 'code-expired' ||
  failure?.code === 'account-locked' ||
  (failure?.code === 'code-invalid' && failure.triesLeft === 0);

/**
 * On the form, under its passkey buttons: the last used other way as a button of its own (one
 * action away, UX.md), and one "Other ways to sign in" link for the rest. Without passkeys every
 * other way in is a button, the preferred one primary.
 */
export function otherWays(snapshot: Snapshot, on: Handlers): TemplateResult | typeof nothing {
  const others = otherMethods(snapshot.context);
  if (others.length === 0) return nothing;
  const passkeys = canUsePasskeys(snapshot.context);
  const last = snapshot.context.fallbacks?.lastUsed;
  const direct = !passkeys ? others : last && others[0] === last ? [last] : [];
  return html`
    ${direct.length ? ways(snapshot, on, direct, { primary: !passkeys }) : nothing}
    ${others.length > direct.length ? links(otherWaysLink(on)) : nothing}
  `;
}

function chooser(snapshot: Snapshot, state: StateOf<'choosing'>, on: Handlers): TemplateResult {
  const { context } = snapshot;
  let methods = offered(context);
  // After the browser found no passkey here, the same button is no longer the likeliest way.
  if (state.noPasskeyHere) methods = [...methods.filter((method) => method !== 'passkey'), ...methods.filter((method) => method === 'passkey')];
  const others = otherMethods(context).length > 0;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const [first] = methods;
    if (first === 'passkey' || first === 'hybrid') on.signIn(first);
    else if (first) on.send({ type: 'use-method', method: first });
  };
  const identified = context.identifier.trim() && !state.fieldError;
  return html`
    <form part="chooser" class="stack" novalidate @submit=${submit}>
      <div class="group">
        ${heading(state.noPasskeyHere ? text.noPasskeyTitle() : text.chooseTitle(), !state.fieldError)}
        ${state.noPasskeyHere ? html`<p part="body">${others ? text.noPasskeyBody() : text.noPasskeyBodyAlone()}</p>` : nothing}
      </div>
      ${identified ? identity(context.identifier, on) : others ? identifierField(context.identifier, state.fieldError, on) : nothing}
      ${ways(snapshot, on, methods, { asking: asking(snapshot) })}
      ${state.noPasskeyHere && !context.signUpOff && canUsePasskeys(context)
        ? html`<button part="button secondary-button create-account-button" class="secondary" type="button" @click=${() => on.send({ type: 'start-over' })}>${text.createAccount()}</button>`
        : nothing}
      ${methods.includes('device') ? html`<p part="hint" class="hint">${deviceHint()}</p>` : nothing}
      ${methods.includes('hybrid') ? html`<p part="hint" class="hint">${coreText.hybridHint()}</p>` : nothing}
      ${links(helpLink(on), link('back-button', partsText.back(), { type: 'start-over' }, on))}
    </form>
  `;
}

/** Sends `typing` when the person types after a field error, so the stale message goes. */
const typing = (on: Handlers, shown: boolean) => (shown ? () => on.send({ type: 'typing' }) : undefined);

function code(snapshot: Snapshot, state: StateOf<'code'>, on: Handlers): TemplateResult {
  const { sent, failure } = state;
  const recovery = state.purpose === 'recovery';
  const source = recovery ? 'recovery' : state.channel === 'email' ? 'email-code' : 'sms-code';
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#code');
    on.send({ type: 'code-submit', code: input?.value ?? '' });
  };
  // Digits only, as codes are read out and pasted (spaces and dashes fall away), and sent as soon
  // as the last one is there.
  const input = (event: InputEvent) => {
    const field = event.target as HTMLInputElement;
    const digits = field.value.replace(/\D/g, '').slice(0, sent?.length ?? 12);
    if (field.value !== digits) field.value = digits;
    if (state.fieldError) on.send({ type: 'typing' });
    if (sent?.length && digits.length === sent.length && state.phase === 'entering') field.form?.requestSubmit();
  };
  const dead = deadCode(state);
  const wait = !state.canResend && sent && !failure?.retryAfter ? secondsLeft(sent.at, sent.resendAfter) : 0;
  const minutes = sent ? secondsLeft(sent.at, sent.expiresIn) : 0;
  // The field names what is wrong with it: the format error, else the refusal shown above it (WCAG 3.3.1).
  const describedBy = [sent ? 'code-sent' : '', state.fieldError ? 'code-error' : failure ? 'code-failure' : ''].filter(Boolean).join(' ');
  const locked = failure?.code === 'account-locked';
  const resend = (primary: boolean) => html`<button
    part="button ${primary ? 'primary-button' : 'link-button'} resend-button"
    class=${primary ? 'primary' : 'link'}
    type="button"
    aria-disabled=${!state.canResend}
    @click=${() => on.send({ type: 'resend' })}
  >
    ${!sent ? text.sendAgain() : wait > 0 ? text.resendIn(clock(wait)) : text.resend()}
  </button>`;
  return html`
    <form part="code" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'entering' ? 'false' : 'true'}>
      <div class="group">
        ${heading(state.phase === 'sending' ? text.sendingTitle() : sent ? (recovery ? text.recoveryTitle() : text.codeTitle()) : text.notSentTitle(), !sent || dead)}
        ${sent
          ? html`<p part="body destination" id="code-sent">
              ${codeSentText(sent)}
              ${dead ? nothing : text.codeExpiresIn(duration(minutes))}
            </p>`
          : nothing}
      </div>
      ${identity(snapshot.context.identifier, on)}
      ${failure && !state.fieldError ? stepFailure(failure, source, 'code-failure') : nothing}
      ${state.expired && !failure ? notice('urgent', failureText('code-expired', source).title, failureText('code-expired', source).body, { part: 'failure-notice', code: 'code-expired' }) : nothing}
      ${state.phase === 'sending'
        ? html`<div class="group" aria-busy="true"><span part="spinner" class="spinner" aria-hidden="true"></span></div>`
        : !sent || dead
          ? html`<div class="group">
              ${locked ? nothing : resend(true)}
              ${recovery ? nothing : html`<button part="button ${locked ? 'primary-button' : 'secondary-button'} other-ways-button" class=${locked ? 'primary' : 'secondary'} type="button" @click=${() => on.send({ type: 'choose' })}>${partsText.otherWays()}</button>`}
              ${locked ? resend(false) : nothing}
            </div>`
          : html`<div class="group">
              <div part="field" class="field">
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
                    pattern="[0-9]*"
                    autocapitalize="none"
                    spellcheck="false"
                    maxlength=${(sent.length ?? 12) * 2}
                    ?readonly=${state.phase !== 'entering'}
                    aria-invalid=${state.fieldError || failure?.code === 'code-invalid' ? 'true' : 'false'}
                    aria-describedby=${describedBy || nothing}
                    data-focus
                    @input=${input}
                  />`,
                )}
                ${fieldError('code-error', state.fieldError && fieldErrorText(state.fieldError, { length: sent.length }))}
              </div>
              <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
                ${state.phase === 'verifying' ? partsText.checking() : recovery ? text.codeRecoverySubmit() : text.codeSubmit()}
              </button>
              ${resend(false)}
            </div>`}
      ${links(!recovery && Boolean(sent) && !dead && otherWaysLink(on), helpLink(on))}
    </form>
  `;
}

/**
 * A password input with a show/hide toggle inside the field: an icon button whose name says what
 * it does ("Show password", then "Hide password") and whose `aria-pressed` says the state.
 */
function passwordField(
  id: string,
  label: string,
  autocomplete: string,
  {
    error,
    failure,
    failureId,
    hint,
    labelRow,
    onInput,
    min,
  }: { error?: FieldError; failure?: unknown; failureId?: string; hint?: string; labelRow?: TemplateResult | typeof nothing; onInput?: (() => void) | undefined; min?: number },
): TemplateResult {
  const toggle = (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const input = button.parentElement?.querySelector('input');
    if (!input) return;
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(show));
    button.setAttribute('aria-label', show ? text.hidePassword() : text.showPassword());
  };
  // The field names what is wrong with it: its own error, else the refusal shown above it (WCAG 3.3.1).
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : failure && failureId ? failureId : ''].filter(Boolean).join(' ');
  return html`
    <div part="field" class="field">
      <div class="label-row"><label part="label" for=${id}>${label}</label>${labelRow ?? nothing}</div>
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
            @input=${onInput}
          />
          <button part="button show-password-button" class="reveal" type="button" aria-pressed="false" aria-controls=${id} aria-label=${text.showPassword()} @click=${toggle}>
            <svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round">
              <path d="M1.5 10S4.5 4 10 4s8.5 6 8.5 6-3 6-8.5 6S1.5 10 1.5 10Z"></path><circle cx="10" cy="10" r="2.75"></circle><path class="slash" d="M3 3l14 14"></path>
            </svg>
          </button>
        </div>`,
      )}
      ${hint ? html`<p part="hint" class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${fieldError(`${id}-error`, error && fieldErrorText(error, min === undefined ? {} : { min }))}
    </div>
  `;
}

/**
 * Who the password is for, where password managers look for it: in the same form, before the
 * password (Chromium's "create amazing password forms"). Not for people: hidden from them.
 */
const username = (name: string) =>
  html`<input class="visually-hidden" type="text" name="username" autocomplete="username" .value=${name} readonly tabindex="-1" aria-hidden="true" />`;

/** The password typed into the submitted step: in its form, or with `light-dom` among the element's children. */
function passwordIn(event: SubmitEvent): string {
  const form = event.currentTarget as HTMLFormElement;
  const selector = '[part~="password-input"]';
  const input = form.querySelector<HTMLInputElement>(selector) ?? (form.getRootNode() as ShadowRoot).host?.querySelector<HTMLInputElement>(selector);
  return input?.value ?? '';
}

function password(snapshot: Snapshot, state: StateOf<'password'>, on: Handlers): TemplateResult {
  const { identifier } = snapshot.context;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    on.send({ type: 'password-submit', password: passwordIn(event) });
  };
  const forgot = recoveryChannel(snapshot.context)
    ? link('forgot-password-button', text.forgot(), { type: 'forgot-password' }, on)
    : nothing;
  return html`
    <form part="password" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'verifying' ? 'true' : 'false'}>
      ${heading(text.passwordTitle(), false)}
      ${identity(identifier, on)}
      ${fields(
        'password',
        html`
          ${state.failure && !state.fieldError ? stepFailure(state.failure, 'password', 'password-failure') : nothing}
          <div class="group">
            ${username(identifier)}
            ${passwordField('password', text.passwordLabel(), 'current-password', {
              error: state.fieldError,
              failure: state.failure,
              failureId: 'password-failure',
              labelRow: forgot,
              onInput: typing(on, Boolean(state.fieldError)),
            })}
            <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
              ${state.phase === 'verifying' ? coreText.verifying() : text.passwordSubmit()}
            </button>
          </div>
        `,
      )}
      ${links(otherWaysLink(on), helpLink(on))}
    </form>
  `;
}

function recovered(snapshot: Snapshot, on: Handlers): TemplateResult {
  const passkeys = canUsePasskeys(snapshot.context) && snapshot.context.capabilities?.webauthn === true;
  return html`
    <div part="recovered" class="stack">
      <div class="group">
        ${heading(text.recoveredTitle())}
        ${passkeys ? html`<p part="body">${text.recoveredBody()}</p>` : nothing}
      </div>
      <div class="group">
        ${passkeys
          ? html`<button part="button primary-button create-button" class="primary" type="button" @click=${() => on.send({ type: 'enrol' })}>${text.createButton()}</button>`
          : nothing}
        <button part="button ${passkeys ? 'secondary-button' : 'primary-button'} set-password-button" class=${passkeys ? 'secondary' : 'primary'} type="button" @click=${() => on.send({ type: 'set-password' })}>
          ${text.setPassword()}
        </button>
      </div>
      ${links(link('not-now-button', partsText.notNow(), { type: 'dismiss' }, on))}
    </div>
  `;
}

function newPassword(snapshot: Snapshot, state: StateOf<'new-password'>, on: Handlers): TemplateResult {
  const min = snapshot.context.fallbacks?.passwordMinLength ?? 8;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    on.send({ type: 'password-submit', password: passwordIn(event) });
  };
  return html`
    <form part="new-password" class="stack" novalidate @submit=${submit} aria-busy=${state.phase === 'saving' ? 'true' : 'false'}>
      ${heading(text.newPasswordTitle(), false)}
      ${fields(
        'new-password',
        html`
          ${state.failure && !state.fieldError ? stepFailure(state.failure, 'recovery', 'new-password-failure') : nothing}
          <div class="group">
            ${username(state.result.user.name)}
            ${passwordField('new-password', text.newPasswordLabel(), 'new-password', {
              error: state.fieldError,
              failure: state.failure,
              failureId: 'new-password-failure',
              hint: text.newPasswordHint(min),
              onInput: typing(on, Boolean(state.fieldError)),
              min,
            })}
            <button part="button primary-button submit-button" class="primary" type="submit" aria-disabled=${state.phase !== 'entering'}>
              ${state.phase === 'saving' ? text.saving() : text.savePassword()}
            </button>
          </div>
        `,
      )}
      ${links(link('not-now-button', partsText.notNow(), { type: 'dismiss' }, on))}
    </form>
  `;
}

function enrol(state: StateOf<'enrol'>, on: Handlers): TemplateResult {
  if (state.phase === 'creating') return progress(text.creatingTitle(), text.creatingBody(), cancelButton(on));
  if (state.phase !== 'offer') return progress(state.phase === 'saving' ? text.saving() : coreText.preparing(), undefined);
  return html`
    <div part="enrol" class="stack">
      <div class="group">
        ${heading(state.announced ? signedInText.nudgeTitle() : text.enrolTitle(), !state.failure)}
        <p part="body">${text.enrolBody()}</p>
      </div>
      ${state.failure ? html`<div tabindex="-1" data-focus>${stepFailure(state.failure, 'enrol')}</div>` : nothing}
      <button part="button primary-button create-button" class="primary" type="button" @click=${() => on.send({ type: 'enrol' })}>${text.createButton()}</button>
      ${links(link('not-now-button', partsText.notNow(), { type: 'dismiss' }, on))}
    </div>
  `;
}

/** The view of a lazily loaded state; `renderState` hands over every state it does not know. */
export function view(snapshot: Snapshot, on: Handlers): TemplateResult {
  const { state } = snapshot;
  switch (state.kind) {
    case 'failed':
      return failureStep(snapshot, state, on);
    case 'confirm-create':
      return confirmCreate(snapshot, on);
    case 'returning':
      return returning(snapshot, state, on);
    case 'signed-in':
      return signedIn(state, on);
    case 'signing-out':
      return progress(signedInText.signingOut(), undefined);
    case 'choosing':
      return chooser(snapshot, state, on);
    case 'code':
      return code(snapshot, state, on);
    case 'password':
      return password(snapshot, state, on);
    case 'recovered':
      return recovered(snapshot, on);
    case 'new-password':
      return newPassword(snapshot, state, on);
    case 'enrol':
      return enrol(state, on);
    case 'ceremony':
      return progress(text.creatingTitle(), text.creatingBody(), cancelButton(on));
    case 'registering':
      return progress(partsText.checking(), undefined, cancelButton(on));
    case 'device':
      return device(snapshot, state, on);
    case 'help':
      return help(snapshot, state, on);
    case 'redeem':
      return redeem(snapshot, state, on);
    default:
      // 'upgrading' and any state the core views own: a sign-in in progress.
      return progress(coreText.verifying(), undefined);
  }
}

/** The polite live region's sentence for lazily loaded steps (WCAG 4.1.3). */
export function fallbackStatus(snapshot: Snapshot): string {
  const { state } = snapshot;
  if (state.kind === 'code') {
    if (state.phase === 'sending') return text.sendingTitle();
    if (state.phase === 'verifying') return partsText.checking();
    if (!state.sent) return '';
    // Said once, when the code was sent: after a refusal (or once it expired) the notice speaks,
    // and "Code sent to …" again would sound like a new code. Only a new code being allowed is
    // news then, where it is the way on.
    if (state.failure || state.expired) return deadCode(state) && state.canResend ? text.resendReady() : '';
    return state.canResend ? text.resendReady() : text.codeSentStatus(heard(state.sent.destination));
  }
  if (state.kind === 'upgrading') return coreText.verifying();
  if (state.kind === 'signed-in') return signedInStatus(state);
  if (state.kind === 'device' && state.phase === 'waiting' && state.request) return text.deviceWaiting(state.request.code);
  if ((state.kind === 'enrol' && state.phase === 'creating') || state.kind === 'ceremony') return text.creatingTitle();
  return '';
}

/** Adopted next to the element's own styles once this chunk loads. */
export const fallbackStyles = css`
  /* Only these steps disable a button (a countdown, a request on its way). */
  button:is(:disabled, [aria-disabled='true']) {
    opacity: 0.55;
    cursor: not-allowed;
    box-shadow: none;
  }
  /* A calm notice informs; an urgent one (role=alert) says something is in the way. Each has its
     own icon, so the difference survives forced colours and colour blindness. */
  .notice {
    display: flex;
    gap: 0.75rem;
    padding: 0.75rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }
  .notice.urgent {
    background: color-mix(in srgb, var(--_error) 8%, var(--_background));
    border-color: var(--_error);
  }
  .notice > svg {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.5em;
    color: var(--_muted);
  }
  .notice.urgent > svg {
    color: var(--_error);
  }
  .notice-text,
  .notice-said {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .failure-title {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
  }
  .failure-title > svg {
    flex: none;
    inline-size: 1.5rem;
    block-size: 1.72em;
    color: var(--_muted);
  }
  .failure-notice.urgent .failure-title > svg {
    color: var(--_error);
  }
  .notice-title {
    outline: none;
    font-weight: 600;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .identity {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding-block: 0.25rem;
    padding-inline: 0.75rem 0.25rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .identity > svg {
    flex: none;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    color: var(--_muted);
  }
  /* The whole identifier, wrapped if it must: a truncated one could be someone else's. */
  .identity-name {
    flex: 1;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .identity .link {
    align-self: center;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding-inline: 0.5rem;
    font-size: 0.75em;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
  }
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 1rem;
  }
  .label-row .link {
    min-block-size: 1.5rem;
    padding-block: 0;
    font-size: 0.875em;
  }
  .password-row {
    position: relative;
  }
  .password-row input {
    padding-inline-end: 3rem;
  }
  .reveal {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    min-inline-size: 2.75rem;
    padding: 0;
    color: var(--_muted);
    background: none;
    border: none;
  }
  .reveal svg {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  .reveal[aria-pressed='false'] .slash {
    display: none;
  }
  .reveal:hover {
    color: var(--_text);
  }
  .asking {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .spinner.small {
    inline-size: 1rem;
    block-size: 1rem;
    border-width: 2px;
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
  details[open] > .field {
    margin-block-start: 0.5rem;
  }
  details > summary {
    cursor: pointer;
    color: var(--_primary);
    min-block-size: 1.5rem;
  }
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    font-size: 0.8125em;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5rem;
    resize: vertical;
  }
  @media (forced-colors: active) {
    .identity,
    .notice {
      border: 1px solid CanvasText;
    }
    .notice.urgent {
      border-width: 3px;
    }
    /* Forced colours flatten the spinner's one coloured side: without it, it no longer turns. */
    .spinner {
      border-block-start-color: Highlight;
    }
  }
`;

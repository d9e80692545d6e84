// @ts-check
// The demo's "create an account with a password" page: what a site's own sign-up form does,
// so the element's other ways in (codes, password, "Forgot password?") have an account to try.
// Server answers are read for their `code` only and every message is set as textContent.

const ENDPOINT = '/api/auth/account';

/** @typedef {'identifier' | 'password' | 'email' | 'phone'} Field */

/** What each problem code means here, and which field it is about. */
const PROBLEMS = /** @type {Record<string, { field?: Field, message: string }>} */ ({
  'identifier-taken': {
    field: 'identifier',
    message: 'That username already has an account. Pick another one, or sign in with it on the sign-in page.',
  },
  'invalid-identifier': {
    field: 'identifier',
    message: 'Enter a username of 1 to 64 characters.',
  },
  'invalid-password': {
    field: 'password',
    message: 'Choose a password of at least 8 characters.',
  },
  'invalid-email': {
    field: 'email',
    message: 'That email address doesn’t look right. Check it, or leave the field empty.',
  },
  'invalid-phone': {
    field: 'phone',
    message: 'Enter the phone number in international format: a + and the country code, such as +44 7700 900123. Or leave the field empty.',
  },
});

const form = /** @type {HTMLFormElement} */ (document.getElementById('account-form'));
const error = /** @type {HTMLElement} */ (document.getElementById('account-error'));
const submit = /** @type {HTMLButtonElement} */ (document.getElementById('create-account'));
const created = /** @type {HTMLElement} */ (document.getElementById('account-created'));
const createdText = /** @type {HTMLElement} */ (document.getElementById('account-created-text'));
const toggle = /** @type {HTMLButtonElement} */ (document.getElementById('show-password'));

/** @param {Field} name */
const input = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
const FIELDS = /** @type {Field[]} */ (['identifier', 'password', 'email', 'phone']);

/**
 * Shows the message in the alert region and moves focus there, so it is read out whether or
 * not the screen reader announces live regions; the field it is about is marked invalid.
 * @param {string} message
 * @param {Field} [field]
 */
function showError(message, field) {
  for (const name of FIELDS) {
    const element = input(name);
    element.removeAttribute('aria-invalid');
    element.setAttribute('aria-describedby', `${name}-hint`);
  }
  if (field) {
    input(field).setAttribute('aria-invalid', 'true');
    input(field).setAttribute('aria-describedby', `${field}-hint account-error`);
  }
  error.textContent = message;
  error.focus();
}

/**
 * The JSON body of the contract's `createAccount`: empty optional fields are left out, since an
 * empty string is not an address.
 */
function body() {
  /** @type {Record<string, string>} */
  const fields = { identifier: input('identifier').value, password: input('password').value };
  for (const name of /** @type {const} */ (['email', 'phone'])) {
    const value = input(name).value.trim();
    if (value) fields[name] = value;
  }
  return fields;
}

/** @param {Response} response */
async function problemCode(response) {
  try {
    const problem = await response.json();
    return typeof problem?.code === 'string' ? problem.code : '';
  } catch {
    return '';
  }
}

/** @param {Response} response */
async function explain(response) {
  const code = await problemCode(response);
  const known = PROBLEMS[code];
  if (known) return showError(known.message, known.field);
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    const when = seconds > 0 ? ` Try again in ${seconds} s.` : ' Try again in a moment.';
    return showError(`Too many attempts.${when}`);
  }
  showError('Something went wrong on the server. Please try again.');
}

/**
 * @param {{ user: { name: string, displayName?: string } }} result
 */
function succeed(result) {
  form.hidden = true;
  createdText.textContent = `Account created. You're signed in as ${result.user.displayName || result.user.name}.`;
  created.hidden = false;
  created.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (submit.getAttribute('aria-disabled') === 'true') return;
  if (!input('identifier').value.trim()) return showError('Enter a username.', 'identifier');
  if (!input('password').value) return showError('Choose a password of at least 8 characters.', 'password');

  submit.setAttribute('aria-disabled', 'true');
  submit.textContent = 'Creating account…';
  try {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Content-Type': 'application/json',
        // The reference server's CSRF check: a header a cross-site form cannot send.
        'X-Requested-With': 'passkey-login',
      },
      body: JSON.stringify(body()),
    });
    if (response.ok) succeed(await response.json());
    else await explain(response);
  } catch {
    showError('The demo server did not answer. Is it running?');
  } finally {
    submit.removeAttribute('aria-disabled');
    submit.textContent = 'Create account';
  }
});

toggle.addEventListener('click', () => {
  const password = input('password');
  const show = password.type === 'password';
  password.type = show ? 'text' : 'password';
  toggle.setAttribute('aria-pressed', String(show));
});

submit.disabled = false;

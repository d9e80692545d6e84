// @ts-check
// The demo's support desk: what a site's support team does for someone locked out, against the
// reference server's support operations. Server answers are read for their `code` only, and
// every text from the server (names, user agents) is set as textContent, never as markup.

const API = '/api/auth';
const AUDIT_LIMIT = 50;

/**
 * @typedef {object} Passkey
 * @property {string} id
 * @property {string} createdAt
 * @property {string | null} lastUsedAt
 * @property {'singleDevice' | 'multiDevice'} deviceType
 * @property {boolean} backedUp
 * @property {string} [provider]
 */

/**
 * @typedef {object} Account
 * @property {string} name
 * @property {string} [nameRevealed] the name with every character outside printable ASCII spelled
 *   out, when it has any: a look-alike must not pass for the name it imitates
 * @property {string} createdAt
 * @property {string[]} methods
 * @property {Passkey[]} passkeys
 * @property {{ expiresAt: string } | null} recoveryCode
 */

/**
 * @typedef {object} AuditEntry
 * @property {string} at
 * @property {string} action
 * @property {{ name: string } | null} actor
 * @property {{ name: string } | null} target
 * @property {string} [detail]
 * @property {string} address
 * @property {string} [userAgent]
 */

/** What each problem code means on this page. */
const PROBLEMS = /** @type {Record<string, string>} */ ({
  'invalid-credentials': 'That username and password don’t match a support account.',
  'invalid-identifier': 'Enter a username of 1 to 64 characters.',
  'unknown-account': 'No account has that username.',
  'unknown-credential': 'That passkey is already gone. The list below is up to date.',
  forbidden: 'Support accounts can’t be changed from the support desk.',
});

const METHOD_NAMES = /** @type {Record<string, string>} */ ({
  passkey: 'passkey',
  'email-code': 'code by email',
  'sms-code': 'code by text message',
  password: 'password',
});

const ACTIONS = /** @type {Record<string, string>} */ ({
  'account-looked-up': 'Looked up the account',
  'passkey-removed': 'Removed a passkey',
  'recovery-code-issued': 'Issued a recovery code',
  'recovery-code-redeemed': 'Signed in with a recovery code',
  'recovery-code-refused': 'Recovery code refused',
  'support-refused': 'Support action refused',
});

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const status = byId('support-status');
const signInSection = byId('sign-in');
const signInForm = /** @type {HTMLFormElement} */ (byId('sign-in-form'));
const signInError = byId('sign-in-error');
const signInButton = /** @type {HTMLButtonElement} */ (byId('sign-in-button'));
const desk = byId('desk');
const lookupForm = /** @type {HTMLFormElement} */ (byId('lookup-form'));
const lookupError = byId('lookup-error');
const lookupInput = /** @type {HTMLInputElement} */ (byId('lookup-identifier'));
const accountSection = byId('account');
const accountError = byId('account-error');
const issued = byId('issued');
const issuedCode = byId('issued-code');
const copyStatus = byId('copy-status');
const auditError = byId('audit-error');

/** The account on show, by its identifier. @type {string | null} */
let shown = null;

/**
 * @param {string} method
 * @param {string} path below the API base, query included
 * @param {unknown} [body]
 * @returns {Promise<{ response: Response, json: any }>}
 */
async function api(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    // The reference server's CSRF check: a header a cross-site form cannot send.
    headers['X-Requested-With'] = 'passkey-login';
  }
  const response = await fetch(API + path, {
    method,
    headers,
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  return { response, json };
}

/**
 * The message for a failed answer, by its problem code.
 * @param {Response} response
 * @param {any} json
 */
function explain(response, json) {
  const code = typeof json?.code === 'string' ? json.code : '';
  if (PROBLEMS[code]) return PROBLEMS[code];
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    return `Too many attempts. Try again in ${seconds > 0 ? `${seconds} s` : 'a moment'}.`;
  }
  return 'Something went wrong on the server. Please try again.';
}

/**
 * Shows the message in an alert region and moves focus there, so it is read out whether or not
 * the screen reader announces live regions.
 * @param {HTMLElement} region
 * @param {string} message
 */
function alertIn(region, message) {
  region.textContent = message;
  if (message) region.focus();
}

/** @param {string} iso */
const when = (iso) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** @param {Passkey} passkey */
function kindOf(passkey) {
  if (passkey.deviceType === 'singleDevice') return 'On one device only';
  return passkey.backedUp ? 'Synced' : 'Can sync, not backed up yet';
}

function forgetIssuedCode() {
  issuedCode.textContent = '';
  copyStatus.textContent = '';
  issued.hidden = true;
}

/**
 * @param {string} message shown on the sign-in form, e.g. why it is back
 */
function showSignIn(message = '') {
  shown = null;
  forgetIssuedCode();
  desk.hidden = true;
  accountSection.hidden = true;
  signInSection.hidden = false;
  status.textContent = '';
  alertIn(signInError, message);
}

/**
 * Answers that end what the page is doing: the session ended, or is not a support one.
 * @param {Response} response
 * @param {any} json
 * @returns {boolean} true when handled
 */
function lostAccess(response, json) {
  if (response.status === 401) {
    showSignIn('Your session ended. Sign in again to go on.');
    return true;
  }
  if (response.status === 403 && json?.code === 'forbidden' && !desk.hidden && shown === null) {
    showSignIn('This account is not a support account. Sign in with one to go on.');
    return true;
  }
  return false;
}

/** @param {AuditEntry} entry */
function auditRow(entry) {
  const row = document.createElement('tr');
  const time = element('time', when(entry.at));
  time.setAttribute('datetime', entry.at);
  const at = element('td');
  at.append(time);
  const what = element('td', ACTIONS[entry.action] ?? entry.action);
  if (entry.detail) what.append(element('span', entry.detail, 'muted-line'));
  const from = element('td', entry.address);
  if (entry.userAgent) from.append(element('span', entry.userAgent, 'muted-line'));
  row.append(at, element('td', entry.actor?.name ?? '—'), what, element('td', entry.target?.name ?? '—'), from);
  return row;
}

async function loadAudit() {
  try {
    const { response, json } = await api('GET', `/support/audit?limit=${AUDIT_LIMIT}`);
    if (lostAccess(response, json)) return false;
    if (!response.ok) {
      alertIn(auditError, explain(response, json));
      return true;
    }
    auditError.textContent = '';
    byId('audit-rows').replaceChildren(...json.entries.map(auditRow));
    return true;
  } catch {
    alertIn(auditError, 'The demo server did not answer. Is it running?');
    return true;
  }
}

/** @param {Account} account */
function renderAccount(account) {
  shown = account.name;
  byId('account-heading').textContent = account.nameRevealed
    ? `${account.name} (spelled out: ${account.nameRevealed})`
    : account.name;
  byId('account-created').textContent = when(account.createdAt);
  byId('account-methods').textContent =
    account.methods.map((method) => METHOD_NAMES[method] ?? method).join(', ') || 'None';
  byId('account-recovery').textContent = account.recoveryCode
    ? `One is waiting to be used, until ${when(account.recoveryCode.expiresAt)}`
    : 'None waiting';
  byId('no-passkeys').hidden = account.passkeys.length > 0;
  byId('passkeys').hidden = account.passkeys.length === 0;
  byId('passkey-rows').replaceChildren(
    ...account.passkeys.map((passkey) => {
      const row = document.createElement('tr');
      const remove = element('button', 'Remove', 'button secondary');
      remove.setAttribute('type', 'button');
      remove.setAttribute('aria-label', `Remove the passkey created ${when(passkey.createdAt)}`);
      remove.addEventListener('click', () => removePasskey(passkey));
      const action = element('td');
      action.append(remove);
      row.append(
        element('td', passkey.provider ?? 'Unknown provider'),
        element('td', kindOf(passkey)),
        element('td', when(passkey.createdAt)),
        element('td', passkey.lastUsedAt ? when(passkey.lastUsedAt) : 'Never'),
        action,
      );
      return row;
    }),
  );
  accountError.textContent = '';
  accountSection.hidden = false;
}

/** @param {Passkey} passkey */
async function removePasskey(passkey) {
  if (shown === null) return;
  const ok = window.confirm(
    `Remove this passkey from ${shown}? It stops working at once, and ${shown} is signed out everywhere.`,
  );
  if (!ok) return;
  try {
    const { response, json } = await api('POST', '/support/passkey/remove', {
      identifier: shown,
      credentialId: passkey.id,
    });
    if (lostAccess(response, json)) return;
    if (!response.ok) return alertIn(accountError, explain(response, json));
    renderAccount(json);
    status.textContent = 'Passkey removed.';
    byId('account-heading').focus();
  } catch {
    alertIn(accountError, 'The demo server did not answer. Is it running?');
  }
  await loadAudit();
}

signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(signInForm);
  try {
    const { response, json } = await api('POST', '/password/sign-in', {
      identifier: data.get('identifier'),
      password: data.get('password'),
    });
    if (!response.ok) return alertIn(signInError, explain(response, json));
    /** @type {HTMLInputElement} */ (signInForm.elements.namedItem('password')).value = '';
    await openDesk(json.user);
  } catch {
    alertIn(signInError, 'The demo server did not answer. Is it running?');
  }
});

/** @param {{ name: string, displayName?: string }} user */
async function openDesk(user) {
  byId('signed-in-as').textContent = `Signed in as ${user.displayName || user.name}.`;
  signInSection.hidden = true;
  signInError.textContent = '';
  desk.hidden = false;
  shown = null;
  // The audit log is for support users only, so it also says whether this is one.
  if (await loadAudit()) {
    status.textContent = '';
    lookupInput.focus();
  }
}

lookupForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const identifier = lookupInput.value.trim();
  if (!identifier) return alertIn(lookupError, 'Enter the username of the account to find.');
  forgetIssuedCode();
  try {
    const { response, json } = await api('POST', '/support/lookup', { identifier });
    if (lostAccess(response, json)) return;
    if (!response.ok) {
      accountSection.hidden = true;
      shown = null;
      return alertIn(lookupError, explain(response, json));
    }
    lookupError.textContent = '';
    renderAccount(json);
    accountSection.focus();
  } catch {
    alertIn(lookupError, 'The demo server did not answer. Is it running?');
  }
  await loadAudit();
});

byId('issue-code').addEventListener('click', async () => {
  if (shown === null) return;
  try {
    const { response, json } = await api('POST', '/support/recovery-code', { identifier: shown });
    if (lostAccess(response, json)) return;
    if (!response.ok) return alertIn(accountError, explain(response, json));
    issuedCode.textContent = json.code;
    byId('issued-until').textContent = when(json.expiresAt);
    byId('account-recovery').textContent = `One is waiting to be used, until ${when(json.expiresAt)}`;
    copyStatus.textContent = '';
    issued.hidden = false;
    issued.focus();
  } catch {
    alertIn(accountError, 'The demo server did not answer. Is it running?');
  }
  await loadAudit();
});

byId('copy-code').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(issuedCode.textContent ?? '');
    copyStatus.textContent = 'Copied.';
  } catch {
    getSelection()?.selectAllChildren(issuedCode);
    copyStatus.textContent = 'Copying did not work here. The code is selected: copy it by hand.';
  }
});

byId('refresh-audit').addEventListener('click', () => loadAudit());

byId('sign-out').addEventListener('click', async () => {
  try {
    await api('POST', '/sign-out');
  } finally {
    showSignIn();
    status.textContent = 'Signed out.';
  }
});

async function start() {
  try {
    const { json } = await api('GET', '/session');
    signInButton.disabled = false;
    if (json?.user) await openDesk(json.user);
    else showSignIn();
  } catch {
    status.textContent = 'The demo server did not answer. Is it running?';
  }
}

start();

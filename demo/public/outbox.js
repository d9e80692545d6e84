// @ts-check
// The dev outbox page: lists what the demo server "sent". Message text comes from the server
// and is only ever set as textContent, so it can never become markup.

const ENDPOINT = '/api/auth/dev/outbox';
const REFRESH_MS = 2000;

/**
 * @typedef {object} Message
 * @property {number} id
 * @property {string} sentAt ISO 8601
 * @property {'email' | 'sms'} channel
 * @property {string} to
 * @property {string} [subject]
 * @property {string} text
 */

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {Message} message */
function render(message) {
  const item = element('li', 'card outbox-message');
  const meta = element('p', 'outbox-meta');
  const time = element('time', '', new Date(message.sentAt).toLocaleTimeString());
  time.setAttribute('datetime', message.sentAt);
  meta.append(
    element('strong', '', message.channel === 'sms' ? 'Text message' : 'Email'),
    ` to ${message.to} · `,
    time,
  );
  item.append(meta);
  if (message.subject) item.append(element('p', 'outbox-subject', message.subject));
  item.append(element('pre', 'outbox-text', message.text));
  return item;
}

async function refresh() {
  const list = /** @type {HTMLOListElement} */ (document.getElementById('outbox-messages'));
  const status = /** @type {HTMLElement} */ (document.getElementById('outbox-status'));
  try {
    const response = await fetch(ENDPOINT, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    /** @type {{ messages: Message[] }} */
    const { messages } = await response.json();
    // Re-render only on change, so a selection (copying a code) survives the refresh.
    const key = messages.map((message) => message.id).join();
    if (list.dataset.key !== key) {
      list.dataset.key = key;
      list.replaceChildren(...messages.map(render));
      status.textContent =
        messages.length === 0
          ? 'Nothing sent yet. Ask for a code on the sign-in page.'
          : `${messages.length} message${messages.length === 1 ? '' : 's'}.`;
    }
  } catch {
    status.textContent = 'The demo server did not answer. Is it running?';
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();

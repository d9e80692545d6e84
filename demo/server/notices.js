// @ts-check

/** @typedef {import('./store.js').User} User */
/** @typedef {import('./outbox.js').Delivery} Delivery */

/**
 * Security notices to an account's owner ("a new device signed in"), through the same delivery
 * as one-time codes: by email when the account has an address, else by text message. They
 * never carry a code, and are not awaited: a slow provider must not hold up the answer.
 *
 * @param {{ delivery: Delivery, reportError: (line: string) => void }} options
 */
export function createNotices({ delivery, reportError }) {
  /**
   * @param {User} user
   * @param {string} subject also the text message's first line
   * @param {string} text
   * @returns {boolean} false when the account has nowhere to send it
   */
  return function notify(user, subject, text) {
    /** @type {import('./outbox.js').OutgoingMessage | null} */
    const message = user.email
      ? { channel: 'email', to: user.email, subject, text }
      : user.phone
        ? { channel: 'sms', to: user.phone, text: `${subject}. ${text}` }
        : null;
    if (!message) return false;
    Promise.resolve()
      .then(() => delivery.send(message))
      .catch((/** @type {unknown} */ error) => {
        const kind = error instanceof Error ? error.name : typeof error;
        reportError(`passkey-login demo: ${message.channel} notice failed (${kind})`);
      });
    return true;
  };
}

/** @typedef {ReturnType<typeof createNotices>} Notify */

// @ts-check

/**
 * @typedef {object} OutgoingMessage
 * @property {'email' | 'sms'} channel
 * @property {string} to an email address or an E.164 number
 * @property {string} [subject] email only
 * @property {string} text
 */

/**
 * Where one-time codes go. A site replaces the dev outbox with its mail and SMS provider.
 * `send` may be slow or fail: the server does not wait for it before answering.
 * @typedef {object} Delivery
 * @property {(message: OutgoingMessage) => void | Promise<void>} send
 */

/** @typedef {OutgoingMessage & { id: number, sentAt: string }} OutboxEntry */

/**
 * A development transport: keeps the newest messages in memory, so the demo can show the codes
 * it "sent" on its outbox page. It is not a log: nothing here is written anywhere else unless
 * `onMessage` does so.
 *
 * @param {{ limit?: number, now?: () => number, onMessage?: (entry: OutboxEntry) => void }} [options]
 */
export function createDevOutbox({ limit = 50, now = Date.now, onMessage } = {}) {
  /** @type {OutboxEntry[]} */
  const messages = [];
  let nextId = 1;
  return {
    /** @param {OutgoingMessage} message */
    send(message) {
      const entry = { id: nextId++, sentAt: new Date(now()).toISOString(), ...message };
      messages.unshift(entry);
      messages.length = Math.min(messages.length, limit);
      onMessage?.(entry);
    },
    /** @returns {OutboxEntry[]} newest first */
    list() {
      return messages.map((entry) => ({ ...entry }));
    },
  };
}

/** @typedef {ReturnType<typeof createDevOutbox>} DevOutbox */

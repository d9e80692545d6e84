// @ts-check
import { clientAddress } from './http.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./http.js').Request} Request */

/**
 * What the audit log records. Support actions on an account, and the account's own redemption
 * of a recovery code, whatever the outcome; refused calls to support operations.
 * @typedef {'account-looked-up' | 'passkey-removed' | 'recovery-code-issued'
 *   | 'recovery-code-redeemed' | 'recovery-code-refused' | 'support-refused'} AuditAction
 */

// Enough to recognise a browser; a header of any length would otherwise go into a log that can
// never be trimmed.
const MAX_USER_AGENT = 256;

/**
 * @param {User | null} user
 */
const who = (user) => (user ? { id: user.handle, name: user.name } : null);

/**
 * The append-only audit log (the table refuses UPDATE and DELETE; see store.js).
 *
 * @param {{ store: Store, now: () => number }} options
 */
export function createAudit({ store, now }) {
  return {
    /**
     * @param {Request} req where the action came from
     * @param {{ action: AuditAction, actor?: User | null, target?: User | null,
     *   detail?: string }} entry `detail` must never hold a secret: it is kept for good
     */
    record(req, { action, actor = null, target = null, detail }) {
      const userAgent = req.headers['user-agent'];
      store.appendAudit({
        at: now(),
        action,
        actor: who(actor),
        target: who(target),
        detail: detail ?? null,
        address: clientAddress(req),
        userAgent: userAgent === undefined ? null : userAgent.slice(0, MAX_USER_AGENT),
      });
    },
  };
}

/** @typedef {ReturnType<typeof createAudit>} Audit */

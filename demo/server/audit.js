// @ts-check
import { clientAddress } from './client-address.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('fastify').FastifyRequest} Request */

/**
 * What the audit log records. Support actions on an account, and the account's own redemption
 * of a recovery code, whatever the outcome (a refusal while redemption is locked too); every
 * refused call to a support operation, whether refused at the door or for what it asked; reads of
 * the log itself; and every decision on a sign-in from another device.
 * @typedef {'account-looked-up' | 'passkey-removed' | 'recovery-code-issued'
 *   | 'recovery-code-redeemed' | 'recovery-code-refused' | 'support-refused' | 'audit-log-read'
 *   | 'device-approved' | 'device-denied' | 'device-approval-refused'} AuditAction
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
    async record(req, { action, actor = null, target = null, detail }) {
      const userAgent = req.headers['user-agent'];
      await store.appendAudit({
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

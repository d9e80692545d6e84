// @ts-check
import { Problem } from './problems.js';

/**
 * @param {string | undefined} header
 * @returns {string} the media type without parameters, lower case
 */
function mediaType(header) {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The CSRF defence for state-changing JSON endpoints (OWASP CSRF cheat sheet): a body type a
 * cross-site form cannot send, a custom header that forces a CORS preflight, and the browser's
 * own statement of where the request came from.
 *
 * @param {import('fastify').FastifyRequest} req
 * @param {readonly string[]} allowedOrigins
 */
export function checkCsrf(req, allowedOrigins) {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    throw new Problem('csrf', { reason: 'content-type' });
  }
  if (req.headers['x-requested-with'] !== 'passkey-login') {
    throw new Problem('csrf', { reason: 'x-requested-with' });
  }
  const origin = req.headers.origin;
  const originAllowed = origin !== undefined && allowedOrigins.includes(origin);
  if (origin !== undefined && !originAllowed) {
    throw new Problem('csrf', { reason: 'origin' });
  }
  const site = req.headers['sec-fetch-site'];
  if (
    site !== undefined &&
    site !== 'same-origin' &&
    site !== 'none' &&
    !(site === 'same-site' && originAllowed)
  ) {
    throw new Problem('csrf', { reason: 'sec-fetch-site' });
  }
}

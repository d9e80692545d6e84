// @ts-check
// Checks what the server answered against demo/openapi.json. The test harness runs every API
// response of the suite through it, so the document cannot drift from the server unnoticed.
import { readFileSync } from 'node:fs';
import { matchPath } from './http.js';
import { validate } from './schema.js';

/**
 * @typedef {object} Exchange one API response as the client got it
 * @property {string} method
 * @property {string} path below the API base, without query
 * @property {number} status
 * @property {string | undefined} contentType
 * @property {string} body
 */

/** @type {any} */
export const OPENAPI = JSON.parse(
  readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'),
);

/**
 * @param {any} node
 * @returns {any} the node, or what its `$ref` points to
 */
function deref(node) {
  return node && typeof node.$ref === 'string' ? deref(resolvePointer(node.$ref)) : node;
}

/** @param {string} ref */
function resolvePointer(ref) {
  return ref
    .slice(2)
    .split('/')
    .reduce((/** @type {any} */ node, part) => node?.[part], OPENAPI);
}

/**
 * @param {Exchange} exchange
 * @returns {string[] | null} what does not conform; null when the request named no documented
 *   operation (an unknown path, or a method the path does not have), which has nothing to
 *   conform to
 */
export function checkExchange({ method, path, status, contentType, body }) {
  // Exact paths first, so `/a/b` is never taken for `/a/{id}`.
  const template =
    path in OPENAPI.paths ? path : Object.keys(OPENAPI.paths).find((candidate) => matchPath(candidate, path));
  const operation = template === undefined ? undefined : OPENAPI.paths[template][method.toLowerCase()];
  if (!operation) return null;
  const label = `${operation.operationId} ${status}`;
  const response = deref(operation.responses[String(status)]);
  if (!response) return [`${label}: status not documented`];
  const content = response.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    return body === '' ? [] : [`${label}: documented without a body, but one was sent`];
  }
  const type = (contentType ?? '').split(';')[0].trim();
  if (!mediaTypes.includes(type)) return [`${label}: Content-Type ${type || 'none'}, documented ${mediaTypes.join(', ')}`];
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return [`${label}: body is not JSON`];
  }
  return validate(content[type].schema, json, OPENAPI).map((error) => `${label}: ${error}`);
}

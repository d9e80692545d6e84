// @ts-check
// demo/openapi.json, compiled by Ajv (JSON Schema 2020-12, strict mode): the server validates
// every request against it, and the test harness every response.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** @typedef {import('ajv').ErrorObject} ErrorObject */
/** @typedef {import('ajv').ValidateFunction} ValidateFunction */

/** @type {any} */
export const OPENAPI = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));

const COMPONENTS = 'openapi-components';

/**
 * The document's schemas point at `#/components/schemas/…`, which means nothing to a schema
 * compiled on its own: they are registered once under one id and pointed at there.
 * @param {any} node
 * @returns {any}
 */
function relink(node) {
  if (Array.isArray(node)) return node.map(relink);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
        ? `${COMPONENTS}#/$defs/${value.slice('#/components/schemas/'.length)}`
        : relink(value),
    ]),
  );
}

/**
 * @param {{ coerceTypes?: boolean, allErrors?: boolean }} [options]
 */
export function createAjv({ coerceTypes = false, allErrors = false } = {}) {
  // Formats are annotations in 2020-12; the server checks addresses its own way (contact.js).
  // Strict about unknown keywords (one this validator does not know would pass everything), not
  // about `type` beside every `required`: the document leaves it to the `allOf` it is in.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors, validateFormats: false, coerceTypes });
  ajv.addSchema({ $id: COMPONENTS, $defs: relink(OPENAPI.components.schemas) });
  return ajv;
}

const ajv = createAjv();
const coercing = createAjv({ coerceTypes: true });

/**
 * Compiles a schema written as in the document (its `$ref`s into `#/components/schemas/`).
 * @param {any} schema
 * @param {{ allErrors?: boolean }} [options]
 */
export function compileSchema(schema, { allErrors = false } = {}) {
  return (allErrors ? createAjv({ allErrors }) : ajv).compile(relink(schema));
}

/**
 * @param {any} node
 * @returns {any} the node, or what its `$ref` points to in the document
 */
function deref(node) {
  if (!node || typeof node.$ref !== 'string') return node;
  return deref(
    node.$ref
      .slice(2)
      .split('/')
      .reduce((/** @type {any} */ at, /** @type {string} */ part) => at?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], OPENAPI),
  );
}

/**
 * @param {string} method lower case
 * @param {string} template a path of the document
 */
function operationOf(method, template) {
  return OPENAPI.paths[template]?.[method];
}

/**
 * The request checks for one operation: its JSON body, and its query and path parameters (which
 * arrive as strings, so those are coerced to the documented types).
 * @param {string} method
 * @param {string} template
 * @returns {{ body: ValidateFunction | null, query: ValidateFunction | null, params: ValidateFunction | null }}
 */
export function requestValidators(method, template) {
  const operation = operationOf(method.toLowerCase(), template);
  if (!operation) throw new Error(`${method} ${template} is not in demo/openapi.json`);
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const parameters = (operation.parameters ?? []).map(deref);
  /** @param {'query' | 'path'} where */
  const objectOf = (where) => {
    const list = parameters.filter((/** @type {any} */ p) => p.in === where);
    if (list.length === 0) return null;
    return coercing.compile({
      type: 'object',
      properties: Object.fromEntries(list.map((/** @type {any} */ p) => [p.name, relink(p.schema)])),
      required: list.filter((/** @type {any} */ p) => p.required).map((/** @type {any} */ p) => p.name),
    });
  };
  return { body: schema ? ajv.compile(relink(schema)) : null, query: objectOf('query'), params: objectOf('path') };
}

/** @type {Map<string, ValidateFunction>} */
const responseValidators = new Map();

/**
 * Matches a request path against a document path in which `{name}` stands for one segment.
 * @param {string} template
 * @param {string} path
 */
function matches(template, path) {
  const want = template.split('/');
  const have = path.split('/');
  return want.length === have.length && want.every((segment, i) => /^\{\w+\}$/.test(segment) ? have[i] !== '' : segment === have[i]);
}

/**
 * @typedef {object} Exchange one API response as the client got it
 * @property {string} method
 * @property {string} path below the API base, without query
 * @property {number} status
 * @property {string | undefined} contentType
 * @property {string} body
 */

/**
 * @param {Exchange} exchange
 * @returns {string[] | null} what does not conform; null when the request named no documented
 *   operation (an unknown path, or a method the path does not have), which has nothing to
 *   conform to
 */
export function checkExchange({ method, path, status, contentType, body }) {
  // Exact paths first, so `/a/b` is never taken for `/a/{id}`.
  const template = path in OPENAPI.paths ? path : Object.keys(OPENAPI.paths).find((candidate) => matches(candidate, path));
  const operation = template === undefined ? undefined : operationOf(method.toLowerCase(), template);
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
  const key = `${method} ${template} ${status} ${type}`;
  let validate = responseValidators.get(key);
  if (!validate) {
    validate = ajv.compile(relink(content[type].schema));
    responseValidators.set(key, validate);
  }
  if (validate(json)) return [];
  return (validate.errors ?? []).map((error) => `${label}: ${error.instancePath || '/'} ${error.message}`);
}

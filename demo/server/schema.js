// @ts-check
// A JSON Schema (2020-12) validator for exactly the keywords demo/openapi.json uses, so the
// conformance check needs no dependency. A schema with any other keyword is refused outright:
// a keyword this file does not know would otherwise pass everything without a word.

const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'default',
  'format',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const KEYWORDS = new Set([
  '$ref',
  'allOf',
  'anyOf',
  'oneOf',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
]);

/**
 * @param {unknown} value
 * @returns {string} its JSON Schema type; integers are 'integer' (and also numbers)
 */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean} JSON equality
 */
function equal(a, b) {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    const other = /** @type {unknown[]} */ (b);
    return a.length === other.length && a.every((item, i) => equal(item, other[i]));
  }
  const left = /** @type {Record<string, unknown>} */ (a);
  const right = /** @type {Record<string, unknown>} */ (b);
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => equal(left[key], right[key]));
}

/**
 * @param {any} root the document `$ref`s point into
 * @param {string} ref a local JSON pointer, `#/...`
 */
function resolve(root, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node = root;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

/**
 * Validates `value` against `schema`.
 *
 * @param {any} schema
 * @param {unknown} value
 * @param {any} root for `$ref`
 * @param {string} [at] JSON pointer of `value`, for messages
 * @returns {string[]} what is wrong, empty when valid
 */
export function validate(schema, value, root, at = '') {
  if (schema === true) return [];
  if (schema === false) return [`${at || '/'}: no value is allowed here`];
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`unsupported JSON Schema keyword "${keyword}" at ${at || '/'}`);
    }
  }
  const where = at || '/';
  /** @type {string[]} */
  const errors = [];
  const type = typeOf(value);

  if (schema.$ref !== undefined) errors.push(...validate(resolve(root, schema.$ref), value, root, at));
  for (const sub of schema.allOf ?? []) errors.push(...validate(sub, value, root, at));
  if (schema.anyOf && !schema.anyOf.some((/** @type {any} */ sub) => validate(sub, value, root, at).length === 0)) {
    errors.push(`${where}: matches none of anyOf`);
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((/** @type {any} */ sub) => validate(sub, value, root, at).length === 0);
    if (matching.length !== 1) errors.push(`${where}: matches ${matching.length} of oneOf, not exactly 1`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.includes(type) || (type === 'integer' && types.includes('number'));
    if (!ok) errors.push(`${where}: is ${type}, not ${types.join(' or ')}`);
  }
  if (schema.enum && !schema.enum.some((/** @type {unknown} */ item) => equal(item, value))) {
    errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && !equal(schema.const, value)) {
    errors.push(`${where}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }

  if (type === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    for (const name of schema.required ?? []) {
      if (!(name in object)) errors.push(`${where}: missing required "${name}"`);
    }
    const properties = schema.properties ?? {};
    for (const [name, item] of Object.entries(object)) {
      const path = `${at}/${name}`;
      if (name in properties) errors.push(...validate(properties[name], item, root, path));
      else if (schema.additionalProperties !== undefined) {
        errors.push(...validate(schema.additionalProperties, item, root, path).map((error) =>
          schema.additionalProperties === false ? `${where}: unexpected property "${name}"` : error,
        ));
      }
    }
  }
  if (type === 'array') {
    const array = /** @type {unknown[]} */ (value);
    if (schema.items !== undefined) {
      array.forEach((item, i) => errors.push(...validate(schema.items, item, root, `${at}/${i}`)));
    }
    if (schema.minItems !== undefined && array.length < schema.minItems) {
      errors.push(`${where}: fewer than ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && array.length > schema.maxItems) {
      errors.push(`${where}: more than ${schema.maxItems} items`);
    }
    if (schema.uniqueItems && array.some((item, i) => array.slice(0, i).some((seen) => equal(seen, item)))) {
      errors.push(`${where}: items are not unique`);
    }
  }
  if (type === 'string') {
    const string = /** @type {string} */ (value);
    // JSON Schema counts code points, not UTF-16 units.
    const length = [...string].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${where}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${where}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(string)) {
      errors.push(`${where}: does not match ${schema.pattern}`);
    }
  }
  if (type === 'integer' || type === 'number') {
    const number = /** @type {number} */ (value);
    if (schema.minimum !== undefined && number < schema.minimum) errors.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && number > schema.maximum) errors.push(`${where}: above ${schema.maximum}`);
  }
  return errors;
}

// @ts-check
import { randomInt } from 'node:crypto';

/**
 * Crockford's base32: digits and capitals without I, L, O and U, so nothing reads as
 * something else and a code read out over the phone is spelled one way. 5 bits a character.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BITS_PER_CHARACTER = 5;

/**
 * @param {number} groups
 * @param {number} groupLength
 * @returns {string} e.g. `7KQ2-M9XD-4TNB`, groups × groupLength × 5 bits from a CSPRNG
 */
export function randomReadableCode(groups, groupLength) {
  return Array.from({ length: groups }, () =>
    Array.from({ length: groupLength }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');
}

/**
 * What a person typed, in the form it was issued: case, spaces and dashes do not matter, and
 * the letters Crockford decodes as digits (O as 0; I and L as 1) are read that way.
 * @param {unknown} typed
 * @param {number} groups
 * @param {number} groupLength
 * @returns {string | null} null when it cannot be a code of that shape
 */
export function normalizeReadableCode(typed, groups, groupLength) {
  if (typeof typed !== 'string' || typed.length > 4 * groups * groupLength) return null;
  const characters = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (characters.length !== groups * groupLength) return null;
  if ([...characters].some((character) => !ALPHABET.includes(character))) return null;
  const parts = [];
  for (let i = 0; i < characters.length; i += groupLength) parts.push(characters.slice(i, i + groupLength));
  return parts.join('-');
}

// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeReadableCode, randomReadableCode } from './readable-code.js';

test('readable codes use Crockford base32 in dash-separated groups, every character about equally often', () => {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (let i = 0; i < 2000; i++) {
    const code = randomReadableCode(3, 4);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    for (const character of code.replace(/-/g, '')) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  assert.equal(counts.size, 32);
  // 24 000 characters over 32 symbols: 750 each expected; a biased generator would stray far.
  for (const [character, count] of counts) assert.ok(count > 550 && count < 950, `${character}: ${count}`);
});

test('what a person types is read back in the issued form, or refused', () => {
  assert.equal(normalizeReadableCode('7kq2 m9xd 4tnb', 3, 4), '7KQ2-M9XD-4TNB');
  assert.equal(normalizeReadableCode('7KQ2M9XD4TNB', 3, 4), '7KQ2-M9XD-4TNB');
  assert.equal(normalizeReadableCode('OIL0-0000-0000', 3, 4), '0110-0000-0000');
  assert.equal(normalizeReadableCode('abcd-efgh', 2, 4), 'ABCD-EFGH');
  for (const typed of ['7KQ2-M9XD-4TN', '7KQ2-M9XD-4TNBB', 'UUUU-UUUU-UUUU', '7KQ2-M9XD-4TN!', 42, null, 'x'.repeat(100)]) {
    assert.equal(normalizeReadableCode(typed, 3, 4), null, String(typed));
  }
});

// @ts-check
// Whether an account exists must not show in the answer to code send, password sign-in,
// recovery code redemption or methods: not in the status, not in the body's shape, and not (within a tolerance) in the time
// taken. Password sign-in runs at the real scrypt cost here, since the cost is what would give
// a missing account away if the server skipped it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LIMITS } from './app.js';
import { startServer } from './harness.js';
import { DEFAULT_SCRYPT_COST } from './passwords.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */
/** @typedef {import('./harness.js').Reply} Reply */

const ROUNDS = 20;
const TOLERANCE_MS = 30;
const unlimited = { max: 1_000_000, windowMs: 60_000 };

/** @type {Server} */
let server;

before(async () => {
  server = await startServer({
    scryptCost: DEFAULT_SCRYPT_COST,
    // Limits would otherwise stop the measurement; they are tested on their own elsewhere.
    rateLimit: unlimited,
    limits: {
      resendCooldownMs: 0,
      sendsPerAccount: unlimited,
      sendsPerClient: unlimited,
      passwordFailuresPerAccount: { ...unlimited, lockMs: 1 },
      passwordFailuresPerClient: { ...unlimited, lockMs: 1 },
      recoveryFailuresPerAccount: { ...unlimited, lockMs: 1 },
      recoveryFailuresPerClient: { ...unlimited, lockMs: 1 },
      accountFailures: DEFAULT_LIMITS.accountFailures,
    },
    supportAccounts: [{ identifier: 'support', password: 'support password' }],
  });
  const client = server.client();
  await client.post('/account', {
    identifier: 'known',
    email: 'known@example.com',
    phone: '+4917012345678',
    password: 'the real password',
  });
  await client.post('/account', { identifier: 'bare' });
  await client.register(server.authenticator(), 'keyed');
  const support = server.client();
  await support.post('/password/sign-in', { identifier: 'support', password: 'support password' });
  await support.post('/support/recovery-code', { identifier: 'known' });
});
after(() => server.close());

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Sends each kind of request in turn, round after round. The difference is the median of the
 * per-round differences to the existing account's request: neighbours in time share the
 * machine's load, which on a busy shared machine moves far more than the effect measured.
 * The first round warms every path up and is not counted.
 * @param {Record<string, () => Promise<Reply>>} senders the first is the existing account
 */
async function compare(senders) {
  const kinds = Object.keys(senders);
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
  /** @type {Reply[]} */
  const replies = [];
  for (let round = -1; round < ROUNDS; round++) {
    for (const kind of kinds) {
      const started = performance.now();
      const reply = await senders[kind]();
      const elapsed = performance.now() - started;
      if (round >= 0) {
        times[kind].push(elapsed);
        replies.push(reply);
      }
    }
  }
  const round1 = (/** @type {number} */ ms) => Math.round(ms * 10) / 10;
  const [existing, ...others] = kinds;
  const differences = others.map((other) =>
    Math.abs(median(times[other].map((ms, round) => ms - times[existing][round]))),
  );
  const medians = Object.fromEntries(kinds.map((kind) => [kind, round1(median(times[kind]))]));
  const difference = Math.max(...differences);
  // A skipped scrypt differs by all of its cost; on a machine so loaded that one takes over
  // 200 ms, 15 % of it still tells a skipped one from noise.
  const tolerance = Math.max(TOLERANCE_MS, 0.15 * Math.max(...Object.values(medians)));
  return {
    replies,
    difference,
    tolerance,
    medians: JSON.stringify({ ...medians, difference: round1(difference) }),
  };
}

/**
 * @param {any} value
 * @returns {unknown} the JSON shape: keys and value types, recursively
 */
function shape(value) {
  if (Array.isArray(value)) return ['array'];
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
}

/**
 * @param {Reply[]} all
 * @param {number} status
 */
function assertAlike(all, status) {
  for (const reply of all) {
    assert.equal(reply.status, status);
    assert.equal(reply.headers.get('content-type'), all[0].headers.get('content-type'));
    assert.deepEqual(shape(reply.json), shape(all[0].json));
  }
}

describe(`existing and unknown identifiers answer alike (${ROUNDS} rounds, median difference within ${TOLERANCE_MS} ms)`, () => {
  test('code send, for an account with the channel, one without, and no account', async (t) => {
    const client = server.client();
    const result = await compare({
      'with email': () => client.sendCode('known'),
      'no email': () => client.sendCode('bare'),
      'no account': () => client.sendCode('nobody'),
    });
    assertAlike(result.replies, 200);
    t.diagnostic(`median ms: ${result.medians}`);
    assert.ok(result.difference < result.tolerance, `median ms: ${result.medians}`);
  });

  test('password sign-in, for a wrong password, no password and no account', async (t) => {
    const client = server.client();
    const password = 'a wrong password';
    const result = await compare({
      'wrong password': () => client.post('/password/sign-in', { identifier: 'known', password }),
      'no password': () => client.post('/password/sign-in', { identifier: 'bare', password }),
      'no account': () => client.post('/password/sign-in', { identifier: 'nobody', password }),
    });
    assertAlike(result.replies, 400);
    assert.equal(new Set(result.replies.map((reply) => reply.text)).size, 1, 'identical bodies');
    // Every path ran scrypt: at N=2^15 it takes tens of milliseconds at the very least.
    assert.ok(
      Object.entries(JSON.parse(result.medians)).every(([kind, ms]) => kind === 'difference' || ms > 20),
      `median ms: ${result.medians}`,
    );
    t.diagnostic(`median ms: ${result.medians}`);
    assert.ok(result.difference < result.tolerance, `median ms: ${result.medians}`);
  });

  test('recovery code redemption, for a wrong code, an account without a code and no account', async (t) => {
    const client = server.client();
    const code = 'ABCD-EFGH-JKMN';
    const result = await compare({
      'wrong code': () => client.post('/recovery/redeem', { identifier: 'known', code }),
      'no code': () => client.post('/recovery/redeem', { identifier: 'bare', code }),
      'no account': () => client.post('/recovery/redeem', { identifier: 'nobody', code }),
    });
    assertAlike(result.replies, 400);
    assert.equal(new Set(result.replies.map((reply) => reply.text)).size, 1, 'identical bodies');
    t.diagnostic(`median ms: ${result.medians}`);
    assert.ok(result.difference < result.tolerance, `median ms: ${result.medians}`);
  });

  test('methods', async (t) => {
    const client = server.client();
    const result = await compare({
      'with a passkey': () => client.post('/methods', { identifier: 'keyed' }),
      'no account': () => client.post('/methods', { identifier: 'nobody' }),
    });
    assertAlike(result.replies, 200);
    t.diagnostic(`median ms: ${result.medians}`);
    assert.ok(result.difference < result.tolerance, `median ms: ${result.medians}`);
  });
});

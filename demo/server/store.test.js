// @ts-check
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { startServer } from './harness.js';
import { openStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'passkey-login-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('accounts, passkeys and sessions survive a restart on a file database', async () => {
  const database = join(dir, 'nested', 'folder', 'demo.db');
  const first = await startServer({ database });
  const client = first.client();
  const authenticator = first.authenticator();
  const { verify } = await client.register(authenticator, 'persistent');
  assert.equal(verify.status, 200);
  await first.close();

  const raw = new Database(database, { readonly: true });
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(raw.pragma('user_version', { simple: true }), 3);
  raw.close();

  const second = await startServer({ database });
  try {
    // The origin moved with the new port; the passkey and the session row did not.
    authenticator.origin = second.origin;
    client.base = second.base;
    client.origin = second.origin;
    assert.deepEqual((await client.session()).json, verify.json);
    const signIn = await client.signIn(authenticator);
    assert.equal(signIn.verify.status, 200);
    assert.deepEqual(signIn.verify.json, verify.json);
  } finally {
    await second.close();
  }
});

test('opening an existing database leaves its data alone', () => {
  const file = join(dir, 'reopen.db');
  const store = openStore(file);
  store.insertSession({ idHash: 'a'.repeat(64), userId: null, createdAt: 1, expiresAt: 2 });
  store.close();
  const again = openStore(file);
  assert.equal(again.findSession('a'.repeat(64))?.expiresAt, 2);
  again.close();
});

test('a database from a newer schema is refused rather than misread', () => {
  const file = join(dir, 'future.db');
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openStore(file), /schema version 99 is newer/);
});

test('pending challenges go with their session, and expired ones with the next new one', () => {
  const file = join(dir, 'challenges.db');
  const store = openStore(file);
  const raw = new Database(file, { readonly: true });
  try {
    const count = raw.prepare('SELECT count(*) FROM challenges WHERE session_id_hash = ?').pluck();
    const [a, b] = ['a', 'b'].map((letter) => letter.repeat(64));
    for (const idHash of [a, b]) {
      store.insertSession({ idHash, userId: null, createdAt: 0, expiresAt: 1000 });
    }
    /** @param {string} challenge @param {number} createdAt */
    const signIn = (challenge, createdAt) => ({ challenge, createdAt, expiresAt: createdAt + 100 });
    store.addChallenge(a, 'authentication', signIn('a1', 0), 5);
    store.addChallenge(a, 'authentication', signIn('a2', 50), 5);
    store.addChallenge(a, 'registration', { ...signIn('a3', 50), userHandle: 'h', userName: 'n' }, 5);
    store.addChallenge(b, 'authentication', signIn('b1', 0), 5);
    assert.equal(count.get(a), 3);

    store.addChallenge(a, 'authentication', signIn('a4', 100), 5);
    assert.equal(count.get(a), 3, 'a1 expired at 100');
    assert.equal(store.takeChallenge(a, 'authentication', 'a1'), null);
    assert.equal(count.get(b), 1, 'only the session that asked is tidied');

    assert.equal(store.takeChallenge(a, 'registration', 'a2'), null, 'kinds do not mix');
    assert.equal(store.takeChallenge(b, 'authentication', 'a2'), null, 'sessions do not mix');
    assert.deepEqual(store.takeChallenge(a, 'registration', 'a3'), {
      challenge: 'a3',
      createdAt: 50,
      expiresAt: 150,
      userHandle: 'h',
      userName: 'n',
    });
    assert.equal(store.takeChallenge(a, 'registration', 'a3'), null, 'taken once');

    store.deleteSession(a);
    assert.equal(count.get(a), 0);
    store.purgeExpiredSessions(1000);
    assert.equal(count.get(b), 0);
  } finally {
    raw.close();
    store.close();
  }
});

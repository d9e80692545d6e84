// @ts-check
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { CHEAP_SCRYPT, startServer } from './harness.js';
import { hashPassword } from './passwords.js';
import { SQLITE_MIGRATIONS as MIGRATIONS } from './migrations.js';
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
  assert.equal(raw.pragma('user_version', { simple: true }), 5);
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

test('opening an existing database leaves its data alone', async () => {
  const file = join(dir, 'reopen.db');
  const store = openStore(file);
  await store.insertSession({ idHash: 'a'.repeat(64), userId: null, createdAt: 1, expiresAt: 2 });
  await store.close();
  const again = openStore(file);
  assert.equal((await again.findSession('a'.repeat(64)))?.expiresAt, 2);
  await again.close();
});

test('a database from a newer schema is refused rather than misread', () => {
  const file = join(dir, 'future.db');
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  assert.throws(() => openStore(file), /schema version 99 is newer/);
});

test('pending challenges go with their session, and expired ones with the next new one', async () => {
  const file = join(dir, 'challenges.db');
  const store = openStore(file);
  const raw = new Database(file, { readonly: true });
  try {
    const count = raw.prepare('SELECT count(*) FROM challenges WHERE session_id_hash = ?').pluck();
    const [a, b] = ['a', 'b'].map((letter) => letter.repeat(64));
    for (const idHash of [a, b]) {
      await store.insertSession({ idHash, userId: null, createdAt: 0, expiresAt: 1000 });
    }
    /** @param {string} challenge @param {number} createdAt */
    const signIn = (challenge, createdAt) => ({ challenge, createdAt, expiresAt: createdAt + 100 });
    await store.addChallenge(a, 'authentication', signIn('a1', 0), 5);
    await store.addChallenge(a, 'authentication', signIn('a2', 50), 5);
    await store.addChallenge(a, 'registration', { ...signIn('a3', 50), userHandle: 'h', userName: 'n' }, 5);
    await store.addChallenge(b, 'authentication', signIn('b1', 0), 5);
    assert.equal(count.get(a), 3);

    await store.addChallenge(a, 'authentication', signIn('a4', 100), 5);
    assert.equal(count.get(a), 3, 'a1 expired at 100');
    assert.equal(await store.takeChallenge(a, 'authentication', 'a1'), null);
    assert.equal(count.get(b), 1, 'only the session that asked is tidied');

    assert.equal(await store.takeChallenge(a, 'registration', 'a2'), null, 'kinds do not mix');
    assert.equal(await store.takeChallenge(b, 'authentication', 'a2'), null, 'sessions do not mix');
    assert.deepEqual(await store.takeChallenge(a, 'registration', 'a3'), {
      challenge: 'a3',
      createdAt: 50,
      expiresAt: 150,
      userHandle: 'h',
      userName: 'n',
    });
    assert.equal(await store.takeChallenge(a, 'registration', 'a3'), null, 'taken once');

    await store.deleteSession(a);
    assert.equal(count.get(a), 0);
    await store.purgeExpiredSessions(1000);
    assert.equal(count.get(b), 0);
  } finally {
    raw.close();
    await store.close();
  }
});

test('a version 3 database upgrades: its accounts are users, its passkeys have no model, the audit log starts empty', async () => {
  const file = join(dir, 'version-3.db');
  const old = new Database(file);
  // Migrations are never edited once shipped, so the first three are version 3 as it shipped.
  for (const migration of MIGRATIONS.slice(0, 3)) old.exec(/** @type {string} */ (migration));
  old.pragma('user_version = 3');
  const { lastInsertRowid: userId } = old
    .prepare('INSERT INTO users (handle, name, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run('aGFuZGxl', 'veteran', 'veteran', await hashPassword('correct horse', CHEAP_SCRYPT), 1);
  old
    .prepare(
      `INSERT INTO credentials (id, user_id, public_key, counter, device_type, backed_up, created_at)
       VALUES ('Y3JlZA', ?, x'00', 0, 'multiDevice', 1, 1)`,
    )
    .run(userId);
  old.close();

  const server = await startServer({ database: file });
  try {
    const upgraded = new Database(file, { readonly: true });
    try {
      assert.equal(upgraded.pragma('user_version', { simple: true }), 5);
      assert.equal(upgraded.prepare('SELECT count(*) FROM audit_log').pluck().get(), 0);
    } finally {
      upgraded.close();
    }
    const { store } = server.app;
    assert.equal((await store.findUserByName('veteran'))?.role, 'user');
    assert.equal((await store.findCredential('Y3JlZA'))?.aaguid, null);
    const signIn = await server.client().post('/password/sign-in', { identifier: 'veteran', password: 'correct horse' });
    assert.equal(signIn.status, 200);
  } finally {
    await server.close();
  }
});

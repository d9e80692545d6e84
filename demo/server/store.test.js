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
  assert.equal(raw.pragma('user_version', { simple: true }), 2);
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

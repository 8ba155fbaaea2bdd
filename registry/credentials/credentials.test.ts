import * as crypto from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every comparison of a derived key must go through timingSafeEqual: counted here.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { hashSecret, verifySecret } = await import('./secret-hash.ts');
const { createCredential, readCredentials } = await import('./credentials-file.ts');
const { Authenticator } = await import('./authenticator.ts');
const { canManageClients, canPublish, canRead } = await import('./permissions.ts');

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'passerelle-credentials-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('secret hashing', () => {
  it('hashes with scrypt and a per-entry salt: the same secret never hashes alike', async () => {
    const [a, b] = [await hashSecret('s3cret'), await hashSecret('s3cret')];
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
  });

  it('verifies the right secret only, comparing in constant time', async () => {
    const stored = await hashSecret('s3cret');
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls.length;
    expect(await verifySecret('s3cret', stored)).toBe(true);
    expect(await verifySecret('s3cret ', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
    expect(vi.mocked(crypto.timingSafeEqual).mock.calls.length).toBe(calls + 3);
  });

  it('treats a malformed hash as a mismatch, never a match', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$16384$8$1$c2FsdA$a2V5', 'scrypt$x$8$1$c2FsdA$a2V5']) {
      expect(await verifySecret('anything', bad)).toBe(false);
    }
  });
});

describe('credentials file and authentication', () => {
  it('creates credentials with hashed secrets only, and authenticates their tokens', async () => {
    const path = join(dir, 'creds.json');
    const owner = await createCredential(path, { role: 'owner', subgraph: 'catalog' });
    const reader = await createCredential(path, { role: 'reader', id: 'ci-reader' });
    const raw = await readFile(path, 'utf8');
    expect(raw).not.toContain(owner.token.split('.')[1]);
    expect((await readCredentials(path)).map((c) => [c.id, c.role, c.subgraph])).toEqual([
      [owner.credential.id, 'owner', 'catalog'], ['ci-reader', 'reader', undefined],
    ]);
    await expect(createCredential(path, { role: 'reader', id: 'ci-reader' })).rejects.toThrow(/already exists/);

    const auth = new Authenticator(path);
    expect((await auth.authenticate(`Bearer ${owner.token}`))?.subgraph).toBe('catalog');
    expect((await auth.authenticate(`Bearer ${reader.token}`))?.id).toBe('ci-reader');
    expect(await auth.authenticate(`Bearer ${owner.token}x`)).toBeNull();
    expect(await auth.authenticate(`Bearer ci-reader.${owner.token.split('.')[1]}`)).toBeNull();
    expect(await auth.authenticate(`Bearer nobody.${owner.token.split('.')[1]}`)).toBeNull();
    expect(await auth.authenticate(undefined)).toBeNull();
    expect(await auth.authenticate(owner.token)).toBeNull();
  });

  it('sees a credential added or revoked in the file without a restart', async () => {
    const path = join(dir, 'revoke.json');
    const admin = await createCredential(path, { role: 'admin', id: 'ops' });
    const auth = new Authenticator(path);
    expect((await auth.authenticate(`Bearer ${admin.token}`))?.role).toBe('admin');
    const added = await createCredential(path, { role: 'reader' });
    expect((await auth.authenticate(`Bearer ${added.token}`))?.role).toBe('reader');
    const { replaceFile } = await import('../store/durable-files.ts');
    await replaceFile(path, JSON.stringify({ credentials: (await readCredentials(path)).filter((c) => c.id !== 'ops') }));
    expect(await auth.authenticate(`Bearer ${admin.token}`)).toBeNull();
  });

  it('refuses a malformed credentials file at load, naming the problem', async () => {
    const { writeFile } = await import('node:fs/promises');
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ credentials: [{ id: 'x', role: 'owner', secretHash: 'scrypt$...', createdAt: 'now' }] }));
    await expect(new Authenticator(path).load()).rejects.toThrow(/owner names exactly one subgraph/);
  });
});

describe('permissions', () => {
  const base = { secretHash: 'scrypt$', createdAt: '' };
  const owner = { ...base, id: 'cat', role: 'owner' as const, subgraph: 'catalog' };
  const reader = { ...base, id: 'r', role: 'reader' as const };
  const admin = { ...base, id: 'a', role: 'admin' as const };

  it('binds an owner to its one subgraph; readers publish nothing; admins anything', () => {
    expect(canPublish(owner, 'catalog')).toBe(true);
    expect(canPublish(owner, 'billing')).toBe(false);
    expect(canPublish(reader, 'catalog')).toBe(false);
    expect(canPublish(admin, 'billing')).toBe(true);
    expect([owner, reader, admin].every(canRead)).toBe(true);
    expect([owner, reader, admin].map(canManageClients)).toEqual([false, false, true]);
  });
});

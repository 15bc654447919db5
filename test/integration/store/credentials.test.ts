/** Refresh-token rotation with reuse detection, and API keys, against the real Mongo-wire server. */
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_TOUCH_EVERY_MS, type Store } from '../../../store';
import { newApiKey, testStores } from './fixtures';

const stores = testStores('store-credentials');
let store: Store;

const HOUR = 3600_000;
/** A fresh token hash, as the API stores it: sha256 hex of a random token. */
const tokenHash = (): string => createHash('sha256').update(randomBytes(32)).digest('hex');
const family = (): string => randomBytes(8).toString('hex');
const inAnHour = (): Date => new Date(Date.now() + HOUR);

beforeAll(async () => {
  store = await stores.open();
});

afterAll(async () => {
  await stores.close();
});

describe('refresh tokens', () => {
  it('when a token is used, then it yields its user and family, and the rotated token works in turn', async () => {
    // Arrange
    const [t1, t2, f] = [tokenHash(), tokenHash(), family()];
    await store.refreshTokens.issue('ana@plant.example', t1, inAnHour(), f);

    // Act
    const first = await store.refreshTokens.use(t1);
    await store.refreshTokens.issue('ana@plant.example', t2, inAnHour(), f);
    const second = await store.refreshTokens.use(t2);

    // Assert
    expect(first).toEqual({ userId: 'ana@plant.example', family: f });
    expect(second).toEqual({ userId: 'ana@plant.example', family: f });
  });

  it('when a used token is presented again, then it is reused and its whole family is revoked', async () => {
    // Arrange: t1 rotated into t2, which the rightful owner holds now.
    const [t1, t2, f] = [tokenHash(), tokenHash(), family()];
    await store.refreshTokens.issue('ben@plant.example', t1, inAnHour(), f);
    await store.refreshTokens.use(t1);
    await store.refreshTokens.issue('ben@plant.example', t2, inAnHour(), f);

    // Act: a thief replays t1.
    const replay = await store.refreshTokens.use(t1);
    const owner = await store.refreshTokens.use(t2);
    const t3 = tokenHash();
    await store.refreshTokens.issue('ben@plant.example', t3, inAnHour(), f);

    // Assert
    expect(replay).toBe('reused');
    expect(owner).toBe('unknown');
    expect(await store.refreshTokens.use(t3)).toBe('unknown');
  });

  it('when one token is used by 10 concurrent calls, then one claims it, nine are reuses, and the family is revoked', async () => {
    // Arrange
    const [t, f] = [tokenHash(), family()];
    await store.refreshTokens.issue('cy@plant.example', t, inAnHour(), f);

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => store.refreshTokens.use(t)));
    const next = tokenHash();
    await store.refreshTokens.issue('cy@plant.example', next, inAnHour(), f);

    // Assert: the one that claimed it gets through only if it looked before a reuse revoked the family.
    expect(results.filter((r) => r === 'reused')).toHaveLength(9);
    const claimed = results.filter((r) => r !== 'reused');
    expect(claimed).toHaveLength(1);
    expect([{ userId: 'cy@plant.example', family: f }, 'unknown']).toContainEqual(claimed[0]);
    expect(await store.refreshTokens.use(next)).toBe('unknown');
  });

  it('when a token is unknown or expired, then it says so', async () => {
    // Arrange
    const old = tokenHash();
    await store.refreshTokens.issue('dee@plant.example', old, new Date(Date.now() - 1000), family());

    // Act / Assert
    expect(await store.refreshTokens.use(tokenHash())).toBe('unknown');
    expect(await store.refreshTokens.use(old)).toBe('expired');
  });

  it('when expired tokens are purged, then they are unknown and live ones still work', async () => {
    // Arrange
    const [old, live] = [tokenHash(), tokenHash()];
    await store.refreshTokens.issue('hal@plant.example', old, new Date(Date.now() - 1000), family());
    await store.refreshTokens.issue('hal@plant.example', live, inAnHour(), family());

    // Act
    const purged = await store.refreshTokens.purgeExpired();

    // Assert
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await store.refreshTokens.use(old)).toBe('unknown');
    expect(await store.refreshTokens.use(live)).toMatchObject({ userId: 'hal@plant.example' });
  });

  it('when a family is revoked (sign-out), then none of its tokens work', async () => {
    // Arrange
    const [t, f] = [tokenHash(), family()];
    await store.refreshTokens.issue('eve@plant.example', t, inAnHour(), f);

    // Act
    await store.refreshTokens.revokeFamily(f);
    await store.refreshTokens.revokeFamily(f);

    // Assert
    expect(await store.refreshTokens.use(t)).toBe('unknown');
  });

  it('when a user is revoked, then the tokens issued before stop working and later ones work', async () => {
    // Arrange
    const [before1, before2, after] = [tokenHash(), tokenHash(), tokenHash()];
    await store.refreshTokens.issue('fay@plant.example', before1, inAnHour(), family());
    await store.refreshTokens.issue('fay@plant.example', before2, inAnHour(), family());
    await store.refreshTokens.issue('gus@plant.example', tokenHash(), inAnHour(), family());

    // Act
    await store.refreshTokens.revokeUser('fay@plant.example');
    await store.refreshTokens.issue('fay@plant.example', after, inAnHour(), family());

    // Assert
    expect(await store.refreshTokens.use(before1)).toBe('unknown');
    expect(await store.refreshTokens.use(before2)).toBe('unknown');
    expect(await store.refreshTokens.use(after)).toMatchObject({ userId: 'fay@plant.example' });
  });
});

describe('API keys', () => {
  it('when a key is created, then get and list return it without revocation or use', async () => {
    // Arrange
    const input = newApiKey();

    // Act
    const created = await store.apiKeys.create(input);

    // Assert
    expect(created).toMatchObject({ ...input, revokedAt: null, revokedBy: null, lastUsedAt: null });
    expect(await store.apiKeys.get(input.id)).toEqual(created);
    expect((await store.apiKeys.list()).map((k) => k.id)).toContain(input.id);
    expect(await store.apiKeys.get('no-such-key')).toBeNull();
  });

  it('when a key id is created twice, then the second is refused with api-key-exists', async () => {
    // Arrange
    const input = newApiKey();
    await store.apiKeys.create(input);

    // Act / Assert
    await expect(store.apiKeys.create({ ...input, name: 'other' })).rejects.toMatchObject({ code: 'api-key-exists' });
  });

  it('when a key is revoked twice, then the first revocation stands', async () => {
    // Arrange
    const { id } = await store.apiKeys.create(newApiKey());

    // Act
    const first = await store.apiKeys.revoke(id, 'admin-1');
    const second = await store.apiKeys.revoke(id, 'admin-2');

    // Assert
    expect([first, second]).toEqual([true, false]);
    const key = await store.apiKeys.get(id);
    expect(key?.revokedAt).toBeInstanceOf(Date);
    expect(key?.revokedBy).toBe('admin-1');
  });

  it('when a key is touched on every request, then lastUsedAt is written at most once a minute', async () => {
    // Arrange
    const { id } = await store.apiKeys.create(newApiKey());
    const t0 = new Date(Date.now() - 5 * 60_000);

    // Act
    const wrote = [await store.apiKeys.touch(id, t0), await store.apiKeys.touch(id, new Date(t0.getTime() + 30_000))];
    const afterHalfAMinute = (await store.apiKeys.get(id))?.lastUsedAt;
    const later = new Date(t0.getTime() + API_KEY_TOUCH_EVERY_MS + 1000);
    wrote.push(await store.apiKeys.touch(id, later));

    // Assert
    expect(wrote).toEqual([true, false, true]);
    expect(afterHalfAMinute?.getTime()).toBe(t0.getTime());
    expect((await store.apiKeys.get(id))?.lastUsedAt?.getTime()).toBe(later.getTime());
  });

  it('when a key is touched while it is revoked, then the revocation is not lost', async () => {
    // Arrange
    const { id } = await store.apiKeys.create(newApiKey());

    // Act
    await Promise.all([store.apiKeys.touch(id), store.apiKeys.revoke(id, 'admin-1')]);

    // Assert
    const key = await store.apiKeys.get(id);
    expect(key?.revokedAt).toBeInstanceOf(Date);
    expect(key?.lastUsedAt).toBeInstanceOf(Date);
  });
});

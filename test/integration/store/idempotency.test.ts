/** IdempotencyRepository against the real Mongo-wire server. */
import { randomBytes } from 'node:crypto';
import { IDEMPOTENCY_ABANDONED_AFTER_MS, type Store } from '../../../store';
import { testStores } from './fixtures';

const stores = testStores('store-idempotency');
let store: Store;
let other: Store;

const TTL = 24 * 3600_000;
const scope = (): string => `admin@taktflow.local|POST|/api/v1/units|${randomBytes(6).toString('hex')}`;
const later = (ms: number): Date => new Date(Date.now() + ms);

beforeAll(async () => {
  store = await stores.open();
  other = await stores.open();
});

afterAll(async () => {
  await stores.close();
});

describe('idempotency', () => {
  it('when a request is begun, completed and retried, then the retry gets the first response', async () => {
    // Arrange
    const s = scope();

    // Act
    const first = await store.idempotency.begin(s, 'hash-a', TTL);
    const during = await store.idempotency.begin(s, 'hash-a', TTL);
    await store.idempotency.complete(s, 201, { 'Content-Type': 'application/json', Location: '/api/v1/units/SN1' }, '{"serial":"SN1"}');
    const retry = await other.idempotency.begin(s, 'hash-a', TTL);

    // Assert
    expect(first).toEqual({ state: 'new' });
    expect(during).toEqual({ state: 'in-progress' });
    expect(retry).toEqual({ state: 'done', status: 201, headers: { 'Content-Type': 'application/json', Location: '/api/v1/units/SN1' }, body: '{"serial":"SN1"}' });
  });

  it('when the same key comes with another body, then it is a mismatch, running or done', async () => {
    // Arrange
    const s = scope();
    await store.idempotency.begin(s, 'hash-a', TTL);

    // Act
    const whileRunning = await store.idempotency.begin(s, 'hash-b', TTL);
    await store.idempotency.complete(s, 200, {}, '');
    const whenDone = await store.idempotency.begin(s, 'hash-b', TTL);

    // Assert
    expect(whileRunning).toEqual({ state: 'mismatch' });
    expect(whenDone).toEqual({ state: 'mismatch' });
  });

  it('when 10 calls begin the same scope at once from two processes, then exactly one is new', async () => {
    // Arrange
    const s = scope();

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).idempotency.begin(s, 'hash-a', TTL)));

    // Assert
    expect(results.filter((r) => r.state === 'new')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'in-progress')).toHaveLength(9);
  });

  it('when a pending request is abandoned for longer than the limit, then exactly one caller takes it over', async () => {
    // Arrange
    const s = scope();
    await store.idempotency.begin(s, 'hash-a', TTL);
    const soon = later(IDEMPOTENCY_ABANDONED_AFTER_MS / 2);
    const past = later(IDEMPOTENCY_ABANDONED_AFTER_MS + 1000);

    // Act
    const tooEarly = await store.idempotency.begin(s, 'hash-a', TTL, soon);
    const takeovers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).idempotency.begin(s, 'hash-a', TTL, past)));

    // Assert
    expect(tooEarly).toEqual({ state: 'in-progress' });
    expect(takeovers.filter((r) => r.state === 'new')).toHaveLength(1);
    expect(takeovers.filter((r) => r.state === 'in-progress')).toHaveLength(9);
  });

  it('when a request failed and was abandoned, then a retry runs it again', async () => {
    // Arrange
    const s = scope();
    await store.idempotency.begin(s, 'hash-a', TTL);

    // Act
    await store.idempotency.abandon(s);
    const retry = await store.idempotency.begin(s, 'hash-a', TTL);

    // Assert
    expect(retry).toEqual({ state: 'new' });
  });

  it('when a record has expired, then it counts as absent, whatever the body', async () => {
    // Arrange
    const s = scope();
    await store.idempotency.begin(s, 'hash-a', 1000);
    await store.idempotency.complete(s, 201, {}, 'first');

    // Act
    const afterExpiry = await store.idempotency.begin(s, 'hash-b', TTL, later(2000));
    const replay = await store.idempotency.begin(s, 'hash-b', TTL, later(3000));

    // Assert
    expect(afterExpiry).toEqual({ state: 'new' });
    expect(replay).toEqual({ state: 'in-progress' });
  });

  it('when expired records are purged, then they are gone and fresh ones stay', async () => {
    // Arrange
    const [short, long] = [scope(), scope()];
    await store.idempotency.begin(short, 'hash-a', 1000);
    await store.idempotency.begin(long, 'hash-a', TTL);

    // Act
    const purged = await store.idempotency.purgeExpired(later(2000));

    // Assert
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await store.idempotency.begin(short, 'hash-b', TTL)).toEqual({ state: 'new' });
    expect(await store.idempotency.begin(long, 'hash-b', TTL)).toEqual({ state: 'mismatch' });
  });
});

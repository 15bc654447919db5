/** The hash-chained audit log against the real Mongo-wire server: concurrency, tampering, healing. */
import { canonicalJson } from '../../../definitions/validation/finding';
import { AUDIT_GENESIS_HASH, auditHash, type AuditLogEntry, type Store } from '../../../store';
import { auditInput, testStores, type TestStores } from './fixtures';

/** The raw collection, behind the model's back: what someone with database access could do. */
const raw = (s: Store) => s.connection.collection<{ _id: number; [field: string]: unknown }>('audit_log');

describe('audit log, chained across two processes', () => {
  let stores: TestStores;
  let a: Store;
  let b: Store;

  beforeAll(async () => {
    stores = testStores('store-audit');
    [a, b] = [await stores.open(), await stores.open()];
  });

  afterAll(async () => {
    await stores.close();
  });

  it('when 200 appends run at once from two stores, then seq is 1..200 without gaps and the chain verifies', async () => {
    // Act
    const appended = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).auditLog.append(auditInput({ after: { i } }))));

    // Assert
    expect(appended.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const all = [...(await a.auditLog.list({ limit: 100 })), ...(await a.auditLog.list({ afterSeq: 100, limit: 100 }))];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(all[0]?.prevHash).toBe(AUDIT_GENESIS_HASH);
    all.slice(1).forEach((e, i) => expect(e.prevHash).toBe(all[i]?.hash));
    expect(await b.auditLog.verify()).toEqual({ ok: true, checked: 200 });
    expect(await a.auditLog.headOf()).toEqual({ seq: 200, hash: all[199]?.hash });
  });

  it('when an entry is read back, then it is what append returned', async () => {
    // Arrange
    const input = auditInput({
      before: { $schema: 'x', 'a.b': [[1, 2], []], at: new Date('2026-01-01T00:00:00Z') },
      reason: 'rework approved',
      signature: { meaning: 'approved', signedBy: 'qa@plant.example', name: 'Quinn', at: new Date('2026-01-02T03:04:05.678Z') },
    });

    // Act
    const entry = await a.auditLog.append(input);
    const read = await b.auditLog.get(entry.seq);

    // Assert
    expect(read).toEqual(entry);
    expect(entry.before).toEqual({ $schema: 'x', 'a.b': [[1, 2], []], at: '2026-01-01T00:00:00.000Z' });
    expect(entry.signature?.at).toEqual(new Date('2026-01-02T03:04:05.678Z'));
    expect((await a.auditLog.list({ afterSeq: entry.seq - 1, limit: 1 }))[0]).toEqual(entry);
  });

  it('when the model is asked to change or delete an entry, then it refuses', async () => {
    // Arrange
    const Log = a.connection.models.AuditLog;
    if (!Log) throw new Error('the AuditLog model is not registered');

    // Act / Assert
    await expect(Log.updateOne({ _id: 1 }, { $set: { status: 500 } })).rejects.toThrow(/append-only/);
    await expect(Log.findOneAndUpdate({ _id: 1 }, { $set: { status: 500 } })).rejects.toThrow(/append-only/);
    await expect(Log.deleteOne({ _id: 1 })).rejects.toThrow(/append-only/);
    await expect(Log.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await a.auditLog.verify()).toMatchObject({ ok: true });
  });
});

describe('audit log, tampered with behind its back', () => {
  let stores: TestStores;
  let store: Store;
  let entries: AuditLogEntry[];

  beforeEach(async () => {
    stores = testStores('store-audit-tamper');
    store = await stores.open();
    entries = [];
    for (let i = 0; i < 6; i++) entries.push(await store.auditLog.append(auditInput()));
  });

  afterEach(async () => {
    await stores.close();
  });

  it("when one entry's after is altered in the collection, then verify names exactly that entry", async () => {
    // Act
    await raw(store).updateOne({ _id: 4 }, { $set: { after: canonicalJson({ version: 99 }) } });
    const result = await store.auditLog.verify();

    // Assert
    expect(result).toEqual({ ok: false, checked: 3, firstTampered: { seq: 4, reason: 'content does not match its hash' } });
  });

  it('when an entry is deleted from the collection, then verify reports it missing', async () => {
    // Act
    await raw(store).deleteOne({ _id: 3 });
    const middle = await store.auditLog.verify();
    await raw(store).deleteOne({ _id: 6 });
    await raw(store).insertOne({ ...(await raw(store).findOne({ _id: 5 })), _id: 3 });

    // Assert
    expect(middle).toEqual({ ok: false, checked: 2, firstTampered: { seq: 3, reason: 'entry missing' } });
    expect(await store.auditLog.verify()).toMatchObject({ ok: false, firstTampered: { seq: 3 } });
  });

  it('when the last entry is deleted, then verify reports it missing against the head', async () => {
    // Act
    await raw(store).deleteOne({ _id: 6 });

    // Assert
    expect(await store.auditLog.verify()).toEqual({ ok: false, checked: 5, firstTampered: { seq: 6, reason: 'entry missing' } });
  });

  it('when a writer crashed between its insert and the head update, then the next append heals the head', async () => {
    // Arrange: entry 7 is in the log, the head still says 6.
    const orphanBase = { ...auditInput(), seq: 7, at: new Date(), prevHash: entries[5]?.hash as string };
    const orphan: AuditLogEntry = { ...orphanBase, hash: auditHash(orphanBase) };
    const { seq, before, after, ...rest } = orphan;
    await raw(store).insertOne({ _id: seq, ...rest, before: canonicalJson(before), after: canonicalJson(after) });
    expect((await store.auditLog.headOf()).seq).toBe(6);

    // Act
    const next = await store.auditLog.append(auditInput());

    // Assert
    expect(next.seq).toBe(8);
    expect(next.prevHash).toBe(orphan.hash);
    expect(await store.auditLog.get(7)).toEqual(orphan);
    expect(await store.auditLog.headOf()).toEqual({ seq: 8, hash: next.hash });
    expect(await store.auditLog.verify()).toEqual({ ok: true, checked: 8 });
  });
});

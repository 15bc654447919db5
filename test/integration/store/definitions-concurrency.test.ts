/**
 * Publishing under contention on the real Mongo-wire server, from two connections at once:
 * version numbers are claimed by insert, the active version is derived, nothing is lost.
 */
import { openStore, type Store } from '../../../store';
import { mongoUri, uniqueName } from '../../support/env';

let a: Store;
let b: Store;

beforeAll(async () => {
  const uri = mongoUri(uniqueName('defs-race'));
  [a, b] = await Promise.all([openStore(uri), openStore(uri)]);
});

afterAll(async () => {
  await a.connection.dropDatabase().catch(() => undefined);
  await Promise.all([a.close(), b.close()]);
});

it('when twelve publishes of one key race from two connections, then versions 1..12 exist once each and the last is active', async () => {
  const draftA = await a.definitions.createDraft('routing', 'race', { name: 'a' }, 'alice');
  const draftB = await b.definitions.createDraft('routing', 'race', { name: 'b' }, 'bob');

  const published = await Promise.all(
    Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a.definitions.publish(draftA, 'alice', null) : b.definitions.publish(draftB, 'bob', null))),
  );

  expect(published.map((v) => v.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  const head = await a.definitions.head('routing', 'race');
  expect(head).toMatchObject({ latestVersion: 12, activeVersion: 12, retired: [] });
  expect((await b.definitions.versions('routing', 'race')).map((v) => v.version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
});

it('when the latest version is retired from one connection, then the other sees no active version, and a new publish makes it active', async () => {
  const draft = await a.definitions.createDraft('routing', 'retire-race', { name: 'x' }, 'alice');
  await a.definitions.publish(draft, 'alice', null);
  await b.definitions.publish(draft, 'bob', null);

  const results = await Promise.allSettled([a.definitions.retire('routing', 'retire-race', 2, 'alice', 'old'), b.definitions.retire('routing', 'retire-race', 2, 'bob', 'old')]);

  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  expect(await b.definitions.head('routing', 'retire-race')).toMatchObject({ latestVersion: 2, activeVersion: null, retired: [2] });
  await b.definitions.publish(draft, 'bob', null);
  expect(await a.definitions.head('routing', 'retire-race')).toMatchObject({ latestVersion: 3, activeVersion: 3, retired: [2] });
});

/** The live-stream log against the real Mongo-wire server: order across minutes, resuming, concurrency. */
import { bucketOf, STREAM_SETTLE_MS, type Store, type StreamEvent } from '../../../store';
import { minute, streamInput, testStores } from './fixtures';

const stores = testStores('store-stream');
let a: Store;
let b: Store;

beforeAll(async () => {
  [a, b] = [await stores.open(), await stores.open()];
});

afterAll(async () => {
  await stores.close();
});

const ids = (events: StreamEvent[]): string[] => events.map((e) => e.id);

describe('stream', () => {
  it('when events are appended across two minutes, then readAfter returns them in order and resumes from any id', async () => {
    // Arrange: three events in 08:10, two in 08:11.
    const appended: StreamEvent[] = [];
    for (const at of [minute(10, 5), minute(10, 20), minute(10, 59), minute(11, 1), minute(11, 30)]) appended.push(await a.stream.append(streamInput(), at));
    const now = minute(12, 30);

    // Act
    const fromFirst = await b.stream.readAfter(appended[0]?.id as string, 100, now);
    const page = await b.stream.readAfter(appended[1]?.id as string, 2, now);
    const rest = await b.stream.readAfter(page[1]?.id as string, 100, now);
    const fromLast = await b.stream.readAfter(appended[4]?.id as string, 100, now);

    // Assert
    expect(ids(appended)).toEqual(['202601150810-0', '202601150810-1', '202601150810-2', '202601150811-0', '202601150811-1']);
    expect(ids(fromFirst)).toEqual(ids(appended.slice(1)));
    expect(fromFirst[0]).toMatchObject({ type: appended[1]?.type, line: 'L1', site: 'plant-1', data: appended[1]?.data, at: minute(10, 20) });
    expect(ids(page)).toEqual(ids(appended.slice(2, 4)));
    expect(ids(rest)).toEqual(ids(appended.slice(4)));
    expect(fromLast).toEqual([]);
  });

  it('when there is no last id, then nothing old is read, only what comes after', async () => {
    // Arrange
    await a.stream.append(streamInput(), minute(20, 1));
    const now = minute(20, 30);

    // Act
    const fromNow = await b.stream.readAfter(null, 100, now);
    const position = await b.stream.position(now);
    const fresh = await a.stream.append(streamInput(), minute(20, 31));
    const after = await b.stream.readAfter(position, 100, minute(20, 40));

    // Assert
    expect(fromNow).toEqual([]);
    expect(position).toBe('202601150820-0');
    expect(ids(after)).toEqual([fresh.id]);
  });

  it('when the minute before is not settled yet, then the reader waits before moving past it', async () => {
    // Arrange
    const first = await a.stream.append(streamInput(), minute(30, 59));
    const next = await a.stream.append(streamInput(), minute(31, 0));

    // Act
    const early = await b.stream.readAfter(first.id, 100, new Date(minute(31, 0).getTime() + STREAM_SETTLE_MS - 1000));
    const settled = await b.stream.readAfter(first.id, 100, new Date(minute(31, 0).getTime() + STREAM_SETTLE_MS));

    // Assert
    expect(early).toEqual([]);
    expect(ids(settled)).toEqual([next.id]);
  });

  it('when two processes append to one minute at once, then every event gets its own id, without gaps', async () => {
    // Arrange
    const at = minute(40, 10);

    // Act
    const appended = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).stream.append(streamInput({ data: { i } }), at)));
    const read = await a.stream.readAfter(bucketOf(at), 500, minute(41, 30));

    // Assert
    const indexes = appended.map((e) => Number(e.id.split('-')[1])).sort((x, y) => x - y);
    expect(indexes).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(ids(read)).toEqual(Array.from({ length: 80 }, (_, i) => `${bucketOf(at)}-${i}`));
    expect(new Set(read.map((e) => (e.data as { i: number }).i)).size).toBe(80);
  });

  it('when 50 appends are issued at once from each of two processes, then a reader reads all 100 as ids 0..99 of one minute, each as its caller got it', async () => {
    // Arrange
    const at = minute(44, 10);
    const inputs = Array.from({ length: 100 }, (_, i) => streamInput({ data: { i } }));
    const reader = await stores.open();

    // Act
    const appended = await Promise.all(inputs.map((input, i) => (i < 50 ? a : b).stream.append(input, at)));
    const read = await reader.stream.readAfter(bucketOf(at), 500, minute(45, 30));

    // Assert
    expect(ids(read)).toEqual(Array.from({ length: 100 }, (_, i) => `${bucketOf(at)}-${i}`));
    expect(new Set(appended.map((e) => e.id)).size).toBe(100);
    const stored = new Map(read.map((e) => [e.id, e]));
    appended.forEach((e, i) => {
      expect(stored.get(e.id)).toEqual(e);
      expect(e.data).toEqual(inputs[i]?.data);
    });
  });

  it('when appends issued at once fall into different minutes, then each goes into its own minute, in the order issued', async () => {
    // Arrange
    const ats = [minute(46, 1), minute(46, 2), minute(47, 1), minute(47, 2), minute(46, 3)];

    // Act
    const appended = await Promise.all(ats.map((at, i) => a.stream.append(streamInput({ data: { i } }), at)));
    const read = await b.stream.readAfter('202601150845', 100, minute(48, 30));

    // Assert
    expect(ids(appended)).toEqual(['202601150846-0', '202601150846-1', '202601150847-0', '202601150847-1', '202601150846-2']);
    expect(read).toEqual([0, 1, 4, 2, 3].map((i) => appended[i]));
  });

  it('when old minutes are pruned, then their events are gone and later ones stay', async () => {
    // Arrange
    const old = [await a.stream.append(streamInput(), minute(50, 1)), await a.stream.append(streamInput(), minute(50, 2))];
    const kept = await a.stream.append(streamInput(), minute(52, 0));

    // Act
    const deleted = await a.stream.prune(minute(51), minute(49));

    // Assert
    expect(deleted).toBe(2);
    expect(ids(await b.stream.readAfter('202601150849', 100, minute(53, 30)))).toEqual([kept.id]);
    expect(old.every((e) => e.id.startsWith('202601150850-'))).toBe(true);
  });
});

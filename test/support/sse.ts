/** Reads a server-sent-event stream the way a browser's EventSource would, for the stream suites. */

export interface SseEvent<D = Record<string, unknown>> {
  id: string;
  event: string;
  data: D;
}

/**
 * Opens `url` and collects its events until `until` says stop (or `ms` pass). `onOpen` runs once
 * the stream has answered (and, with `skipPreamble`, sent its first chunk: its position is set).
 */
export async function listenSse<D = Record<string, unknown>>(
  url: string,
  headers: Record<string, string>,
  until: (events: Array<SseEvent<D>>) => boolean,
  o: { onOpen?: () => Promise<void>; skipPreamble?: boolean; ms?: number } = {},
): Promise<Array<SseEvent<D>>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), o.ms ?? 15_000);
  const events: Array<SseEvent<D>> = [];
  try {
    const res = await fetch(url, { headers, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    if (o.skipPreamble) await reader.read();
    await o.onOpen?.();
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string): string | undefined => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data) events.push({ id: field('id') as string, event: field('event') as string, data: JSON.parse(data) as D });
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

/**
 * A real ERP webhook receiver on loopback (node:http, port 0) for the work-order tests. It fails
 * the first `failFirst` attempts of every idempotency key with 503, then accepts; a key it has
 * accepted before is acknowledged again but not recorded twice (receiver-side de-duplication).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ErpDelivered {
  key: string;
  kind: string;
  body: Record<string, unknown>;
  /** Attempts the receiver saw for the key before (and including) the accepted one. */
  attempts: number;
}

export interface ErpReceiver {
  url: string;
  /** Accepted messages, once per key, in the order they were accepted. */
  accepted: ErpDelivered[];
  /** Every request by key: refused, accepted and de-duplicated ones. */
  attemptsByKey: Map<string, number>;
  /** Requests for a key that was already accepted (acknowledged, not recorded again). */
  duplicates: string[];
  /** Requests without an Idempotency-Key (refused with 400). */
  missingKey: number;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export async function startErpReceiver(options: { failFirst?: number } = {}): Promise<ErpReceiver> {
  const failFirst = options.failFirst ?? 0;
  const accepted: ErpDelivered[] = [];
  const attemptsByKey = new Map<string, number>();
  const duplicates: string[] = [];
  const receiver = { missingKey: 0 };
  const server: Server = createServer((req, res) => {
    void read(req).then((text) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key === '') {
        receiver.missingKey++;
        res.writeHead(400).end('Idempotency-Key required');
        return;
      }
      const attempts = (attemptsByKey.get(key) ?? 0) + 1;
      attemptsByKey.set(key, attempts);
      if (attempts <= failFirst) {
        res.writeHead(503, { 'Retry-After': '1' }).end('busy');
        return;
      }
      if (accepted.some((a) => a.key === key)) {
        duplicates.push(key);
      } else {
        const body = JSON.parse(text) as Record<string, unknown>;
        accepted.push({ key, kind: String(body.kind), body, attempts });
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/erp/production-performance`,
    accepted,
    attemptsByKey,
    duplicates,
    get missingKey() {
      return receiver.missingKey;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it returns a value that is not undefined (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

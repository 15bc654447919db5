/**
 * A messaging-webhook receiver on loopback (node:http, port 0) that behaves like the vendors:
 * `/dingtalk/*` checks DingTalk's `timestamp`/`sign` query (base64 HMAC-SHA256 with the secret
 * over "timestamp\nsecret"), `/feishu/*` checks Feishu's body `timestamp`/`sign` (base64
 * HMAC-SHA256 keyed with "timestamp\nsecret" over nothing); a bad or missing signature gets 401.
 * `/wecom/*` and `/slack/*` accept any JSON. Every request is recorded, accepted or not.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  kind: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  status: number;
}

export interface WebhookPeer {
  url: string;
  host: string;
  hooks: ReceivedHook[];
  stop(): Promise<void>;
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebhookPeer(secrets: { dingtalk: string; feishu: string }): Promise<WebhookPeer> {
  const hooks: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://peer');
      const kind = url.pathname.split('/')[1] ?? '';
      const text = await bodyOf(req);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { unparsable: text };
      }
      const query = Object.fromEntries(url.searchParams);
      let status = 200;
      let answer: unknown = { errcode: 0, errmsg: 'ok' };
      if (kind === 'dingtalk') {
        const ts = query.timestamp ?? '';
        const expected = createHmac('sha256', secrets.dingtalk).update(`${ts}\n${secrets.dingtalk}`).digest('base64');
        const fresh = Math.abs(Date.now() - Number(ts)) < 3600_000;
        if (!fresh || !same(query.sign ?? '', expected)) [status, answer] = [401, { errcode: 310000, errmsg: 'sign not match' }];
      } else if (kind === 'feishu') {
        const ts = String(body.timestamp ?? '');
        const expected = createHmac('sha256', `${ts}\n${secrets.feishu}`).update('').digest('base64');
        const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 3600;
        answer = { code: 0, msg: 'success' };
        if (!fresh || !same(String(body.sign ?? ''), expected)) [status, answer] = [401, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }];
      } else if (kind === 'slack') {
        answer = 'ok';
      } else if (kind !== 'wecom') {
        [status, answer] = [404, { errcode: 404, errmsg: 'no such hook' }];
      }
      hooks.push({ kind, path: url.pathname, query, body, status });
      res.writeHead(status, { 'Content-Type': typeof answer === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    hooks,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

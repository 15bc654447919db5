/**
 * Fake Aliyun SMS and Twilio REST providers on one loopback HTTP server (port 0), each checking
 * requests the way the real service does:
 *  - `/aliyun/?…`: GET `SendSms` with the RPC signature recomputed here from the query (sorted,
 *    RFC 3986-encoded parameters, HMAC-SHA1 with `<secret>&`); wrong → 400 SignatureDoesNotMatch.
 *  - `/twilio/2010-04-01/Accounts/<sid>/Messages.json`: POST form with To, From, Body and basic
 *    auth `<sid>:<token>`; wrong → 401. Answers 201 with a message sid.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ALIYUN = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'aliyun-test-secret' };
export const TWILIO = { accountSid: 'ACtest0000000000000000000000000000', authToken: 'twilio-test-token' };

export interface ProviderRequest {
  provider: 'aliyun' | 'twilio';
  status: number;
  params: Record<string, string>;
}

export interface SmsProviderPeer {
  url: string;
  requests: ProviderRequest[];
  stop(): Promise<void>;
}

const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function aliyunExpected(params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] ?? '')}`)
    .join('&');
  return createHmac('sha1', `${ALIYUN.accessKeySecret}&`).update(`GET&%2F&${rfc3986(canonical)}`).digest('base64');
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmsProviderPeer(): Promise<SmsProviderPeer> {
  const requests: ProviderRequest[] = [];
  let next = 1;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://peer');
      const reply = (provider: ProviderRequest['provider'], status: number, params: Record<string, string>, body: unknown): void => {
        requests.push({ provider, status, params });
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/aliyun/' && req.method === 'GET') {
        const raw = (req.url ?? '').split('?')[1] ?? '';
        const params = Object.fromEntries(raw.split('&').filter(Boolean).map((kv) => kv.split('=').map(decodeURIComponent) as [string, string]));
        const required = ['AccessKeyId', 'Action', 'PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam', 'SignatureNonce', 'Timestamp', 'Signature'];
        if (required.some((k) => !params[k]) || params.Action !== 'SendSms' || params.SignatureMethod !== 'HMAC-SHA1' || params.Version !== '2017-05-25') {
          return reply('aliyun', 400, params, { Code: 'MissingParameter', Message: 'a required parameter is missing' });
        }
        if (params.AccessKeyId !== ALIYUN.accessKeyId || params.Signature !== aliyunExpected(params)) {
          return reply('aliyun', 400, params, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' });
        }
        return reply('aliyun', 200, params, { Code: 'OK', Message: 'OK', BizId: `BIZ${next++}`, RequestId: 'R-1' });
      }
      const twilio = /^\/twilio\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
      if (twilio && req.method === 'POST') {
        const params = Object.fromEntries(new URLSearchParams(await bodyOf(req)));
        const expected = `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`;
        if (twilio[1] !== TWILIO.accountSid || req.headers.authorization !== expected) return reply('twilio', 401, params, { code: 20003, message: 'Authenticate' });
        if (!params.To || !params.From || !params.Body || !/form-urlencoded/.test(req.headers['content-type'] ?? '')) {
          return reply('twilio', 400, params, { code: 21604, message: "A 'To' phone number is required." });
        }
        return reply('twilio', 201, params, { sid: `SM${String(next++).padStart(32, '0')}`, status: 'queued', to: params.To });
      }
      reply('aliyun', 404, {}, { message: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * SMS through REST providers, each with a configurable base URL:
 *  - Aliyun SMS (`SendSms`, RPC style): GET with every parameter in the query and an HMAC-SHA1
 *    signature over the sorted, RFC 3986-encoded parameters (SignatureVersion 1.0). Aliyun only
 *    sends approved templates: the template gets `title` and `text` (zh) as parameters.
 *  - Twilio (`Messages.json`): one form-encoded POST per phone, HTTP basic auth (SID, token).
 * Retried: network errors, 5xx, 429 and Aliyun's throttling; other refusals are final.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { NotificationRequest } from '../../definitions/incidents/model';
import type { SmsConfig } from './config';
import type { Outcome } from './deliver';
import { smsText } from './messages';

/** RFC 3986 percent-encoding as Aliyun's signature wants it. */
export const percentEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The Aliyun RPC signature of `params` (without Signature) for `method`. */
export function aliyunSignature(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] as string)}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

const retryable = (status: number): boolean => status >= 500 || status === 429 || status === 408;

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; text: string } | Error> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, text: (await res.text().catch(() => '')).slice(0, 500) };
  } catch (e) {
    return e as Error;
  }
}

export async function sendAliyun(cfg: Extract<SmsConfig, { provider: 'aliyun' }>, phones: string[], req: NotificationRequest, timeoutMs: number): Promise<Outcome> {
  const params: Record<string, string> = {
    AccessKeyId: cfg.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phones.map((p) => p.replace(/[ -]/g, '')).join(','),
    RegionId: cfg.regionId,
    SignName: cfg.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: cfg.templateCode,
    TemplateParam: JSON.stringify({ title: req.subject.zh, text: smsText(req) }),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  const query = Object.entries({ Signature: aliyunSignature('GET', params, cfg.accessKeySecret), ...params })
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  const res = await request(`${cfg.baseUrl.replace(/\/+$/, '')}/?${query}`, { method: 'GET' }, timeoutMs);
  if (res instanceof Error) return { status: 'failed', reply: `Aliyun SMS unreachable: ${res.message}`, retry: true };
  let body: { Code?: string; Message?: string; BizId?: string } = {};
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    // not JSON: judged by the status alone
  }
  const reply = `Aliyun ${res.status} ${body.Code ?? ''} ${body.BizId ? `BizId=${body.BizId}` : (body.Message ?? res.text)}`.trim();
  if (res.status === 200 && body.Code === 'OK') return { status: 'sent', reply };
  return { status: 'failed', reply, retry: retryable(res.status) || /throttl|limit/i.test(body.Code ?? '') };
}

export async function sendTwilio(cfg: Extract<SmsConfig, { provider: 'twilio' }>, phones: string[], text: string, timeoutMs: number): Promise<Outcome> {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`;
  const sent: string[] = [];
  const failed: string[] = [];
  let retry = false;
  for (const phone of phones) {
    const to = phone.replace(/[ -]/g, '');
    const body = new URLSearchParams({ To: to.startsWith('+') ? to : `+${to}`, From: cfg.from, Body: text });
    const res = await request(url, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body }, timeoutMs);
    if (res instanceof Error) {
      failed.push(`${phone}: unreachable (${res.message})`);
      retry = true;
    } else if (res.status === 201 || res.status === 200) {
      const sid = /"sid"\s*:\s*"([^"]+)"/.exec(res.text)?.[1] ?? '?';
      sent.push(`${phone}→${sid}`);
    } else {
      failed.push(`${phone}: ${res.status} ${res.text.slice(0, 200)}`);
      retry ||= retryable(res.status);
    }
  }
  const reply = `Twilio ${[...sent, ...failed].join('; ')}`;
  return sent.length > 0 ? { status: 'sent', reply } : { status: 'failed', reply, retry };
}

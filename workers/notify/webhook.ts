/**
 * Messaging webhooks: WeCom, DingTalk, Feishu and Slack, each in its vendor's payload format. The
 * target (a master-data webhook id) is looked up in the deployment's TAKTFLOW_WEBHOOKS.
 *
 * SSRF guard: a URL is requested only when its host is on TAKTFLOW_WEBHOOK_ALLOWED_HOSTS (exact
 * name, or `*.suffix` for any subdomain of suffix); plain http only to a loopback host (127.0.0.1,
 * ::1, localhost), everything else must be https; redirects are not followed. A refused URL is
 * never requested and its delivery fails with "host not allowed".
 */
import { createHmac } from 'node:crypto';
import type { NotifyConfig, WebhookTarget } from './config';
import type { ChannelSender, Outcome } from './deliver';
import { markdown, plainText } from './messages';
import type { NotificationRequest } from '../../definitions/incidents/model';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowed.some((a) => {
    const rule = a.toLowerCase().replace(/^\[|\]$/g, '');
    return rule.startsWith('*.') ? h.endsWith(rule.slice(1)) && h.length > rule.length - 1 : h === rule;
  });
}

/** Why a URL may not be requested, or null when it may. */
export function refusal(url: string, allowed: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'webhook URL is not a URL';
  }
  if (!hostAllowed(u.hostname, allowed)) return `host not allowed: ${u.hostname} is not on TAKTFLOW_WEBHOOK_ALLOWED_HOSTS`;
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname.toLowerCase())) return null;
  return `host not allowed: ${u.protocol} to ${u.hostname} (only https, or http to loopback)`;
}

export const dingTalkSign = (timestamp: string, secret: string): string => createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
export const feishuSign = (timestamp: string, secret: string): string => createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');

/** The URL and JSON body a vendor expects for this request. */
export function vendorRequest(target: WebhookTarget, req: NotificationRequest, now: Date = new Date()): { url: string; body: unknown } {
  switch (target.kind) {
    case 'wecom':
      return { url: target.url, body: { msgtype: 'markdown', markdown: { content: markdown(req) } } };
    case 'dingtalk': {
      const url = new URL(target.url);
      if (target.secret) {
        const timestamp = String(now.getTime());
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('sign', dingTalkSign(timestamp, target.secret));
      }
      return { url: url.toString(), body: { msgtype: 'markdown', markdown: { title: `${req.subject.zh} | ${req.subject.en}`, text: markdown(req) } } };
    }
    case 'feishu': {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signed = target.secret ? { timestamp, sign: feishuSign(timestamp, target.secret) } : {};
      return { url: target.url, body: { ...signed, msg_type: 'text', content: { text: plainText(req) } } };
    }
    case 'slack':
      return {
        url: target.url,
        body: {
          text: `${req.subject.zh} | ${req.subject.en}`,
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: `${req.subject.zh} | ${req.subject.en}`.slice(0, 150) } },
            { type: 'section', text: { type: 'mrkdwn', text: `${req.text.zh}\n\n${req.text.en}`.slice(0, 3000) } },
            { type: 'context', elements: [{ type: 'mrkdwn', text: `incident ${req.incident} · level ${req.level} · line ${req.line ?? '—'} · ${req.severity}` }] },
          ],
        },
      };
  }
}

/** Whether the vendor's answer says it accepted the message (they answer 200 with an error code inside). */
function accepted(kind: WebhookTarget['kind'], text: string): boolean {
  if (kind === 'slack') return true;
  try {
    const body = JSON.parse(text) as { errcode?: number; code?: number; StatusCode?: number };
    return (body.errcode ?? body.code ?? body.StatusCode ?? 0) === 0;
  } catch {
    return false;
  }
}

export function webhookSender(config: NotifyConfig): ChannelSender {
  return async (req): Promise<Outcome> => {
    const target = req.target ? config.webhooks[req.target] : undefined;
    if (!target) return { status: 'failed', reply: `webhook target ${req.target ?? '(none)'} is not configured (TAKTFLOW_WEBHOOKS)`, retry: false };
    const refused = refusal(target.url, config.allowedHosts);
    if (refused) return { status: 'failed', reply: refused, retry: false };
    const { url, body } = vendorRequest(target, req);
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (e) {
      return { status: 'failed', reply: `${target.kind} webhook unreachable: ${(e as Error).message}`, retry: true };
    }
    const text = (await res.text().catch(() => '')).slice(0, 500);
    const reply = `${target.kind} ${res.status} ${text}`.trim();
    if (res.status >= 200 && res.status < 300 && accepted(target.kind, text)) return { status: 'sent', reply };
    return { status: 'failed', reply, retry: res.status >= 500 || res.status === 429 || res.status === 408 };
  };
}

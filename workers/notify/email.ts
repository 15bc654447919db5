/**
 * Email: one mail per request to every recipient with an address, subject and text in zh then en,
 * through nodemailer to SMTP_URL; without SMTP_URL into the local outbox (the UI shows it).
 * Retried: connection failures and 4xx replies; a 5xx reply is final.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../../store';
import type { NotifyConfig } from './config';
import type { ChannelSender, Outcome } from './deliver';
import { mailSubject, mailText } from './messages';

export const OUTBOX_NOTICE = 'no SMTP_URL: mail is written to the local outbox (GET /api/v1/outbox), not sent';

function transportOf(config: NotifyConfig): Transporter | null {
  if (!config.smtpUrl) return null;
  const u = new URL(config.smtpUrl);
  const secure = u.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    ignoreTLS: u.searchParams.get('ignoreTLS') === 'true',
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
}

export function emailSender(store: Store, config: NotifyConfig): ChannelSender {
  const transport = transportOf(config);
  return async (req): Promise<Outcome> => {
    const to = [...new Set(req.recipients.map((r) => r.email).filter((e): e is string => !!e))];
    if (to.length === 0) return { status: 'skipped', reply: 'no recipient with an email address' };
    const subject = mailSubject(req);
    const text = mailText(req);
    if (!transport) {
      const added = await store.outbox.put({ id: req.id, incident: req.incident, from: config.mailFrom, to, subject, text });
      return { status: 'sent', reply: added ? 'written to the outbox (no SMTP_URL)' : 'already in the outbox' };
    }
    try {
      const info = (await transport.sendMail({ from: config.mailFrom, to, subject, text, headers: { 'X-Taktflow-Notification': req.id } })) as {
        response?: string;
        accepted?: unknown[];
        rejected?: unknown[];
      };
      const rejected = (info.rejected ?? []).map(String);
      return { status: 'sent', reply: `${info.response ?? 'accepted'}${rejected.length ? `; rejected: ${rejected.join(', ')}` : ''}` };
    } catch (e) {
      const err = e as Error & { responseCode?: number; response?: string; code?: string };
      const code = err.responseCode;
      return { status: 'failed', reply: `${err.code ?? 'SMTP'}: ${err.response ?? err.message}`, retry: code === undefined || code < 500 };
    }
  };
}

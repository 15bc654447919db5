/**
 * Notification channels' configuration, from the environment only (see docs/notifications.md).
 * Secrets (SMTP password, SMPP password, provider keys, webhook secrets) live here, never in
 * definitions or master data.
 */
import type { ChannelKind } from '../../definitions/policies/schema';
import { CHANNELS } from '../../definitions/policies/schema';
import { DEFAULT_TIME_ZONE } from '../../definitions/incidents/recipients';

export type WebhookKind = 'wecom' | 'dingtalk' | 'feishu' | 'slack';
export const WEBHOOK_KINDS: readonly WebhookKind[] = ['wecom', 'dingtalk', 'feishu', 'slack'];

export interface WebhookTarget {
  kind: WebhookKind;
  url: string;
  /** DingTalk and Feishu signing secret. */
  secret?: string;
}

export type SmsConfig =
  | { provider: 'smpp'; url: string; sourceAddr?: string }
  | { provider: 'aliyun'; baseUrl: string; accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; regionId: string }
  | { provider: 'twilio'; baseUrl: string; accountSid: string; authToken: string; from: string };

export interface NotifyConfig {
  /** SMTP server (smtp://user:pass@host:port); none: mail goes to the local outbox. */
  smtpUrl?: string;
  mailFrom: string;
  sms: SmsConfig | null;
  /** Webhook targets by master-data webhook id. */
  webhooks: Record<string, WebhookTarget>;
  /** Hosts webhooks may reach: exact names or `*.suffix`. */
  allowedHosts: string[];
  /** The channel used when one keeps failing (null: none). */
  fallback: Record<ChannelKind, ChannelKind | null>;
  /** Attempts per channel (default 3) and the first backoff (doubling after each attempt). */
  attempts: number;
  backoffMs: number;
  /** Per attempt: connection and answer time limit. */
  timeoutMs: number;
  /** After how long another runner's claim on a request counts as abandoned. */
  claimStaleMs: number;
  /** Time zone shifts are read in. */
  timeZone: string;
}

export const DEFAULT_FALLBACK: Record<ChannelKind, ChannelKind | null> = { email: 'sms', sms: 'email', webhook: 'email', andon: null };

export function defaultNotifyConfig(overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return {
    mailFrom: 'taktflow@localhost',
    sms: null,
    webhooks: {},
    allowedHosts: [],
    fallback: DEFAULT_FALLBACK,
    attempts: 3,
    backoffMs: 2_000,
    timeoutMs: 10_000,
    claimStaleMs: 5 * 60_000,
    timeZone: DEFAULT_TIME_ZONE,
    ...overrides,
  };
}

function json(env: NodeJS.ProcessEnv, name: string): unknown {
  const text = env[name];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
}

function webhooksOf(value: unknown): Record<string, WebhookTarget> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) throw new Error('TAKTFLOW_WEBHOOKS must be a JSON object of webhook id → {kind, url, secret?}');
  const out: Record<string, WebhookTarget> = {};
  for (const [id, t] of Object.entries(value as Record<string, Partial<WebhookTarget>>)) {
    if (!t || !WEBHOOK_KINDS.includes(t.kind as WebhookKind) || typeof t.url !== 'string') {
      throw new Error(`TAKTFLOW_WEBHOOKS.${id} needs kind (${WEBHOOK_KINDS.join(', ')}) and url`);
    }
    out[id] = { kind: t.kind as WebhookKind, url: t.url, ...(typeof t.secret === 'string' ? { secret: t.secret } : {}) };
  }
  return out;
}

function fallbackOf(value: unknown): Record<ChannelKind, ChannelKind | null> {
  if (value === undefined) return DEFAULT_FALLBACK;
  const out = { ...DEFAULT_FALLBACK };
  for (const [from, to] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const known = (c: unknown): c is ChannelKind => (CHANNELS as readonly unknown[]).includes(c);
    if (!known(from) || (to !== null && !known(to)) || to === from) throw new Error(`TAKTFLOW_NOTIFY_FALLBACK: ${from} → ${String(to)} is not a fallback`);
    out[from] = to;
  }
  return out;
}

function smsOf(env: NodeJS.ProcessEnv): SmsConfig | null {
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new Error(`TAKTFLOW_SMS_PROVIDER=${env.TAKTFLOW_SMS_PROVIDER} needs ${name}`);
    return v;
  };
  switch (env.TAKTFLOW_SMS_PROVIDER || undefined) {
    case undefined:
      return null;
    case 'smpp':
      return { provider: 'smpp', url: need('SMPP_URL'), sourceAddr: env.SMPP_SOURCE_ADDR || undefined };
    case 'aliyun':
      return {
        provider: 'aliyun',
        baseUrl: env.ALIYUN_SMS_BASE_URL || 'https://dysmsapi.aliyuncs.com',
        accessKeyId: need('ALIYUN_ACCESS_KEY_ID'),
        accessKeySecret: need('ALIYUN_ACCESS_KEY_SECRET'),
        signName: need('ALIYUN_SMS_SIGN_NAME'),
        templateCode: need('ALIYUN_SMS_TEMPLATE_CODE'),
        regionId: env.ALIYUN_REGION_ID || 'cn-hangzhou',
      };
    case 'twilio':
      return {
        provider: 'twilio',
        baseUrl: env.TWILIO_BASE_URL || 'https://api.twilio.com',
        accountSid: need('TWILIO_ACCOUNT_SID'),
        authToken: need('TWILIO_AUTH_TOKEN'),
        from: need('TWILIO_FROM'),
      };
    default:
      throw new Error(`TAKTFLOW_SMS_PROVIDER must be smpp, aliyun or twilio (got ${env.TAKTFLOW_SMS_PROVIDER})`);
  }
}

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const n = Number(env[name]);
  return env[name] && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The channels' configuration from the environment; throws (one sentence) on a malformed value. */
export function notifyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const d = defaultNotifyConfig();
  return defaultNotifyConfig({
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.TAKTFLOW_MAIL_FROM || d.mailFrom,
    sms: smsOf(env),
    webhooks: webhooksOf(json(env, 'TAKTFLOW_WEBHOOKS')),
    allowedHosts: (env.TAKTFLOW_WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    fallback: fallbackOf(json(env, 'TAKTFLOW_NOTIFY_FALLBACK')),
    attempts: Math.max(1, Math.floor(positive(env, 'TAKTFLOW_NOTIFY_ATTEMPTS', d.attempts))),
    backoffMs: positive(env, 'TAKTFLOW_NOTIFY_BACKOFF_MS', d.backoffMs),
    timeZone: env.TAKTFLOW_TIMEZONE || d.timeZone,
  });
}

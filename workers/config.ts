/** Worker configuration, from the environment only. */
import { notifyConfigFromEnv, type NotifyConfig } from './notify/config';

export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  mongodbUri: string;
  taskQueue?: string;
  /** TAKTFLOW_ERP_WEBHOOK_URL: where work orders send progress and completion; none: not sent. */
  erpWebhookUrl?: string;
  /** Notification channels: SMTP_URL, TAKTFLOW_SMS_PROVIDER, TAKTFLOW_WEBHOOKS, … (workers/notify/config.ts). */
  notify?: NotifyConfig;
  /** TAKTFLOW_TIMEZONE: the zone shift windows of rule facts are in (default Asia/Shanghai). */
  timeZone?: string;
  /** TAKTFLOW_RULES_COALESCE_MS: at most one evaluation per rule and dedup context in this window (default 500). */
  rulesCoalesceMs?: number;
  /** How long the active alert rules are kept before they are read again (a newly published rule applies after at most this). */
  rulesReloadMs?: number;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongodbUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/taktflow',
    taskQueue: env.TAKTFLOW_TASK_QUEUE || undefined,
    erpWebhookUrl: env.TAKTFLOW_ERP_WEBHOOK_URL || undefined,
    notify: notifyConfigFromEnv(env),
    timeZone: env.TAKTFLOW_TIMEZONE || undefined,
    rulesCoalesceMs: /^[0-9]{1,6}$/.test(env.TAKTFLOW_RULES_COALESCE_MS ?? '') ? Number(env.TAKTFLOW_RULES_COALESCE_MS) : undefined,
    rulesReloadMs: /^[0-9]{1,7}$/.test(env.TAKTFLOW_RULES_RELOAD_MS ?? '') ? Number(env.TAKTFLOW_RULES_RELOAD_MS) : undefined,
  };
}

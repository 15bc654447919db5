/** Worker configuration, from the environment only. */
export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  mongodbUri: string;
  taskQueue?: string;
  /** TAKTFLOW_ERP_WEBHOOK_URL: where work orders send progress and completion; none: not sent. */
  erpWebhookUrl?: string;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongodbUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/taktflow',
    taskQueue: env.TAKTFLOW_TASK_QUEUE || undefined,
    erpWebhookUrl: env.TAKTFLOW_ERP_WEBHOOK_URL || undefined,
  };
}

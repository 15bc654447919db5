/** API configuration, from the environment only. */
export interface ApiConfig {
  port: number;
  temporalAddress: string;
  temporalNamespace: string;
  mongodbUri: string;
  designerDir?: string;
  siteKey: string;
}

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const port = Number(env.TAKTFLOW_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`TAKTFLOW_PORT must be a port number, not "${env.TAKTFLOW_PORT}"`);
  return {
    port,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongodbUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/taktflow',
    designerDir: env.TAKTFLOW_DESIGNER_DIR || undefined,
    siteKey: env.TAKTFLOW_SITE || 'plant-1',
  };
}

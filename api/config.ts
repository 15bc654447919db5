/** API configuration, from the environment only. */
export interface ApiConfig {
  port: number;
  temporalAddress: string;
  temporalNamespace: string;
  mongodbUri: string;
  designerDir?: string;
  siteKey: string;
  jwtSecret: string;
  corsOrigins: string[];
  admin?: { email: string; password: string };
  validateResponses: boolean;
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
    jwtSecret: required(env, 'TAKTFLOW_JWT_SECRET', 'the secret that signs access tokens (32+ characters); npm start generates one under the data directory'),
    validateResponses: env.TAKTFLOW_VALIDATE_RESPONSES === '1',
    corsOrigins: (env.TAKTFLOW_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    admin: env.TAKTFLOW_ADMIN_EMAIL && env.TAKTFLOW_ADMIN_PASSWORD ? { email: env.TAKTFLOW_ADMIN_EMAIL, password: env.TAKTFLOW_ADMIN_PASSWORD } : undefined,
  };
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is not set: ${what}`);
  return v;
}

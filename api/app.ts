/**
 * The Express application. The OpenAPI document drives the router (api/contract); handlers
 * call use-cases; one problem+json error handler; helmet headers, CORS from config, body limits.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { absolutePath as swaggerUiPath } from 'swagger-ui-dist';
import type { Client } from '@temporalio/client';
import type { Store } from '../store';
import { authenticate } from './auth/authenticate';
import { TokenService } from './auth/tokens';
import { allows } from './contract/permissions';
import { buildRouter } from './contract/router';
import { definitionHandlers } from './handlers/definitions';
import { incidentHandlers } from './handlers/incidents';
import { authHandlers } from './handlers/auth';
import { operationHandlers } from './handlers/operations';
import { lotHandlers } from './handlers/lots';
import { andonHandlers } from './handlers/andon';
import { notificationHandlers } from './handlers/notifications';
import { unitHandlers } from './handlers/units';
import { workOrderHandlers } from './handlers/work-orders';
import { ruleHandlers } from './handlers/rules';
import { AppError, problemHandler } from './http/errors';
import { Metrics } from './http/metrics';
import { andonUseCases } from './use-cases/andon';
import { apiKeyUseCases } from './use-cases/api-keys';
import { notificationUseCases } from './use-cases/notifications';
import { authUseCases } from './use-cases/auth';
import { definitionUseCases } from './use-cases/definitions';
import { exceptionUseCases } from './use-cases/exceptions';
import { incidentUseCases } from './use-cases/incidents';
import { lotUseCases } from './use-cases/lots';
import { migrationUseCases } from './use-cases/migrations';
import { unitUseCases } from './use-cases/units';
import { workOrderUseCases } from './use-cases/work-orders';
import { ruleUseCases } from './use-cases/rules';

export interface AppDeps {
  store: Store;
  temporal: Client;
  /** Secret that signs access tokens (at least 32 characters). */
  jwtSecret: string;
  /** Task queue the workflows run on (tests isolate themselves with their own). */
  taskQueue?: string;
  /** Key of the site's master-data definition (reference checks use its active version). */
  siteKey?: string;
  /** Origins allowed by CORS; none when empty. */
  corsOrigins?: string[];
  /** Check every answer against the contract (tests, schemathesis runs). */
  validateResponses?: boolean;
  /** Folder of the built designer; served at "/". */
  designerDir?: string;
  /** How often the live stream looks for new events. */
  streamPollMs?: number;
  log?: (line: string) => void;
}

export const API_PREFIX = '/api/v1';
export const DEFAULT_SITE_KEY = 'plant-1';
/** Largest request body: a definition bundle with many versions fits; anything bigger is refused (413). */
export const BODY_LIMIT = '5mb';

/** The built designer when there is one, else its static placeholder page. */
function defaultDesignerDir(): string {
  const built = path.resolve(__dirname, '..', 'designer', 'dist');
  return existsSync(built) ? built : path.resolve(__dirname, '..', 'designer', 'public');
}

export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? console.error;
  const siteKey = deps.siteKey ?? DEFAULT_SITE_KEY;
  const tokens = new TokenService(deps.jwtSecret);
  const definitions = definitionUseCases({ store: deps.store, siteKey });
  const units = unitUseCases({ store: deps.store, temporal: deps.temporal, definitions, siteKey, taskQueue: deps.taskQueue });
  const workOrders = workOrderUseCases({ store: deps.store, temporal: deps.temporal, definitions, siteKey, taskQueue: deps.taskQueue });
  const lots = lotUseCases({ store: deps.store, temporal: deps.temporal, definitions, siteKey, taskQueue: deps.taskQueue, units });
  const migrations = migrationUseCases({ temporal: deps.temporal, definitions, units });
  const auth = authUseCases({ store: deps.store, tokens, siteKey });
  const keys = apiKeyUseCases({ store: deps.store, siteKey });
  const metrics = new Metrics();

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(cors({ origin: deps.corsOrigins && deps.corsOrigins.length > 0 ? deps.corsOrigins : false, exposedHeaders: ['Location', 'ETag', 'Idempotent-Replayed', 'Retry-After'] }));
  app.use(metrics.middleware());
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));

  const api = buildRouter({
    store: deps.store,
    tokens,
    log,
    validateResponses: deps.validateResponses ?? false,
    handlers: {
      ...operationHandlers({ store: deps.store, temporal: deps.temporal, siteKey, pollMs: deps.streamPollMs }),
      ...authHandlers(auth, keys, deps.store),
      ...definitionHandlers(definitions, auth),
      ...unitHandlers(units),
      ...workOrderHandlers(workOrders),
      ...lotHandlers(lots, units, migrations),
      ...ruleHandlers(ruleUseCases({ store: deps.store, siteKey })),
      ...incidentHandlers(
        incidentUseCases({ store: deps.store, temporal: deps.temporal, siteKey }),
        exceptionUseCases({ temporal: deps.temporal, definitions, siteKey, taskQueue: deps.taskQueue, log }),
      ),
      ...notificationHandlers(notificationUseCases({ store: deps.store })),
      ...andonHandlers(andonUseCases({ store: deps.store, siteKey }), { pollMs: deps.streamPollMs }),
    },
  });
  api.use((req) => {
    throw new AppError(404, 'not-found', 'Not found', `no ${req.method} ${req.originalUrl} in this API`);
  });
  app.use(API_PREFIX, api);

  app.get('/metrics', async (req, res) => {
    const who = await authenticate({ authorization: req.get('Authorization'), apiKey: req.get('X-Api-Key') }, { store: deps.store, tokens });
    if (!allows(who.roles, 'metrics:read')) throw new AppError(403, 'forbidden', 'Forbidden', 'reading metrics needs metrics:read');
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });
  const docsAssets = swaggerUiPath();
  app.use('/docs/assets', express.static(docsAssets, { index: false }));
  app.get('/docs/init.js', (_req, res) => res.sendFile(path.join(__dirname, 'docs', 'init.js')));
  app.get(['/docs', '/docs/'], (_req, res) => res.sendFile(path.join(__dirname, 'docs', 'index.html')));

  const designerDir = deps.designerDir ?? defaultDesignerDir();
  if (existsSync(designerDir)) app.use(express.static(designerDir, { index: 'index.html' }));
  app.use(problemHandler(log));
  return app;
}

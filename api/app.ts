/** The Express application: thin routers over use-cases, one problem+json error handler. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Store } from '../store';
import { AppError, problemHandler } from './http/errors';
import { definitionRoutes } from './routes/definitions';
import { healthRoutes } from './routes/health';
import { unitRoutes } from './routes/units';
import { definitionUseCases } from './use-cases/definitions';
import { unitUseCases } from './use-cases/units';

export interface AppDeps {
  store: Store;
  temporal: Client;
  /** Task queue the workflows run on (tests isolate themselves with their own). */
  taskQueue?: string;
  /** Key of the site's master-data definition (reference checks use its active version). */
  siteKey?: string;
  /** Folder of the built designer; served at "/". */
  designerDir?: string;
  log?: (line: string) => void;
}

export const API_PREFIX = '/api/v1';
export const DEFAULT_SITE_KEY = 'plant-1';
/** The built designer when there is one, else its static placeholder page. */
function defaultDesignerDir(): string {
  const built = path.resolve(__dirname, '..', 'designer', 'dist');
  return existsSync(built) ? built : path.resolve(__dirname, '..', 'designer', 'public');
}

export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? console.error;
  const definitions = definitionUseCases({ store: deps.store, siteKey: deps.siteKey ?? DEFAULT_SITE_KEY });
  const units = unitUseCases({ store: deps.store, temporal: deps.temporal, definitions, taskQueue: deps.taskQueue });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));

  const api = express.Router();
  api.use(healthRoutes(deps));
  api.use(definitionRoutes(definitions));
  api.use(unitRoutes(units));
  api.use((req) => {
    throw new AppError(404, 'not-found', 'Not found', `no ${req.method} ${req.originalUrl} in this API`);
  });
  app.use(API_PREFIX, api);

  const designerDir = deps.designerDir ?? defaultDesignerDir();
  if (existsSync(designerDir)) {
    app.use(express.static(designerDir, { index: 'index.html' }));
  }
  app.use(problemHandler(log));
  return app;
}

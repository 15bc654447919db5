import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Store } from '../../store';

const TIMEOUT_MS = 2_000;

async function temporalOk(temporal: Client): Promise<boolean> {
  try {
    await temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () => temporal.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}

async function mongoOk(store: Store): Promise<boolean> {
  try {
    await store.ping(TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(deps: { temporal: Client; store: Store }): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const [t, m] = await Promise.all([temporalOk(deps.temporal), mongoOk(deps.store)]);
    const ok = t && m;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal: { ok: t }, mongo: { ok: m } });
  });
  return r;
}

/**
 * What the unit benchmarks share: a plain linear routing (no components, measurements or timers,
 * so every action is a bare start or complete), the site's master data (so the API's station
 * check runs as in production), publishing both through the API, and units that know their next
 * action.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Routing } from '../definitions/routing/schema';
import { workflowIds } from '../engine/ids';
import { unitSearchAttributes } from '../engine/workflows/search-attributes';
import { unitWorkflow } from '../engine/workflows/unit';
import type { BenchApi } from './support';

/** The station every bench action is done at (its group, smt-reflow, is every step's). */
export const STATION = 'RF-01';
export const LINE = 'SMT1';
export const OPERATOR = 'u-op-1001';
export const SITE = 'plant-1';
export const MODEL = 'MB-A100';

/** `steps` operation steps in a row, each passed on to the next: 2 × steps transitions per unit. */
export function linearRouting(steps: number): Routing {
  const ids = Array.from({ length: steps }, (_, i) => `s${i}`);
  return {
    name: `Bench routing with ${steps} plain steps`,
    mode: 'unit',
    productModels: [MODEL],
    entry: 's0',
    steps: ids.map((id) => ({ id, name: `Step ${id}`, kind: 'operation', stationGroup: 'smt-reflow' })),
    transitions: ids.slice(1).map((to, i) => ({ from: ids[i] as string, to, on: 'pass' })),
  } as unknown as Routing;
}

export async function post(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** Publishes the example site master data and the bench routing under `key`, through the API. */
export async function publishDefinitions(api: BenchApi, key: string, steps: number): Promise<void> {
  const signed = { signature: { password: api.admin.password, meaning: 'approved' } };
  const md = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
  try {
    await post(`${api.url}/definitions/master-data/${SITE}/drafts`, md, api.auth);
    await post(`${api.url}/definitions/master-data/${SITE}/publish`, signed, api.auth);
  } catch (err) {
    if (!/answered 409/.test(String(err))) throw err; // already published by an earlier row of this run
  }
  await post(`${api.url}/definitions/routing/${key}/drafts`, linearRouting(steps), api.auth);
  await post(`${api.url}/definitions/routing/${key}/publish`, signed, api.auth);
}

/** A unit and where it is on the linear routing: action i is start (even) or complete (odd) of step i/2. */
export class BenchUnit {
  next = 0;
  constructor(
    readonly serial: string,
    readonly steps: number,
  ) {}

  get done(): boolean {
    return this.next >= 2 * this.steps;
  }

  /** The next action's body and its idempotency key; advances. */
  take(): { body: { type: 'start' | 'complete'; step: string; station: string; operator: string; result?: 'pass' }; key: string } {
    const i = this.next++;
    const step = `s${Math.floor(i / 2)}`;
    const body = i % 2 === 0 ? { type: 'start' as const, step, station: STATION, operator: OPERATOR } : { type: 'complete' as const, step, station: STATION, operator: OPERATOR, result: 'pass' as const };
    return { body, key: `${this.serial}-${i}` };
  }
}

/** One action through the API: a step transition. */
export function actViaApi(api: BenchApi, unit: BenchUnit): Promise<unknown> {
  const { body, key } = unit.take();
  return post(`${api.url}/units/${encodeURIComponent(unit.serial)}/actions`, body, { ...api.auth, 'Idempotency-Key': key });
}

/**
 * Starts unit:<serial> straight on Temporal with the input the API's release builds (it then
 * persists its release to the read model on its first task and waits for its first step).
 */
export async function startUnitDirect(temporal: Client, o: { taskQueue: string; serial: string; routingKey: string; routingVersion: number; routing: Routing }): Promise<void> {
  await temporal.workflow.start(unitWorkflow, {
    taskQueue: o.taskQueue,
    workflowId: workflowIds.unit(o.serial),
    args: [{ serial: o.serial, site: SITE, line: LINE, routingKey: o.routingKey, routingVersion: o.routingVersion, routing: o.routing, productModel: MODEL }],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    workflowIdConflictPolicy: 'FAIL',
    typedSearchAttributes: unitSearchAttributes({ serial: o.serial, routingKey: o.routingKey, line: LINE, productModel: MODEL }),
  });
}

/** Runs `fn` over `items` with at most `limit` at a time; stops starting new ones after `deadline` (ms since epoch). Returns how many ran. */
export async function bounded<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, deadline = Infinity): Promise<number> {
  let i = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length && Date.now() < deadline) {
        const item = items[i++] as T;
        await fn(item);
        done++;
      }
    }),
  );
  return done;
}

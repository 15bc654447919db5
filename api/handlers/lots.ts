/** Handlers of the lot operations and of unit migrations. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import type { LotUseCases } from '../use-cases/lots';
import type { MigrationUseCases } from '../use-cases/migrations';
import type { UnitUseCases } from '../use-cases/units';

export function lotHandlers(lots: LotUseCases, units: UnitUseCases, migrations: MigrationUseCases): Record<string, Handler> {
  return {
    releaseLot: async (ctx) => {
      const lot = await lots.release(ctx.body, ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'lot', id: lot.serial }, after: lot };
      return { status: 201, body: lot, headers: { Location: `/api/v1/lots/${encodeURIComponent(lot.serial)}` } };
    },
    getLot: async ({ params, principal }) => ({ status: 200, body: await lots.get(params.lot as string, principal as Principal) }),
    actOnLot: async (ctx) => {
      const id = ctx.params.lot as string;
      await lots.get(id, ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'lot', id }, before: null };
      const { replayed, ...outcome } = await units.act(id, ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit.after = { action: ctx.body, events: outcome.events, status: outcome.unit.status, quantity: outcome.unit.quantity };
      if (replayed) ctx.audit.replay = true;
      return { status: 200, body: outcome, ...(replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}) };
    },
    splitLot: async (ctx) => {
      const outcome = await lots.split(ctx.params.lot as string, ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'lot', id: outcome.lot.serial }, after: { quantity: outcome.lot.quantity, newLot: outcome.newLot.serial, newLotQuantity: outcome.newLot.quantity } };
      return { status: 200, body: outcome };
    },
    scrapLot: async (ctx) => {
      const outcome = await lots.scrap(ctx.params.lot as string, ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'lot', id: outcome.unit.serial }, after: { status: outcome.unit.status, quantity: outcome.unit.quantity, events: outcome.events }, reason: (ctx.body as { reason: string }).reason };
      return { status: 200, body: outcome };
    },
    traceLot: async ({ params, principal }) => {
      const id = params.lot as string;
      await lots.get(id, principal as Principal);
      return { status: 200, body: await units.trace(id, principal as Principal) };
    },
    migrateUnits: async (ctx) => {
      const outcome = await migrations.migrate(ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      const body = ctx.body as { serials: string[]; stepMapping: Record<string, string>; reason: string };
      ctx.audit = { resource: { kind: 'routing', id: `${outcome.routing}@${outcome.toVersion}` }, after: { ...outcome, stepMapping: body.stepMapping }, reason: body.reason };
      return { status: 200, body: outcome };
    },
  };
}

/**
 * Moving chosen in-flight units (or lots) to another published version of their routing, with an
 * explicit mapping of the steps they are at. Validated before anything moves; each unit moves by
 * a Workflow Update whose validator refuses what does not fit; the outcome is per unit.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { validateUnitMigration } from '../../definitions/actions/validate';
import type { Routing } from '../../definitions/routing/schema';
import { finding, type Finding } from '../../definitions/validation/finding';
import { updateIds, workflowIds } from '../../engine/ids';
import { unitMigrationUpdate } from '../../engine/workflows/unit';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';
import type { DefinitionUseCases } from './definitions';
import { traceEvent, unitDto, type UnitUseCases } from './units';

export interface MigrationOutcome {
  routing: string;
  toVersion: number;
  migrated: Array<{ serial: string; fromVersion: number; step: string | null }>;
  refused: Array<{ serial: string; reason: string; message: string }>;
}

const CONCURRENCY = 8;

export function migrationUseCases(deps: { temporal: Client; definitions: DefinitionUseCases; units: UnitUseCases }) {
  const { temporal, definitions, units } = deps;

  return {
    async migrate(body: unknown, idempotencyKeyHeader: string | undefined, who: Principal): Promise<MigrationOutcome> {
      const request = validateUnitMigration(body);
      if (!request.ok) throw AppError.invalid('Invalid migration', request.findings);
      const { routing: key, toVersion, serials, stepMapping, reason } = request.value;
      const target = await definitions.versions.version('routing', key, String(toVersion)).catch(() => undefined);
      if (!target) throw AppError.invalid('Invalid migration', [finding('/toVersion', 'migration.unknown-version', { en: `routing ${key} has no version ${toVersion}`, zh: `工艺路线 ${key} 没有版本 ${toVersion}` })]);
      if (target.status === 'retired') throw AppError.invalid('Invalid migration', [finding('/toVersion', 'migration.retired-version', { en: `version ${toVersion} of ${key} is retired`, zh: `工艺路线 ${key} 的版本 ${toVersion} 已停用` })]);
      const routing = target.content as Routing;
      const steps = new Set(routing.steps.map((s) => s.id));
      const bad: Finding[] = Object.entries(stepMapping)
        .filter(([, to]) => !steps.has(to))
        .map(([from, to]) => finding(`/stepMapping/${from}`, 'migration.unknown-step', { en: `version ${toVersion} has no step ${to}`, zh: `版本 ${toVersion} 没有工序 ${to}` }));
      if (bad.length > 0) throw AppError.invalid('Invalid migration', bad);

      const batch = idempotencyKeyHeader ?? randomUUID();
      const outcome: MigrationOutcome = { routing: key, toVersion, migrated: [], refused: [] };
      const queue = [...serials];
      const lane = async (): Promise<void> => {
        for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
          const unit = await units.knownUnit(serial, who).catch(() => undefined);
          if (!unit) {
            outcome.refused.push({ serial, reason: 'UNIT_NOT_FOUND', message: `unit ${serial} is unknown (or not on your lines)` });
            continue;
          }
          if (unit.routingKey !== key) {
            outcome.refused.push({ serial, reason: 'OTHER_ROUTING', message: `unit ${serial} runs routing ${unit.routingKey}, not ${key}` });
            continue;
          }
          const idempotencyKey = `${batch}:${serial}`;
          try {
            const result = await temporal.workflow.getHandle(workflowIds.run(unit.kind ?? 'unit', serial)).executeUpdate(unitMigrationUpdate, {
              args: [{ routingVersion: toVersion, routing, stepMapping, reason, by: who.id, idempotencyKey }],
              updateId: updateIds.unitMigration(idempotencyKey),
            });
            await units.announce(unitDto(result.unit), result.events.map(traceEvent));
            outcome.migrated.push({ serial, fromVersion: unit.routingVersion, step: result.unit.step });
          } catch (err) {
            const why = (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined) as { code: string; message: string } | undefined;
            if (why) outcome.refused.push({ serial, reason: why.code, message: why.message });
            else if (runEnded(err)) {
              outcome.refused.push({ serial, reason: unit.status === 'scrapped' ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED', message: `unit ${serial} is ${unit.status}` });
            } else throw err;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, serials.length) }, lane));
      outcome.migrated.sort((a, b) => a.serial.localeCompare(b.serial));
      outcome.refused.sort((a, b) => a.serial.localeCompare(b.serial));
      return outcome;
    },
  };
}

export type MigrationUseCases = ReturnType<typeof migrationUseCases>;

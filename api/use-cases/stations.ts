/**
 * Is this station one where this step may be done? The step's station group comes from the
 * routing version the unit is pinned to (immutable, so cached); the station's group from the
 * site's active master data (cached for a few seconds). Without master data nothing is checked.
 */
import type { MasterData } from '../../definitions/master-data/schema';
import type { Routing } from '../../definitions/routing/schema';
import { finding } from '../../definitions/validation/finding';
import type { Store, UnitRecord } from '../../store';
import { AppError } from '../http/errors';

const MASTER_DATA_TTL_MS = 5_000;

export function stationCheck(store: Store, siteKey: string) {
  const routings = new Map<string, Routing | null>();
  let masterData: { at: number; stations: Map<string, string> | null } | undefined;

  async function stationGroups(): Promise<Map<string, string> | null> {
    if (masterData && Date.now() - masterData.at < MASTER_DATA_TTL_MS) return masterData.stations;
    const active = await store.definitions.activeVersion('master-data', siteKey);
    const stations = active ? new Map(((active.content as MasterData).stations ?? []).map((s) => [s.id, s.stationGroup])) : null;
    masterData = { at: Date.now(), stations };
    return stations;
  }

  async function routingOf(unit: UnitRecord): Promise<Routing | null> {
    const id = `${unit.routingKey}@${unit.routingVersion}`;
    if (!routings.has(id)) {
      if (routings.size > 200) routings.clear();
      routings.set(id, ((await store.definitions.getVersion('routing', unit.routingKey, unit.routingVersion))?.content as Routing | undefined) ?? null);
    }
    return routings.get(id) ?? null;
  }

  return async function check(unit: UnitRecord, step: string, station: string): Promise<void> {
    const stations = await stationGroups();
    if (!stations) return;
    const group = stations.get(station);
    if (group === undefined) {
      throw AppError.invalid('Unknown station', [finding('/station', 'station.unknown', { en: `station ${station} is not in the site's master data`, zh: `主数据中没有工位 ${station}` })]);
    }
    const expected = (await routingOf(unit))?.steps.find((s) => s.id === step)?.stationGroup;
    if (expected !== undefined && expected !== group) {
      throw new AppError(409, 'wrong-station-group', 'Action rejected', `step ${step} is done at a ${expected} station; ${station} belongs to ${group}`, {
        reason: 'WRONG_STATION_GROUP',
        expectedStationGroup: expected,
        stationGroup: group,
      });
    }
  };
}

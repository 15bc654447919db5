/**
 * Semantic checks of master data that a schema cannot express: ids unique within each
 * collection, internal references that exist, a station on its group's line, shifts that last.
 * Findings come collection by collection (in schema order), item by item. O(n) overall.
 */
import { finding, pointer, type Finding } from '../validation/finding';
import { buildMasterDataIndex, type MasterDataIndex } from './lookup';
import type { MasterData } from './schema';

/** What each collection holds, in both languages, and which property is its id. */
interface Kind {
  key: string;
  en: string;
  zh: string;
}

const KINDS = {
  productModels: { key: 'id', en: 'product model', zh: '产品型号' },
  lines: { key: 'id', en: 'line', zh: '产线' },
  stationGroups: { key: 'id', en: 'station group', zh: '工位组' },
  stations: { key: 'id', en: 'station', zh: '工位' },
  equipment: { key: 'id', en: 'equipment', zh: '设备' },
  parts: { key: 'partNumber', en: 'part', zh: '物料' },
  defectCodes: { key: 'code', en: 'defect code', zh: '缺陷代码' },
  roles: { key: 'id', en: 'role', zh: '角色' },
  users: { key: 'id', en: 'user', zh: '用户' },
  groups: { key: 'id', en: 'group', zh: '群组' },
  shifts: { key: 'id', en: 'shift', zh: '班次' },
  webhooks: { key: 'id', en: 'webhook target', zh: 'Webhook 目标' },
} as const satisfies Record<keyof Omit<MasterData, 'name'>, Kind>;

type Collection = keyof typeof KINDS;

/** Reports every repeated id of one collection (the first listing is the one that counts). */
function duplicates(md: MasterData, collection: Collection, findings: Finding[]): void {
  const kind = KINDS[collection];
  const items = (md[collection] ?? []) as ReadonlyArray<Record<string, unknown>>;
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = String(item[kind.key]);
    if (seen.has(id)) {
      findings.push(
        finding(pointer(collection, i, kind.key), 'master.duplicate-id', {
          en: `${kind.en} "${id}" is listed more than once`,
          zh: `${kind.zh} "${id}" 重复`,
        }),
      );
    } else {
      seen.add(id);
    }
  });
}

/** Records a missing reference unless `id` is among `known`. */
function reference(findings: Finding[], known: ReadonlyMap<string, unknown>, target: Collection, at: string, field: string, id: string): boolean {
  if (known.has(id)) return true;
  const kind = KINDS[target];
  findings.push(
    finding(at, 'master.unknown-reference', {
      en: `${field} names no ${kind.en}: "${id}"`,
      zh: `${field} 引用的${kind.zh}不存在："${id}"`,
    }),
  );
  return false;
}

function stationFindings(md: MasterData, index: MasterDataIndex, findings: Finding[]): void {
  (md.stations ?? []).forEach((station, i) => {
    const groupKnown = reference(findings, index.stationGroups, 'stationGroups', pointer('stations', i, 'stationGroup'), 'stationGroup', station.stationGroup);
    if (station.line === undefined) return;
    if (!reference(findings, index.lines, 'lines', pointer('stations', i, 'line'), 'line', station.line)) return;
    // Only judged when the group's line is itself known: an unknown one is reported on the group.
    const groupLine = groupKnown ? index.stationGroups.get(station.stationGroup)?.line : undefined;
    if (groupLine !== undefined && index.lines.has(groupLine) && groupLine !== station.line) {
      findings.push(
        finding(pointer('stations', i, 'line'), 'master.line-mismatch', {
          en: `station "${station.id}" is on line "${station.line}" but its station group "${station.stationGroup}" is on line "${groupLine}"`,
          zh: `工位 "${station.id}" 属于产线 "${station.line}"，但其工位组 "${station.stationGroup}" 属于产线 "${groupLine}"`,
        }),
      );
    }
  });
}

function shiftFindings(md: MasterData, findings: Finding[]): void {
  (md.shifts ?? []).forEach((shift, i) => {
    if (shift.start === shift.end) {
      findings.push(
        finding(pointer('shifts', i), 'master.empty-shift', {
          en: `shift "${shift.id}" starts and ends at ${shift.start}`,
          zh: `班次 "${shift.id}" 的开始和结束时间都是 ${shift.start}`,
        }),
      );
    }
  });
}

export function masterDataFindings(md: MasterData): Finding[] {
  const findings: Finding[] = [];
  // Not the cached index: the master data under validation is a draft that may change and come back.
  const index = buildMasterDataIndex(md);

  duplicates(md, 'productModels', findings);
  duplicates(md, 'lines', findings);

  duplicates(md, 'stationGroups', findings);
  (md.stationGroups ?? []).forEach((group, i) => {
    if (group.line !== undefined) reference(findings, index.lines, 'lines', pointer('stationGroups', i, 'line'), 'line', group.line);
  });

  duplicates(md, 'stations', findings);
  stationFindings(md, index, findings);

  duplicates(md, 'equipment', findings);
  (md.equipment ?? []).forEach((equipment, i) => {
    if (equipment.station !== undefined) reference(findings, index.stations, 'stations', pointer('equipment', i, 'station'), 'station', equipment.station);
  });

  duplicates(md, 'parts', findings);
  duplicates(md, 'defectCodes', findings);
  duplicates(md, 'roles', findings);

  duplicates(md, 'users', findings);
  (md.users ?? []).forEach((user, i) => {
    (user.roles ?? []).forEach((role, j) => reference(findings, index.roles, 'roles', pointer('users', i, 'roles', j), 'roles', role));
    (user.lines ?? []).forEach((line, j) => reference(findings, index.lines, 'lines', pointer('users', i, 'lines', j), 'lines', line));
    (user.shifts ?? []).forEach((shift, j) => reference(findings, index.shifts, 'shifts', pointer('users', i, 'shifts', j), 'shifts', shift));
  });

  duplicates(md, 'groups', findings);
  (md.groups ?? []).forEach((group, i) => {
    (group.members ?? []).forEach((member, j) => reference(findings, index.users, 'users', pointer('groups', i, 'members', j), 'members', member));
  });

  duplicates(md, 'shifts', findings);
  shiftFindings(md, findings);

  duplicates(md, 'webhooks', findings);
  return findings;
}

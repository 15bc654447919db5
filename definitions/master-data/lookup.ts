/**
 * Lookups over master data for validators: every collection keyed by its id, users by role and
 * members by group. Built in one pass over each collection (O(n)); a 100k-part site is indexed
 * once and then answers each reference in O(1).
 */
import type { MasterData } from './schema';

type Item<K extends keyof MasterData> = NonNullable<MasterData[K]>[number];

export type ProductModel = Item<'productModels'>;
export type Line = Item<'lines'>;
export type StationGroup = Item<'stationGroups'>;
export type Station = Item<'stations'>;
export type Equipment = Item<'equipment'>;
export type Part = Item<'parts'>;
export type DefectCode = Item<'defectCodes'>;
export type Role = Item<'roles'>;
export type User = Item<'users'>;
export type Group = Item<'groups'>;
export type Shift = Item<'shifts'>;
export type Webhook = Item<'webhooks'>;

/**
 * Every collection of a site's master data keyed by id (parts by partNumber, defect codes by
 * code). When an id is listed twice the first entry wins (master-data validation reports the
 * second as `master.duplicate-id`).
 */
export interface MasterDataIndex {
  productModels: ReadonlyMap<string, ProductModel>;
  lines: ReadonlyMap<string, Line>;
  stationGroups: ReadonlyMap<string, StationGroup>;
  stations: ReadonlyMap<string, Station>;
  equipment: ReadonlyMap<string, Equipment>;
  parts: ReadonlyMap<string, Part>;
  defectCodes: ReadonlyMap<string, DefectCode>;
  roles: ReadonlyMap<string, Role>;
  users: ReadonlyMap<string, User>;
  groups: ReadonlyMap<string, Group>;
  shifts: ReadonlyMap<string, Shift>;
  /** Undefined when the master data has no `webhooks` collection (webhook targets are then not checked). */
  webhooks: ReadonlyMap<string, Webhook> | undefined;
  /** Users holding each role, in listing order (also for role ids the roles collection lacks). */
  usersByRole: ReadonlyMap<string, readonly User[]>;
  /** The known users of each group, in listing order, each once; unknown member ids are left out. */
  membersByGroup: ReadonlyMap<string, readonly User[]>;
}

const NONE: readonly User[] = [];

function byKey<T>(items: readonly T[] | undefined, key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) {
    const k = key(item);
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

const byId = <T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> => byKey(items, (item) => item.id);

/** A fresh index of `md`, not cached: for master data that may still change (a draft being validated). */
export function buildMasterDataIndex(md: MasterData): MasterDataIndex {
  const users = byId(md.users);
  const usersByRole = new Map<string, User[]>();
  for (const user of users.values()) {
    for (const role of user.roles ?? []) {
      const holders = usersByRole.get(role);
      if (holders) holders.push(user);
      else usersByRole.set(role, [user]);
    }
  }
  const groups = byId(md.groups);
  const membersByGroup = new Map<string, User[]>();
  for (const group of groups.values()) {
    const members = new Set<User>();
    for (const id of group.members ?? []) {
      const user = users.get(id);
      if (user) members.add(user);
    }
    membersByGroup.set(group.id, [...members]);
  }
  return {
    productModels: byId(md.productModels),
    lines: byId(md.lines),
    stationGroups: byId(md.stationGroups),
    stations: byId(md.stations),
    equipment: byId(md.equipment),
    parts: byKey(md.parts, (p) => p.partNumber),
    defectCodes: byKey(md.defectCodes, (d) => d.code),
    roles: byId(md.roles),
    users,
    groups,
    shifts: byId(md.shifts),
    webhooks: md.webhooks === undefined ? undefined : byId(md.webhooks),
    usersByRole,
    membersByGroup,
  };
}

const cache = new WeakMap<MasterData, MasterDataIndex>();

/**
 * The index of `md`, built on first use and cached per master data object: published master
 * data is immutable, so every validator that receives the same object shares one index.
 * Do not mutate a master data object after indexing it; build a changed copy instead.
 */
export function masterDataIndex(md: MasterData): MasterDataIndex {
  let index = cache.get(md);
  if (index === undefined) {
    index = buildMasterDataIndex(md);
    cache.set(md, index);
  }
  return index;
}

/** Users holding `role` (empty when none does). */
export function usersWithRole(index: MasterDataIndex, role: string): readonly User[] {
  return index.usersByRole.get(role) ?? NONE;
}

/** The known users of `group` (empty when the group is unknown or has none). */
export function membersOf(index: MasterDataIndex, group: string): readonly User[] {
  return index.membersByGroup.get(group) ?? NONE;
}

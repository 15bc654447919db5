/**
 * The permission matrix: what each role may do. Every operation in the OpenAPI document names
 * one permission (x-permission); this table is the only place roles are mapped to permissions.
 */
import { DEFINITION_KINDS, type DefinitionKind } from '../../definitions/kinds';
import type { ROLES } from './security-schemas';

export type Role = (typeof ROLES)[number];

export type Permission =
  | 'definitions:read'
  | `definitions.${DefinitionKind}:write`
  | `definitions.${DefinitionKind}:publish`
  | 'units:read'
  | 'units:release'
  | 'units:act'
  /** Hold, release and scrap units: quality's decisions. */
  | 'units:disposition'
  /** Move in-flight units to another routing version: administrators only. */
  | 'units:migrate'
  /** Work orders: everyone who reads units reads them; planners (admin, the ERP's integration key) create and release them. */
  | 'work-orders:read'
  | 'work-orders:write'
  | 'users:manage'
  | 'api-keys:manage'
  | 'audit:read'
  | 'stream:read'
  /** The notification delivery log and the local mail outbox: administrators and quality. */
  | 'notifications:read'
  /** Incidents: read (line-scoped), acknowledge (operators too, on their lines), resolve and reopen (quality). */
  /** Dry runs, backtests and static checks of alert rules (read-only, but they load the database). */
  | 'rules:test'
  | 'incidents:read'
  | 'incidents:acknowledge'
  | 'incidents:manage'
  /** Raise a material shortage, equipment failure, quality anomaly or order delay (people, ERP/WMS keys). */
  | 'exceptions:raise'
  | 'metrics:read';

/** Operations anyone may call, and those any signed-in caller may call. */
export type Access = Permission | 'public' | 'authenticated';

const authoring = (...kinds: DefinitionKind[]): Permission[] => kinds.flatMap((k) => [`definitions.${k}:write`, `definitions.${k}:publish`] as Permission[]);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'definitions:read',
    ...authoring(...DEFINITION_KINDS),
    'units:read',
    'units:release',
    'units:act',
    'units:disposition',
    'units:migrate',
    'work-orders:read',
    'work-orders:write',
    'users:manage',
    'api-keys:manage',
    'audit:read',
    'stream:read',
    'notifications:read',
    'rules:test',
    'incidents:read',
    'incidents:acknowledge',
    'incidents:manage',
    'exceptions:raise',
    'metrics:read',
  ],
  /** Process engineers: routings and master data. */
  engineer: ['definitions:read', ...authoring('routing', 'master-data'), 'units:read', 'work-orders:read', 'stream:read', 'incidents:read'],
  /** Quality managers: alert rules and escalation ladders; they read the audit trail. */
  quality: ['definitions:read', ...authoring('alert-rule', 'escalation-policy'), 'rules:test', 'units:read', 'work-orders:read', 'units:disposition', 'audit:read', 'stream:read', 'notifications:read', 'incidents:read', 'incidents:acknowledge', 'incidents:manage', 'exceptions:raise'],
  /** Operators at stations: read what to do, act on units of their lines. */
  operator: ['definitions:read', 'units:read', 'work-orders:read', 'units:act', 'stream:read', 'incidents:read', 'incidents:acknowledge', 'exceptions:raise'],
  viewer: ['definitions:read', 'units:read', 'work-orders:read', 'stream:read', 'incidents:read'],
  /** ERP, WMS and machines through API keys. */
  integration: ['definitions:read', 'units:read', 'work-orders:read', 'work-orders:write', 'units:release', 'units:act', 'stream:read', 'exceptions:raise', 'metrics:read'],
};

export function allows(roles: readonly Role[], access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(access));
}

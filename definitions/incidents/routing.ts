/**
 * Where a hand-raised exception goes: each exception type the factory knows is routed to the
 * escalation policy of the role responsible for it. The defaults use the example policies;
 * TAKTFLOW_EXCEPTION_POLICIES (JSON, `{"material-shortage": {"policy": "…", "role": "…"}}`)
 * overrides any of them. Also the cause categories a resolution is filed under (5M1E and more).
 */
import type { Finding } from '../validation/finding';
import { finding } from '../validation/finding';
import type { Bilingual, Severity } from '../rules/vocabulary';
import { EXCEPTION_TYPES, type ExceptionType } from './model';

export interface ExceptionRoute {
  /** Key of the escalation policy whose active version the incident is pinned to. */
  policy: string;
  /** The role responsible for this type of exception (kept in the incident's context). */
  role: string;
  severity: Severity;
  /** Reports of the same exception right after resolution are recorded but open nothing new. */
  cooldownMinutes: number;
  label: Bilingual;
}

export const DEFAULT_EXCEPTION_ROUTES: Readonly<Record<ExceptionType, ExceptionRoute>> = {
  'material-shortage': { policy: 'maintenance-default', role: 'material-planner', severity: 'major', cooldownMinutes: 15, label: { en: 'Material shortage', zh: '物料短缺' } },
  'equipment-failure': { policy: 'maintenance-default', role: 'maintenance', severity: 'major', cooldownMinutes: 15, label: { en: 'Equipment failure', zh: '设备故障' } },
  'quality-anomaly': { policy: 'quality-default', role: 'quality-engineer', severity: 'major', cooldownMinutes: 15, label: { en: 'Quality anomaly', zh: '质量异常' } },
  'order-delay': { policy: 'maintenance-default', role: 'production-manager', severity: 'minor', cooldownMinutes: 15, label: { en: 'Order delay', zh: '订单延误' } },
};

export const CAUSE_CATEGORIES = ['man', 'machine', 'material', 'method', 'measurement', 'environment', 'design', 'supplier', 'other'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ROLE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The routes with the overrides (JSON text) applied; findings name what in the JSON is wrong. */
export function exceptionRoutes(overrides?: string): { routes: Record<ExceptionType, ExceptionRoute>; findings: Finding[] } {
  const routes = Object.fromEntries(EXCEPTION_TYPES.map((t) => [t, { ...DEFAULT_EXCEPTION_ROUTES[t] }])) as Record<ExceptionType, ExceptionRoute>;
  const findings: Finding[] = [];
  if (!overrides?.trim()) return { routes, findings };
  let parsed: unknown;
  try {
    parsed = JSON.parse(overrides);
  } catch (e) {
    return { routes, findings: [finding('', 'exception-routes.json', { en: `not JSON: ${(e as Error).message}`, zh: `不是有效的 JSON：${(e as Error).message}` })] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { routes, findings: [finding('', 'exception-routes.type', { en: 'must be an object keyed by exception type', zh: '必须是以异常类型为键的对象' })] };
  }
  for (const [type, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(EXCEPTION_TYPES as readonly string[]).includes(type)) {
      findings.push(finding(`/${type}`, 'exception-routes.unknown-type', { en: `unknown exception type ${type}`, zh: `未知的异常类型 ${type}` }));
      continue;
    }
    const v = (value ?? {}) as { policy?: unknown; role?: unknown; cooldownMinutes?: unknown };
    const route = routes[type as ExceptionType];
    if (v.policy !== undefined) {
      if (typeof v.policy === 'string' && KEY.test(v.policy)) route.policy = v.policy;
      else findings.push(finding(`/${type}/policy`, 'exception-routes.policy', { en: 'policy must be a policy key', zh: 'policy 必须是升级策略的键' }));
    }
    if (v.role !== undefined) {
      if (typeof v.role === 'string' && ROLE.test(v.role)) route.role = v.role;
      else findings.push(finding(`/${type}/role`, 'exception-routes.role', { en: 'role must be a role id', zh: 'role 必须是角色标识' }));
    }
    if (v.cooldownMinutes !== undefined) {
      if (Number.isInteger(v.cooldownMinutes) && (v.cooldownMinutes as number) >= 0 && (v.cooldownMinutes as number) <= 10080) route.cooldownMinutes = v.cooldownMinutes as number;
      else findings.push(finding(`/${type}/cooldownMinutes`, 'exception-routes.cooldown', { en: 'cooldownMinutes must be 0 to 10080', zh: 'cooldownMinutes 必须在 0 到 10080 之间' }));
    }
  }
  return { routes, findings };
}

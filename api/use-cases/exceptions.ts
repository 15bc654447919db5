/**
 * Exceptions raised by a person or by the ERP/WMS: material shortage, equipment failure,
 * quality anomaly, order delay. Each type is routed to its responsible role's escalation policy
 * (definitions/incidents/routing.ts, overridable by TAKTFLOW_EXCEPTION_POLICIES); the incident
 * workflow is started (or told of a further report) with signalWithStart.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { ExceptionType } from '../../definitions/incidents/model';
import { exceptionRoutes } from '../../definitions/incidents/routing';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { Severity } from '../../definitions/rules/vocabulary';
import { finding } from '../../definitions/validation/finding';
import { TASK_QUEUE } from '../../engine/ids';
import { incidentSettledUpdate, incidentStartOptions, type IncidentSettled, type IncidentWorkflowInput } from '../../engine/workflows/incident-messages';
import { seesLine, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import type { DefinitionUseCases } from './definitions';

export interface ExceptionRequest {
  type: ExceptionType;
  line: string;
  description: string;
  severity?: Severity;
  reference?: string;
  externalSystem?: string;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function exceptionUseCases(deps: { temporal: Client; definitions: DefinitionUseCases; siteKey: string; taskQueue?: string; routesJson?: string; log?: (line: string) => void }) {
  const { temporal, definitions, siteKey } = deps;
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;
  const { routes, findings } = exceptionRoutes(deps.routesJson ?? process.env.TAKTFLOW_EXCEPTION_POLICIES);
  if (findings.length > 0) (deps.log ?? console.error)(`[api] TAKTFLOW_EXCEPTION_POLICIES ignored in part: ${findings.map((f) => `${f.pointer || '/'} ${f.message}`).join('; ')}`);

  return {
    routes,

    async raise(request: ExceptionRequest, who: Principal): Promise<IncidentSettled> {
      if (!seesLine(who, request.line)) {
        throw new AppError(403, 'line-not-allowed', 'Not your line', `you may not raise exceptions on line ${request.line}`, {
          errors: [finding('/line', 'auth.line-not-allowed', { en: `line ${request.line} is outside your lines`, zh: `产线 ${request.line} 不在您的权限范围内` })],
        });
      }
      const route = routes[request.type];
      const version = await definitions.versions.active('escalation-policy', route.policy);
      if (!version) {
        throw AppError.invalid('No escalation policy', [
          finding('/type', 'exception.policy-not-published', { en: `escalation policy "${route.policy}" for ${request.type} has no active published version`, zh: `${request.type} 对应的升级策略 "${route.policy}" 没有生效的已发布版本` }),
        ]);
      }
      const at = new Date().toISOString();
      const source: IncidentWorkflowInput['source'] = request.externalSystem
        ? { kind: 'external', system: request.externalSystem, reference: request.reference ?? '', exceptionType: request.type }
        : { kind: 'manual', by: who.id, exceptionType: request.type };
      const input: IncidentWorkflowInput = {
        dedupKey: `exception:${request.type}:${request.line}${request.reference ? `:${request.reference}` : ''}`,
        type: request.type,
        severity: request.severity ?? route.severity,
        title: { en: clip(`${route.label.en} on ${request.line}: ${request.description}`, 300), zh: clip(`${request.line} ${route.label.zh}：${request.description}`, 300) },
        site: siteKey,
        line: request.line,
        escalationPolicy: route.policy,
        source,
        context: { line: request.line, responsibleRole: route.role, description: request.description, ...(request.reference ? { reference: request.reference } : {}) },
        openedAt: at,
        policy: { key: route.policy, version: version.version, content: version.content as EscalationPolicy },
        cooldownMinutes: route.cooldownMinutes,
      };
      const occurrenceId = randomUUID();
      const handle = await temporal.workflow.signalWithStart('incidentWorkflow', incidentStartOptions(input, { at, note: clip(request.description, 500), id: occurrenceId }, taskQueue));
      return handle.executeUpdate(incidentSettledUpdate, { args: [{ occurrenceId }] });
    },
  };
}

export type ExceptionUseCases = ReturnType<typeof exceptionUseCases>;

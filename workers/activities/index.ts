import type { Client } from '@temporalio/client';
import type { IncidentActivities, NotifyActivities, PersistActivities, RuleActivities, WorkOrderActivities } from '../../engine/activities';
import type { Store } from '../../store';
import type { NotifyConfig } from '../notify/config';
import type { RuleRuntime } from '../rules/engine';
import { createErpActivities, type ErpConfig } from './erp';
import { createIncidentActionActivities } from './incident-actions';
import { createIncidentActivities } from './incidents';
import { createNotifyActivities } from './notify';
import { createPersistActivities } from './persist';
import { createRuleActivities } from './rules';
import { createWorkOrderActivities } from './work-orders';

export interface ActivityDeps {
  store: Store;
  /** The ERP webhook work orders report to; absent: messages are recorded as not sent. */
  erp?: ErpConfig;
  /** Lets activities talk to other workflows (an incident's holds send the units' disposition Update). */
  temporal?: Client;
  /** Notification channels (SMTP, SMS, webhooks); absent: mail to the outbox, no SMS, no webhooks. */
  notify?: NotifyConfig;
  /** Alert-rule evaluation: persisted batches are offered to it; schedules evaluate through it. Absent: no rules run. */
  rules?: RuleRuntime;
}

export type Activities = PersistActivities & WorkOrderActivities & IncidentActivities & NotifyActivities & RuleActivities;

/** Every activity the engine's workflows may call, built from their dependencies. */
export function createActivities(deps: ActivityDeps): Activities {
  return { ...createPersistActivities(deps), ...createWorkOrderActivities(deps), ...createErpActivities(deps.erp), ...createIncidentActivities(deps), ...createIncidentActionActivities(deps), ...createNotifyActivities(deps), ...createRuleActivities(deps) };
}

/**
 * Work orders: created from the ERP's production request (pinned to the routing's active
 * version, serials resolved), released unit by unit, read back from the read model the
 * work-order workflow writes.
 */
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { MasterData } from '../../definitions/master-data/schema';
import type { Routing } from '../../definitions/routing/schema';
import { finding, type Finding } from '../../definitions/validation/finding';
import { validateWorkOrderCreate, validateWorkOrderRelease } from '../../definitions/work-orders/validate';
import { TASK_QUEUE, workflowIds } from '../../engine/ids';
import { resolveSerials } from '../../engine/work-order/serials';
import { keywordAttributes } from '../../engine/work-order/search';
import type { WorkOrderView } from '../../engine/work-order/view';
import {
  WORK_ORDER_REJECTED,
  workOrderCreatedUpdate,
  workOrderReleaseUpdate,
  workOrderViewQuery,
  workOrderWorkflow,
} from '../../engine/workflows/work-order';
import type { Store, WorkOrderSummary } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';
import type { DefinitionUseCases } from './definitions';

const invalid = (errors: Finding[]): AppError => AppError.invalid('Invalid work order', errors);

function lineNotAllowed(line: string): AppError {
  return new AppError(403, 'line-not-allowed', 'Not your line', `you may not plan work orders on line ${line}`, {
    errors: [finding('/line', 'auth.line-not-allowed', { en: `line ${line} is outside your lines`, zh: `产线 ${line} 不在您的权限范围内` })],
  });
}

function exists(number: string): AppError {
  return new AppError(409, 'work-order-exists', 'Work order exists', `work order ${number} already exists`, {
    errors: [finding('/number', 'work-order.exists', { en: `work order ${number} already exists`, zh: `工单 ${number} 已存在` })],
  });
}

/** A refusal of the work-order workflow's update validator, if that is what failed. */
function rejectionOf(err: unknown): { code: string; message: string; remaining: number } | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  return cause instanceof ApplicationFailure && cause.type === WORK_ORDER_REJECTED ? (cause.details?.[0] as { code: string; message: string; remaining: number }) : undefined;
}

export function workOrderUseCases(deps: { store: Store; temporal: Client; definitions: DefinitionUseCases; siteKey: string; taskQueue?: string }) {
  const { store, temporal, definitions, siteKey } = deps;
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;

  /** A work order the caller may see; one on another site or line is "not found" to them. */
  async function known(number: string, who: Principal): Promise<WorkOrderView> {
    let order = await store.workOrders.get(number);
    if (!order) {
      // Started but not written yet: ask the workflow itself.
      order = await temporal.workflow
        .getHandle(workflowIds.workOrder(number))
        .query(workOrderViewQuery)
        .catch(() => null);
    }
    if (!order || !seesSite(who, order.site) || !seesLine(who, order.line)) throw AppError.notFound(`work order ${number}`);
    return order;
  }

  /** The pinned routing: the key's active version, published, offering the product model, unit mode. */
  async function pinnedRouting(key: string, productModel: string): Promise<{ version: number; routing: Routing }> {
    const version = await definitions.versions.active('routing', key);
    if (!version) throw invalid([finding('/routing', 'routing.not-published', { en: `routing "${key}" has no active published version`, zh: `工艺路线 "${key}" 没有生效的已发布版本` })]);
    const routing = version.content as Routing;
    if (routing.productModels && !routing.productModels.includes(productModel)) {
      throw invalid([
        finding('/productModel', 'work-order.product-model', {
          en: `routing "${key}" v${version.version} is not for ${productModel} (it is for ${routing.productModels.join(', ')})`,
          zh: `工艺路线 "${key}" v${version.version} 不适用于型号 ${productModel}（适用于 ${routing.productModels.join('、')}）`,
        }),
      ]);
    }
    if (routing.mode === 'lot') {
      throw invalid([finding('/routing', 'work-order.lot-routing', { en: `routing "${key}" runs lots; work orders release units`, zh: `工艺路线 "${key}" 为批次模式；工单只下达单件` })]);
    }
    return { version: version.version, routing };
  }

  return {
    async create(body: unknown, who: Principal): Promise<WorkOrderView> {
      const request = validateWorkOrderCreate(body);
      if (!request.ok) throw invalid(request.findings);
      const order = request.value;
      if (!seesSite(who, siteKey) || !seesLine(who, order.line)) throw lineNotAllowed(order.line);
      const masterData = (await definitions.versions.active('master-data', siteKey))?.content as MasterData | undefined;
      if (masterData?.lines && !masterData.lines.some((l) => l.id === order.line)) {
        throw invalid([finding('/line', 'work-order.unknown-line', { en: `line ${order.line} is not in the site's master data`, zh: `主数据中没有产线 ${order.line}` })]);
      }
      const { version, routing } = await pinnedRouting(order.routing, order.productModel);
      if (await store.workOrders.get(order.number)) throw exists(order.number);
      const createdAt = new Date().toISOString();
      const serials = resolveSerials({ ...order, at: createdAt });
      if (!serials.ok) throw invalid(serials.findings);
      const taken = await store.workOrders.takenSerials(serials.value);
      if (taken.length > 0) {
        const shown = taken.slice(0, 20).join(', ') + (taken.length > 20 ? ` (+${taken.length - 20})` : '');
        throw invalid([finding(order.serials ? '/serials' : '/serialPattern', 'work-order.serials-taken', { en: `serials already in use: ${shown}`, zh: `序列号已被使用：${shown}` })]);
      }
      let handle;
      try {
        handle = await temporal.workflow.start(workOrderWorkflow, {
          taskQueue,
          workflowId: workflowIds.workOrder(order.number),
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: keywordAttributes({ workOrder: order.number, productModel: order.productModel, line: order.line, routingKey: order.routing, status: 'created' }),
          args: [
            {
              number: order.number,
              site: siteKey,
              line: order.line,
              productModel: order.productModel,
              routingKey: order.routing,
              routingVersion: version,
              routing,
              quantity: order.quantity,
              dueAt: new Date(order.dueAt).toISOString(),
              priority: order.priority ?? 0,
              createdAt,
              createdBy: who.id,
              serials: serials.value,
              progressIntervalSeconds: order.progressIntervalSeconds,
            },
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) throw exists(order.number);
        throw err;
      }
      return handle.executeUpdate(workOrderCreatedUpdate);
    },

    async release(number: string, body: unknown, idempotencyKey: string | undefined, who: Principal): Promise<WorkOrderView> {
      const request = validateWorkOrderRelease(body);
      if (!request.ok) throw AppError.invalid('Invalid release', request.findings);
      await known(number, who);
      try {
        return await temporal.workflow.getHandle(workflowIds.workOrder(number)).executeUpdate(workOrderReleaseUpdate, {
          args: [{ count: request.value.count }],
          ...(idempotencyKey ? { updateId: `release:${idempotencyKey}` } : {}),
        });
      } catch (err) {
        const why = rejectionOf(err);
        if (why) {
          throw new AppError(409, why.code.toLowerCase().replace(/_/g, '-'), 'Release refused', why.message, {
            reason: why.code,
            remaining: why.remaining,
            errors: [finding('/count', `work-order.${why.code.toLowerCase().replace(/_/g, '-')}`, { en: why.message, zh: why.remaining === 0 ? '该工单的所有单件均已下达' : `剩余可下达数量为 ${why.remaining}` })],
          });
        }
        if (runEnded(err)) {
          throw new AppError(409, 'nothing-to-release', 'Release refused', `work order ${number} is completed`, { reason: 'NOTHING_TO_RELEASE', remaining: 0 });
        }
        throw err;
      }
    },

    get: known,

    /** Work orders on the lines the caller may see, by number, a page at a time. */
    async list(q: { line?: string; status?: string; limit: number; cursor?: string }, who: Principal): Promise<{ items: WorkOrderSummary[]; nextCursor: string | null }> {
      if (!seesSite(who, siteKey) || (q.line && !seesLine(who, q.line))) return { items: [], nextCursor: null };
      const lines = q.line ? [q.line] : who.lines.includes('*') ? undefined : who.lines;
      const page = await store.workOrders.list({ site: siteKey, lines, status: q.status, after: q.cursor, limit: q.limit });
      return { items: page.items, nextCursor: page.next };
    },
  };
}

export type WorkOrderUseCases = ReturnType<typeof workOrderUseCases>;

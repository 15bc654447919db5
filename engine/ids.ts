/** Workflow ids are business ids, built here and nowhere else. */
export const TASK_QUEUE = 'taktflow';

export const workflowIds = {
  unit: (serial: string): string => `unit:${serial}`,
  lot: (lot: string): string => `lot:${lot}`,
  /** A unit's or a lot's run, by the kind its read model records. */
  run: (kind: 'unit' | 'lot', id: string): string => (kind === 'lot' ? `lot:${id}` : `unit:${id}`),
  workOrder: (order: string): string => `wo:${order}`,
  /**
   * One escalation run per site and dedup key at a time: a further firing while it runs is an
   * occurrence. Two sites on one Temporal namespace (or two test suites) never share a run.
   */
  incident: (site: string, dedupKey: string): string => `incident:${site}:${dedupKey}`,
} as const;

/** Update ids carry the caller's idempotency key, so Temporal itself de-duplicates retries. */
export const updateIds = {
  /**
   * With a nonce per request: every retry reaches the workflow, which answers it from what it
   * remembers (engine/workflows/answers.ts) and says it was a replay, or refuses a key used for
   * another request. (Temporal would answer a repeated Update id itself, unseen by both.)
   */
  unitAction: (idempotencyKey: string, nonce?: string): string => (nonce ? `action:${idempotencyKey}:${nonce}` : `action:${idempotencyKey}`),
  unitDisposition: (type: string, idempotencyKey: string): string => `${type}:${idempotencyKey}`,
  lotSplit: (idempotencyKey: string): string => `split:${idempotencyKey}`,
  unitMigration: (idempotencyKey: string): string => `migrate:${idempotencyKey}`,
} as const;

/**
 * Custom search attributes (all Keyword) that workflows carry so the Temporal Web UI can filter
 * on them. The dev server is started with each registered; a cluster needs them registered once.
 */
export const SEARCH_ATTRIBUTES = ['serial', 'routingKey', 'workOrder', 'productModel', 'line', 'status'] as const;

/**
 * The ERP webhook: POSTs a work order's message as JSON with its Idempotency-Key header. The
 * receiver de-duplicates by that key, so Temporal's retries (backoff, see the workflow's activity
 * options) may safely send a message again. Retryable: network errors, 5xx, 408 and 429;
 * any other 4xx means the receiver refuses the message itself — retrying would not help.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { WorkOrderActivities } from '../../engine/activities';
import { NO_ERP_ENDPOINT, type ErpDelivery, type ErpMessage } from '../../engine/work-order/messages';

export interface ErpConfig {
  /** Where messages go; none: they are recorded as not sent. */
  url?: string;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

const RETRYABLE_4XX = new Set([408, 429]);

export function createErpActivities(erp: ErpConfig = {}): Pick<WorkOrderActivities, 'sendErpMessage'> {
  return {
    async sendErpMessage(message: ErpMessage): Promise<ErpDelivery> {
      if (!erp.url) return { outcome: 'not-sent', detail: NO_ERP_ENDPOINT };
      let attempt = 1;
      try {
        attempt = Context.current().info.attempt;
      } catch {
        // Called outside an activity (a direct call): first attempt.
      }
      let res: Response;
      try {
        res = await fetch(erp.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.idempotencyKey, 'X-Taktflow-Attempt': String(attempt) },
          body: JSON.stringify(message.body),
          signal: AbortSignal.timeout(erp.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw ApplicationFailure.retryable(`ERP endpoint unreachable: ${(e as Error).message}`, 'ErpUnreachable');
      }
      const text = (await res.text().catch(() => '')).slice(0, 500);
      if (res.ok) return { outcome: 'sent', status: res.status };
      const detail = `ERP answered ${res.status}${text ? `: ${text}` : ''}`;
      if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) {
        throw ApplicationFailure.nonRetryable(detail, 'ErpRefused', { status: res.status });
      }
      throw ApplicationFailure.retryable(detail, 'ErpUnavailable', { status: res.status });
    },
  };
}

/** What a Temporal client error says about the run it was sent to. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

/**
 * The call reached no running workflow: the run has ended (finished, scrapped, closed) or never
 * existed. The caller answers from the read model instead of failing.
 */
export function runEnded(err: unknown, also?: RegExp): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  if (!(err instanceof WorkflowUpdateFailedError)) return false;
  const message = String(err.cause?.message);
  return /completed|closed/i.test(message) || (also?.test(message) ?? false);
}

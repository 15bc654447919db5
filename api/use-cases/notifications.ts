/** Reading the notification delivery log and the local mail outbox (administrators and quality). */
import type { DeliveryEntry, OutboxMail, Store } from '../../store';
import { AppError } from '../http/errors';
import { paginate } from '../http/pagination';

export interface NotificationUseCases {
  deliveries(incident: string, q: { limit?: string; cursor?: string }): Promise<{ items: DeliveryEntry[]; nextCursor: string | null }>;
  /** `after`: the decoded cursor (`<ISO time>|<id>` of the last mail of the previous page). */
  outbox(limit: number, after: string | undefined): Promise<{ items: OutboxMail[]; next: string | null }>;
}

const badCursor = (): AppError => new AppError(400, 'invalid-parameter', 'Invalid cursor', 'the cursor is not one this API gave out', { parameter: 'cursor' });

export function notificationUseCases(deps: { store: Store }): NotificationUseCases {
  return {
    async deliveries(incident, q) {
      return paginate(await deps.store.deliveries.byIncident(incident), (e) => e.id, q);
    },
    async outbox(limit, after) {
      let from: { at: Date; id: string } | undefined;
      if (after !== undefined) {
        const cut = after.indexOf('|');
        const at = new Date(after.slice(0, cut));
        if (cut < 0 || Number.isNaN(at.getTime())) throw badCursor();
        from = { at, id: after.slice(cut + 1) };
      }
      const items = await deps.store.outbox.latest(limit + 1, from);
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page, next: items.length > limit && last ? `${last.at.toISOString()}|${last.id}` : null };
    },
  };
}

/** Handlers of the notification reads: the delivery log and the local mail outbox. */
import type { Handler } from '../contract/router';
import { decodeCursor, encodeCursor, limitOf } from '../http/pagination';
import type { NotificationUseCases } from '../use-cases/notifications';

export function notificationHandlers(notifications: NotificationUseCases): Record<string, Handler> {
  return {
    listDeliveries: async ({ query }) => ({ status: 200, body: await notifications.deliveries(query.incident as string, { limit: query.limit, cursor: query.cursor }) }),
    listOutbox: async ({ query }) => {
      const page = await notifications.outbox(limitOf(query.limit), decodeCursor(query.cursor));
      return { status: 200, body: { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) } };
    },
  };
}

/**
 * The local mail outbox: where mail goes when no SMTP server is configured (the UI shows it).
 * One document per notification request (`_id` = its id), inserted once.
 */
import type { Connection, Model } from 'mongoose';
import { outboxModel, type OutboxDoc } from '../models/notification';
import { isDuplicateKey } from '../models/support';

export type OutboxMail = Omit<OutboxDoc, '_id'> & { id: string };

const mailOf = (d: OutboxDoc): OutboxMail => {
  const { _id, ...rest } = d;
  return { id: _id, ...rest, to: rest.to ?? [], at: d.at instanceof Date ? d.at : new Date(d.at) };
};

export class OutboxRepository {
  private readonly mails: Model<OutboxDoc>;

  constructor(connection: Connection) {
    this.mails = outboxModel(connection);
  }

  /** Puts a mail in the outbox; false when a mail with this id is already there. */
  async put(mail: Omit<OutboxMail, 'at'> & { at?: Date }): Promise<boolean> {
    const { id, ...rest } = mail;
    try {
      await this.mails.create({ ...rest, _id: id, at: mail.at ?? new Date() });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async get(id: string): Promise<OutboxMail | null> {
    const doc = await this.mails.findById(id).lean<OutboxDoc>();
    return doc ? mailOf(doc) : null;
  }

  /** The newest mails first, `limit` of them, after the mail `after` (time and id) of the previous page. */
  async latest(limit: number, after?: { at: Date; id: string }): Promise<OutboxMail[]> {
    const filter = after ? { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] } : {};
    const docs = await this.mails.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean<OutboxDoc[]>();
    return docs.map(mailOf);
  }
}

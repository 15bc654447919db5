/**
 * The andon board: calls per line, as a live log (the SSE stream per line) and as the board of
 * open calls.
 *
 * The log reuses the live stream's scheme (repositories/stream.ts) on a collection of its own:
 * ids `<UTC minute>-<index>`, each index claimed by inserting it, read by _id in order, resumable
 * with Last-Event-ID. The board keeps one document per call (`_id` = the notification request id,
 * so a retried call is one call); clearing an incident deletes its calls by line and incident.
 */
import type { Connection, Model } from 'mongoose';
import type { Bilingual } from '../../definitions/rules/vocabulary';
import { andonCallModel, andonEventModel, type AndonCallDoc } from '../models/notification';
import { fromJsonText, isDuplicateKey, toJsonText } from '../models/support';
import { StreamRepository, type StreamEvent } from './stream';

export type AndonColour = 'red' | 'orange' | 'yellow' | 'blue';

export interface AndonCall {
  /** The notification request id: one call per request. */
  id: string;
  incident: string;
  site: string;
  line: string;
  level: number;
  severity: string;
  colour: AndonColour;
  title: Bilingual;
  /** A text meant to be spoken by the board. */
  speech: Bilingual;
  at: Date;
}

/** How long a call stays on the board when nobody clears it. */
export const ANDON_BOARD_MAX_AGE_MS = 24 * 3600_000;
const MAX_BOARD_DOCS = 1000;

export class AndonRepository {
  private readonly calls: Model<AndonCallDoc>;
  /** The andon event log (SSE per line). */
  readonly log: StreamRepository;

  constructor(connection: Connection) {
    this.calls = andonCallModel(connection);
    this.log = new StreamRepository(connection, andonEventModel(connection));
  }

  /** Puts a call on its line's board and stream; false (and nothing appended) when it is already there. */
  async call(c: Omit<AndonCall, 'at'> & { at?: Date }): Promise<{ added: boolean; event: StreamEvent | null }> {
    const at = c.at ?? new Date();
    const call: AndonCall = { ...c, at };
    try {
      await this.calls.create({ _id: c.id, line: c.line, site: c.site, incident: c.incident, data: toJsonText(call), at });
    } catch (e) {
      if (isDuplicateKey(e)) return { added: false, event: null };
      throw e;
    }
    const event = await this.log.append({ type: 'andon.call', site: c.site, line: c.line, data: call }, at);
    return { added: true, event };
  }

  /** Takes an incident's calls off a line's board (acknowledged or resolved); says so on the stream when there were any. */
  async clear(site: string, line: string, incident: string, at: Date = new Date()): Promise<number> {
    const { deletedCount } = await this.calls.deleteMany({ line, incident });
    if (deletedCount > 0) await this.log.append({ type: 'andon.cleared', site, line, data: { incident, at } }, at);
    return deletedCount;
  }

  /** The open calls of a line: the latest call of each incident, newest first, none older than `maxAgeMs`. */
  async board(line: string, now: Date = new Date(), maxAgeMs: number = ANDON_BOARD_MAX_AGE_MS): Promise<AndonCall[]> {
    const docs = await this.calls
      .find({ line, at: { $gte: new Date(now.getTime() - maxAgeMs) } })
      .sort({ at: 1, _id: 1 })
      .limit(MAX_BOARD_DOCS)
      .lean<AndonCallDoc[]>();
    const latest = new Map<string, AndonCall>();
    for (const d of docs) {
      const call = fromJsonText(d.data) as AndonCall;
      latest.set(d.incident, { ...call, at: new Date(call.at) });
    }
    return [...latest.values()].sort((a, b) => b.at.getTime() - a.at.getTime());
  }
}

/**
 * Production events held in memory, in time order: by type, and by type and product model (most
 * facts name a model). Each list has a version that changes whenever an event enters or leaves
 * it, so a query's answer can be kept until one of the lists it read changes (see Selection).
 */
import type { EventFilter, ProductionEvent as ProductionEventDoc } from '../../../store';
import { matchesFilter } from './in-memory';

interface EventList {
  events: ProductionEventDoc[];
  version: number;
}

interface TypeIndex {
  all: EventList;
  byModel: Map<string, EventList>;
}

/** Which part of which lists a query read: equal selections read exactly the same events. */
export interface Selection {
  lists: EventList[];
  versions: number[];
  ranges: number[];
}

const earlier = (a: ProductionEventDoc, b: ProductionEventDoc): boolean => a.at.getTime() < b.at.getTime() || (a.at.getTime() === b.at.getTime() && a._id < b._id);
const byTime = (a: ProductionEventDoc, b: ProductionEventDoc): number => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0);

/** First index whose event is at or after `t`. */
function lowerBound(list: readonly ProductionEventDoc[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as ProductionEventDoc).at.getTime() < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose event is after `t`. */
function upperBound(list: readonly ProductionEventDoc[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as ProductionEventDoc).at.getTime() <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts in time order; batches arrive nearly in time order, so walk back from the end to the place. */
function insertSorted(list: EventList, doc: ProductionEventDoc): void {
  let i = list.events.length;
  while (i > 0 && earlier(doc, list.events[i - 1] as ProductionEventDoc)) i--;
  list.events.splice(i, 0, doc);
  list.version += 1;
}

export class EventIndex {
  private readonly byType = new Map<string, TypeIndex>();
  private readonly ids = new Set<string>();

  get size(): number {
    return this.ids.size;
  }

  /** Adds the event unless it is there already (by `_id`). */
  insert(doc: ProductionEventDoc): void {
    if (this.ids.has(doc._id)) return;
    this.ids.add(doc._id);
    let index = this.byType.get(doc.type);
    if (!index) {
      index = { all: { events: [], version: 0 }, byModel: new Map() };
      this.byType.set(doc.type, index);
    }
    insertSorted(index.all, doc);
    if (doc.productModel !== null) {
      let list = index.byModel.get(doc.productModel);
      if (!list) {
        list = { events: [], version: 0 };
        index.byModel.set(doc.productModel, list);
      }
      insertSorted(list, doc);
    }
  }

  /** Drops every event before `oldest`. */
  dropBefore(oldest: number): void {
    for (const index of this.byType.values()) {
      const gone = index.all.events.splice(0, lowerBound(index.all.events, oldest));
      if (gone.length === 0) continue;
      index.all.version += 1;
      for (const e of gone) this.ids.delete(e._id);
      for (const [model, list] of index.byModel) {
        const cut = lowerBound(list.events, oldest);
        if (cut === 0) continue;
        list.events.splice(0, cut);
        list.version += 1;
        if (list.events.length === 0) index.byModel.delete(model);
      }
    }
  }

  /** The lists and index ranges the filter's types, model and time range cover. */
  selection(filter: EventFilter & { types: readonly string[]; from: Date }): Selection {
    const from = filter.from.getTime();
    const to = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
    const selection: Selection = { lists: [], versions: [], ranges: [] };
    const model = filter.productModel;
    for (const type of filter.types) {
      const index = this.byType.get(type);
      if (!index) continue;
      const lists = model === undefined ? [index.all] : (typeof model === 'string' ? [model] : model).flatMap((m) => index.byModel.get(m) ?? []);
      for (const list of lists) {
        selection.lists.push(list);
        selection.versions.push(list.version);
        selection.ranges.push(lowerBound(list.events, from), upperBound(list.events, to));
      }
    }
    return selection;
  }

  /** Whether two selections read the same events: the same lists, unchanged, over the same ranges. */
  static same(a: Selection, b: Selection): boolean {
    if (a.lists.length !== b.lists.length || a.ranges.length !== b.ranges.length) return false;
    for (let i = 0; i < a.lists.length; i++) if (a.lists[i] !== b.lists[i] || a.versions[i] !== b.versions[i]) return false;
    for (let i = 0; i < a.ranges.length; i++) if (a.ranges[i] !== b.ranges[i]) return false;
    return true;
  }

  /** The events of a selection that pass the rest of the filter, in time order. */
  static events(selection: Selection, filter: EventFilter): ProductionEventDoc[] {
    const rows: ProductionEventDoc[] = [];
    selection.lists.forEach((list, i) => {
      const end = selection.ranges[2 * i + 1] as number;
      for (let k = selection.ranges[2 * i] as number; k < end; k++) {
        const e = list.events[k] as ProductionEventDoc;
        if (matchesFilter(e, filter)) rows.push(e);
      }
    });
    if (selection.lists.length > 1) rows.sort(byTime);
    return rows;
  }
}

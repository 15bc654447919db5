/**
 * Typed keys of the search attributes (names in engine/ids.ts SEARCH_ATTRIBUTES) and the ones a
 * unit's run starts with: whoever starts a unit (the API, a work order) uses these, and the run
 * keeps `status` up to date itself once it was started with one.
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

export const serialSearchAttribute = keyword('serial');
export const routingKeySearchAttribute = keyword('routingKey');
export const workOrderSearchAttribute = keyword('workOrder');
export const productModelSearchAttribute = keyword('productModel');
export const lineSearchAttribute = keyword('line');
export const statusSearchAttribute = keyword('status');

/**
 * The `status` a unit's run shows in the Web UI: 'active' while it waits for or works a step (a
 * unit alternates between the two with every action, and each change would cost a visibility
 * write); 'held', 'scrapped' and 'finished' as they are.
 */
export function runStatus(status: string): string {
  return status === 'waiting' || status === 'in-progress' ? 'active' : status;
}

/** What a unit's run is started with, so the Temporal Web UI can filter on it. */
export function unitSearchAttributes(u: { serial: string; routingKey: string; line: string; productModel?: string; workOrder?: string }): SearchAttributePair[] {
  return [
    { key: serialSearchAttribute, value: u.serial },
    { key: routingKeySearchAttribute, value: u.routingKey },
    { key: lineSearchAttribute, value: u.line },
    { key: statusSearchAttribute, value: 'active' },
    ...(u.productModel ? [{ key: productModelSearchAttribute, value: u.productModel }] : []),
    ...(u.workOrder ? [{ key: workOrderSearchAttribute, value: u.workOrder }] : []),
  ];
}

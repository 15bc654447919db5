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

/** What a unit's run is started with, so the Temporal Web UI can filter on it. */
export function unitSearchAttributes(u: { serial: string; routingKey: string; line: string; productModel?: string; workOrder?: string }): SearchAttributePair[] {
  return [
    { key: serialSearchAttribute, value: u.serial },
    { key: routingKeySearchAttribute, value: u.routingKey },
    { key: lineSearchAttribute, value: u.line },
    { key: statusSearchAttribute, value: 'waiting' },
    ...(u.productModel ? [{ key: productModelSearchAttribute, value: u.productModel }] : []),
    ...(u.workOrder ? [{ key: workOrderSearchAttribute, value: u.workOrder }] : []),
  ];
}

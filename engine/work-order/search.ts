/**
 * Keyword search attributes, limited to those registered (engine/ids.ts SEARCH_ATTRIBUTES): a
 * workflow that sets an unregistered one fails, so an attribute is set only once it is listed.
 */
import { SEARCH_ATTRIBUTES } from '../ids';

export interface KeywordPair {
  key: { name: string; type: 'KEYWORD' };
  value: string;
}

export function keywordAttributes(values: Record<string, string | undefined>): KeywordPair[] {
  const registered: readonly string[] = SEARCH_ATTRIBUTES;
  return Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined && registered.includes(e[0]))
    .map(([name, value]) => ({ key: { name, type: 'KEYWORD' }, value }));
}

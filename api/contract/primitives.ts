/** JSON Schema building blocks the contract's parts share. */
import type { JsonSchema } from './embed';

/** A reference to one of the contract's component schemas. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
/** Problem answers for these statuses. */
export const problems = (status: number[]): Record<number, JsonSchema> => Object.fromEntries(status.map((s) => [s, ref('Problem')]));
export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const int = { type: 'integer' } as const;

/** A page of a cursor-paginated list. */
export function page(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: item }, nextCursor: { ...nullableStr, description: 'Pass as ?cursor= for the next page; null on the last.' } },
  };
}

/**
 * Definitions' JSON Schemas embedded as OpenAPI components: `$id` and `$schema` dropped (the
 * document is the resource), internal `#/$defs/…` references re-pointed into the component.
 */
export type JsonSchema = Record<string, unknown>;

export function embed(schema: object, componentName: string): JsonSchema {
  const base = `#/components/schemas/${componentName}`;
  const walk = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    if (node === null || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) {
      if (top && (k === '$id' || k === '$schema')) continue;
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = base + v.slice(1);
      else out[k] = walk(v, false);
    }
    return out;
  };
  return walk(schema, true) as JsonSchema;
}

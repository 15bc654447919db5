/** The validators compiled at build time by designer/build/ajv-browser.ts (one export per schema, plus ids and options). */
declare module 'virtual:taktflow-ajv-precompiled' {
  export const ids: Record<string, string>;
  export const options: Record<string, unknown>;
}

/**
 * Stands in for `ajv/dist/2020` inside definitions/ in the browser bundle (see
 * designer/build/ajv-browser.ts): the API's Content-Security-Policy forbids compiling schemas at
 * run time, so `getSchema` hands out the functions compiled at build time with the same options.
 */
import * as precompiled from 'virtual:taktflow-ajv-precompiled';

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

interface Precompiled {
  ids: Record<string, string>;
  options: Record<string, unknown>;
  [exportName: string]: unknown;
}

const compiledAtBuild = precompiled as unknown as Precompiled;

export default class PrecompiledAjv {
  constructor(options: Record<string, unknown>) {
    for (const [key, value] of Object.entries(options)) {
      if (compiledAtBuild.options[key] !== value) {
        throw new Error(`ajv option ${key} differs from designer/build/ajv-browser.ts (AJV_OPTIONS): rebuild the designer with the same options`);
      }
    }
  }

  getSchema(id: string): Validate | undefined {
    const name = compiledAtBuild.ids[id];
    return name === undefined ? undefined : (compiledAtBuild[name] as Validate);
  }

  addSchema(schema: { $id?: string }): this {
    throw new Error(`schema ${String(schema.$id)} is not precompiled for the browser: add it to SCHEMAS in designer/build/ajv-browser.ts`);
  }
}

/**
 * Vite plugin: the designer runs the server's validators (definitions/) in the browser, but the
 * API's Content-Security-Policy (helmet: script-src 'self') forbids the `new Function` that ajv
 * compiles schemas with. So the schemas are compiled here, at build time, with ajv's standalone
 * code generator and the same options as definitions/validation/ajv.ts; in the bundle,
 * `ajv/dist/2020` is replaced by a small class (../src/validation/precompiled-ajv.ts) that hands
 * out these precompiled functions, and `ajv-formats` by a no-op (the formats are compiled in).
 * definitions/validation/ajv.ts itself (its error → finding mapping) is used unchanged.
 */
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import type { Plugin } from 'vite';
import { bundleSchema } from '../../definitions/bundle';
import { masterDataSchema } from '../../definitions/master-data/schema';
import { escalationPolicySchema } from '../../definitions/policies/schema';
import { routingSchema } from '../../definitions/routing/schema';
import { alertRuleSchema } from '../../definitions/rules/schema';

/** Must equal the options of definitions/validation/ajv.ts; the browser class checks it at run time. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true } as const;

/** The schemas the designer validates: the definition kinds it edits and the import/export bundle. */
const SCHEMAS = [routingSchema, alertRuleSchema, escalationPolicySchema, masterDataSchema, bundleSchema];

const PRECOMPILED = 'virtual:taktflow-ajv-precompiled';
const RESOLVED = '\0' + PRECOMPILED;

/**
 * An ES module exporting one validate function per schema, the $id → export map and the options.
 * ajv's generated code require()s its runtime helpers and the format checks; those become imports,
 * so the module works in the build and in the dev server alike.
 */
function precompiledModule(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  addFormats(ajv);
  const exports: Record<string, string> = {};
  SCHEMAS.forEach((schema, i) => {
    ajv.addSchema(schema as object);
    exports[`schema${i}`] = schema.$id;
  });
  const imports = new Map<string, string>();
  const code = standaloneCode(ajv, exports).replace(/require\("([^"]+)"\)/g, (_, module: string) => {
    if (!imports.has(module)) imports.set(module, `__runtime${imports.size}`);
    return `__cjs(${imports.get(module) as string})`;
  });
  // A CommonJS module's exports, whether the bundler's namespace honours __esModule (build) or
  // wraps module.exports as default (dev server's pre-bundling).
  const interop = 'const __cjs = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);';
  const header = [...[...imports].map(([module, name]) => `import * as ${name} from ${JSON.stringify(module)};`), interop].join('\n');
  const ids = JSON.stringify(Object.fromEntries(SCHEMAS.map((s, i) => [s.$id, `schema${i}`])));
  return `${header}\n${code.replace(/^"use strict";/, '')}\nexport const ids = ${ids};\nexport const options = ${JSON.stringify(AJV_OPTIONS)};\n`;
}

export function ajvBrowser(): Plugin {
  const shim = fileURLToPath(new URL('../src/validation/precompiled-ajv.ts', import.meta.url));
  const noFormats = fileURLToPath(new URL('../src/validation/no-formats.ts', import.meta.url));
  return {
    name: 'taktflow-ajv-browser',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === PRECOMPILED) return RESOLVED;
      // Only definitions/ is redirected; the precompiled code's own ajv imports stay real.
      if (importer === undefined || !importer.includes('/definitions/')) return null;
      if (id === 'ajv/dist/2020') return shim;
      if (id === 'ajv-formats') return noFormats;
      return null;
    },
    load(id) {
      return id === RESOLVED ? precompiledModule() : null;
    },
  };
}

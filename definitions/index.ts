/** definitions/: schemas, types derived from them, validators and examples. Pure, no I/O. */
export * from './routing/schema';
export * from './routing/graph';
export * from './routing/semantic';
export * from './routing/validate';
export * from './actions/schema';
export * from './actions/validate';
export * from './validation/finding';
export { schemaFindings } from './validation/ajv';
export * from './kinds';
export * from './bundle';
export * from './units/model';
export * from './master-data/schema';
export type { ValidationContext } from './validation/context';

/** Structured diff between two versions of a definition. Pure, no I/O. */
export * from './types';
export { diffDefinitions } from './diff';
export { IDENTITY_RULES, rulesFor, type CollectionRule, type DerivedValue, type IdentityKey, type KindRules, type Matching } from './identity';

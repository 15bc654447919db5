/**
 * The fact catalog as GET /facts serves it (facts, param types, operators without their
 * evaluate functions), and the lookups the condition editor makes in it.
 */
import type { ParamType, ParamTypeName, Fact } from '../../../../definitions/rules/facts';
import type { Bilingual } from '../../../../definitions/rules/vocabulary';
import { factCatalog, type CatalogOperator, type FactCatalog } from '../../../../definitions/rules/catalog';

export type { CatalogOperator, FactCatalog };

/** The catalog this build of the designer was compiled with (the server serves the same data). */
export const bundledCatalog = factCatalog;

export function findFact(catalog: FactCatalog, name: string | undefined): Fact | undefined {
  return name === undefined ? undefined : catalog.facts.find((f) => f.name === name);
}

export function findOperator(catalog: FactCatalog, name: string | undefined): CatalogOperator | undefined {
  return name === undefined ? undefined : catalog.operators.find((o) => o.name === name);
}

export function findParamType(catalog: FactCatalog, name: ParamTypeName | string): ParamType | undefined {
  return catalog.paramTypes.find((p) => p.name === name);
}

/** The operators that apply to a fact's value type, in catalog order. */
export function operatorsFor(catalog: FactCatalog, fact: Fact | undefined): CatalogOperator[] {
  if (!fact) return [];
  return catalog.operators.filter((o) => o.appliesTo.includes(fact.valueType));
}

export type Language = 'en' | 'zh';

/** The text of a bilingual label in the UI language. */
export const say = (labels: Bilingual, language: Language): string => labels[language];

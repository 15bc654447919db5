/**
 * The fact catalog as GET /facts serves it and the designer offers it: the facts, the param types
 * and the operators (without their evaluate functions).
 */
import { FACTS, PARAM_TYPES, type Fact, type ParamType } from './facts';
import { OPERATORS, type OperatorSpec } from './operators';

export type CatalogOperator = Omit<OperatorSpec, 'evaluate'>;

export interface FactCatalog {
  facts: readonly Fact[];
  paramTypes: readonly ParamType[];
  operators: readonly CatalogOperator[];
}

export function factCatalog(): FactCatalog {
  return {
    facts: FACTS,
    paramTypes: Object.values(PARAM_TYPES),
    operators: Object.values(OPERATORS).map(({ evaluate, ...rest }) => {
      void evaluate;
      return rest;
    }),
  };
}

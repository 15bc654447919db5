// Public surface of the rule designer room: the shell mounts these pages at #/rules and #/policies.
export { RulesPage } from './RulesPage';
export { PoliciesPage } from './PoliciesPage';

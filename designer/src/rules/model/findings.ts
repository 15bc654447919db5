/**
 * Live validation with the server's own validators (definitions/), and placing findings at the
 * fields they point to. The server's 422 answers carry the same findings (problem `errors`).
 */
import { validateEscalationPolicy } from '../../../../definitions/policies/validate';
import { conditionFindings } from '../../../../definitions/rules/conditions';
import { referenceSets } from '../../../../definitions/rules/references';
import type { AlertRule } from '../../../../definitions/rules/schema';
import { availableVariables } from '../../../../definitions/rules/templates';
import { validateAlertRule } from '../../../../definitions/rules/validate';
import type { ValidationContext } from '../../../../definitions/validation/context';
import type { Finding } from '../../../../definitions/validation/finding';
import type { Language } from './catalog';

export interface LiveValidation {
  findings: Finding[];
  /** False when the validators could not run here (then only the server's answers are shown). */
  available: boolean;
}

function run(validate: () => { ok: boolean; findings?: Finding[] }): LiveValidation {
  try {
    const result = validate();
    return { findings: result.ok ? [] : (result.findings ?? []), available: true };
  } catch {
    return { findings: [], available: false };
  }
}

/** Where a schema problem keeps the condition checks from running meaningfully. */
const CONDITION_INPUTS = ['/conditions', '/triggers', '/scope'];

/**
 * The server's validation of a rule. The server checks conditions only once the whole rule has
 * the right shape; while the author has, say, no name yet, the conditions are checked here as
 * well (when they, the triggers and the scope are well-formed) so a leaf's problems show at once.
 */
export function validateRuleDoc(doc: unknown, ctx: ValidationContext = {}): LiveValidation {
  return run(() => {
    const result = validateAlertRule(doc, ctx);
    if (result.ok || !result.findings.every((f) => f.code.startsWith('schema.'))) return result;
    if (result.findings.some((f) => CONDITION_INPUTS.some((p) => f.pointer === '' || f.pointer === p || f.pointer.startsWith(p + '/')))) return result;
    const rule = doc as AlertRule;
    const references = ctx.masterData ? referenceSets(ctx.masterData) : undefined;
    return { ok: false, findings: [...result.findings, ...conditionFindings(rule, { available: availableVariables(rule), scope: rule.scope, references })] };
  });
}

export function validatePolicyDoc(doc: unknown, ctx: ValidationContext = {}): LiveValidation {
  return run(() => validateEscalationPolicy(doc, ctx));
}

/** Findings about exactly this value. */
export function findingsAt(findings: readonly Finding[], pointer: string): Finding[] {
  return findings.filter((f) => f.pointer === pointer);
}

/** Findings about this value or anything inside it. */
export function findingsUnder(findings: readonly Finding[], pointer: string): Finding[] {
  return findings.filter((f) => f.pointer === pointer || f.pointer.startsWith(pointer + '/'));
}

/** Findings no field of `shown` claims (shown at the top of the editor so nothing is lost). */
export function unplaced(findings: readonly Finding[], shown: readonly string[]): Finding[] {
  return findings.filter((f) => !shown.some((p) => f.pointer === p || f.pointer.startsWith(p + '/')));
}

export const messageOf = (f: Finding, language: Language): string => (language === 'zh' ? f.messageZh : f.message);

interface ProblemLike {
  errors?: Array<Partial<Finding>>;
}

/**
 * The findings of a problem+json answer, with `prefix` taken off their pointers (a dry run
 * reports the draft's findings under `/rule`).
 */
export function findingsOfProblem(problem: unknown, prefix = ''): Finding[] {
  const errors = (problem as ProblemLike | null | undefined)?.errors ?? [];
  return errors.map((e) => {
    const pointer = typeof e.pointer === 'string' ? e.pointer : '';
    return {
      pointer: prefix !== '' && pointer.startsWith(prefix) ? pointer.slice(prefix.length) : pointer,
      code: e.code ?? 'error',
      message: e.message ?? '',
      messageZh: e.messageZh ?? e.message ?? '',
    };
  });
}

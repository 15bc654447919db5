/**
 * What semantic validation may look up beyond the definition itself. Pure data: the caller
 * (API, CLI, tests) loads it; validators never do I/O.
 */
import type { MasterData } from '../master-data/schema';

export interface ValidationContext {
  /**
   * The site's published master data. When given, references (station groups, parts, defect
   * codes, product models, lines, shifts, users, roles, groups) must exist in it; when absent,
   * reference checks are not made.
   */
  masterData?: MasterData;
  /** Keys of published escalation policies; when given, a rule's policy must be one of them. */
  escalationPolicies?: ReadonlySet<string>;
}

/**
 * Semantic checks of a routing that a schema cannot express. Each finding names the JSON
 * pointer of the value at fault, a stable `routing.*` code and a message in English and Chinese.
 *
 * Findings come in this order: structure (checks/structure.ts: step ids, entry, transitions,
 * queue-time limit steps), paths (checks/paths.ts: reachability, ends, fail paths, loops,
 * queue-time paths), parallel branches (checks/splits.ts), step content (checks/steps.ts:
 * minutes, measurements, components) and, with master data, references (checks/references.ts).
 *
 * Decisions a reader should know:
 * - The entry is `entry`, or else the one step no transition leads to (routing.entry-ambiguous
 *   otherwise). Reachability and ends are only judged once the entry is known.
 * - An end is a step whose pass has no transition: a unit that passes it has finished. Such a
 *   step may still have fail transitions (a final check sending damaged units to repair), so a
 *   step with a fail but no pass transition is accepted: it ends the routing on pass.
 * - A transition that names an unknown step is reported once and left out of the path and split
 *   checks; an ambiguous one (reported once) still counts for reachability and ends, but not for
 *   loops and branches. So one mistake does not come back as a broken path.
 * - A loop is bounded when at least one of its transitions carries maxLoops (the rework
 *   transition, or the way back); maxLoops on a transition outside any loop is reported.
 * - A fail transition with defectCodes is taken for those codes; at most one fail transition of a
 *   step has none (the catch-all the engine takes while it records no defect code).
 * - A component entry without productModel applies to every model without an entry of its own;
 *   when the routing lists productModels, every one of them must get part numbers.
 */
import type { ValidationContext } from '../validation/context';
import type { Finding } from '../validation/finding';
import { pathFindings } from './checks/paths';
import { referenceFindings } from './checks/references';
import { splitFindings } from './checks/splits';
import { stepFindings } from './checks/steps';
import { structureFindings } from './checks/structure';
import type { Routing } from './schema';

export function routingFindings(routing: Routing, ctx: ValidationContext = {}): Finding[] {
  const { findings, model } = structureFindings(routing);
  return [
    ...findings,
    ...pathFindings(model),
    ...splitFindings(model),
    ...stepFindings(routing),
    ...(ctx.masterData === undefined ? [] : referenceFindings(routing, ctx.masterData)),
  ];
}

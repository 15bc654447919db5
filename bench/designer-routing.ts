/**
 * Routings the designer benchmark opens: the blocks of bench/routing-generator.ts (seven
 * operations, an inspection with its repair loop, a test: bounded rework loops and a queue-time
 * limit per block), where every other block starts with a split into two parallel operations
 * that meet again at a join.
 */
import type { Routing } from '../definitions/routing/schema';
import { generatedRouting } from './routing-generator';

interface Step {
  id: string;
  split?: boolean;
  join?: boolean;
}
interface Transition {
  from: string;
  to: string;
  on: string;
}

export function designerRouting(steps: number): Routing {
  const routing = generatedRouting(steps) as unknown as { name: string; steps: Step[]; transitions: Transition[] };
  routing.name = `Designer benchmark routing with ${steps} steps`;
  for (let b = 0; b < steps / 10; b += 2) {
    const id = (i: number): string => `b${b}-op${i}`;
    // op0 splits into op1 and op2, which both lead to op3 (the join) instead of op1 → op2 → op3.
    const inner = routing.transitions.find((t) => t.from === id(1) && t.to === id(2));
    if (!inner) throw new Error(`block ${b} has no ${id(1)} → ${id(2)} transition`);
    inner.to = id(3);
    routing.transitions.push({ from: id(0), to: id(2), on: 'pass' });
    const split = routing.steps.find((s) => s.id === id(0));
    const join = routing.steps.find((s) => s.id === id(3));
    if (!split || !join) throw new Error(`block ${b} lacks ${id(0)} or ${id(3)}`);
    split.split = true;
    join.join = true;
  }
  return routing as unknown as Routing;
}

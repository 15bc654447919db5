/**
 * Row 3: full validation (schema, semantics, master-data references) of a 300-step routing
 * against a 30-step one, alternating, in one run. Linear scaling would give 10; the goal is ≤ 15.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MasterData } from '../definitions/master-data/schema';
import { validateRouting } from '../definitions/routing/validate';
import { emptySample, timed, type Row } from './measure';
import { generatedRouting } from './routing-generator';

export async function validationScaling(o: { rounds: number; iterations: number }): Promise<Row> {
  const masterData = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as MasterData;
  const ctx = { masterData };
  const large = generatedRouting(300);
  const small = generatedRouting(30);
  for (const r of [large, small]) {
    const result = validateRouting(r, ctx);
    if (!result.ok) throw new Error(`generated routing is not valid: ${JSON.stringify(result.findings.slice(0, 3))}`);
  }
  const ours = emptySample();
  const baseline = emptySample();
  // Time per validation is what is compared: "ours" is the 300-step routing, the baseline the 30-step one.
  for (let round = 0; round < o.rounds; round++) {
    await timed(baseline, o.iterations * 10, async () => validateRouting(small, ctx));
    await timed(ours, o.iterations, async () => validateRouting(large, ctx));
  }
  return { name: 'validation time: 300-step routing ÷ 30-step routing (goal ≤ 15)', ours, baseline, unit: 'ms', timePerOp: true };
}

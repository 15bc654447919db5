/**
 * Realistic routings of any size for benchmarks: blocks of ten steps — seven operations with
 * components, an inspection with measurements and defect codes, its repair loop, a test — chained
 * by pass transitions, with a bounded rework loop and a queue-time limit per block.
 */
import type { Routing } from '../definitions/routing/schema';

export function generatedRouting(steps: number): Routing {
  if (steps % 10 !== 0 || steps < 10) throw new Error('steps must be a multiple of 10');
  const blocks = steps / 10;
  const routing = {
    name: `Generated routing with ${steps} steps`,
    mode: 'unit',
    productModels: ['MB-A100', 'MB-B200'],
    entry: 'b0-op0',
    steps: [] as Array<Record<string, unknown>>,
    transitions: [] as Array<Record<string, unknown>>,
    queueTimeLimits: [] as Array<Record<string, unknown>>,
  };
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 7; i++) {
      routing.steps.push({
        id: `b${b}-op${i}`,
        name: `Block ${b} operation ${i}`,
        kind: 'operation',
        stationGroup: 'smt-mounter',
        standardMinutes: 1,
        maxMinutes: 5,
        components: [
          {
            name: 'Board',
            quantity: 1,
            captureSupplierLot: true,
            partNumbers: [
              { productModel: 'MB-A100', partNumbers: ['PCB-A100'] },
              { productModel: 'MB-B200', partNumbers: ['PCB-B200'] },
            ],
          },
        ],
      });
      routing.transitions.push({ from: `b${b}-op${i}`, to: i < 6 ? `b${b}-op${i + 1}` : `b${b}-aoi`, on: 'pass' });
    }
    routing.steps.push(
      {
        id: `b${b}-aoi`,
        name: `Block ${b} inspection`,
        kind: 'inspection',
        stationGroup: 'smt-aoi',
        standardMinutes: 1,
        maxMinutes: 3,
        measurements: [{ name: 'Solder volume', unit: '%', lsl: 70, target: 100, usl: 130 }],
        defectCodes: ['D-BRIDGE', 'D-INSUFF', 'D-MISSING'],
      },
      { id: `b${b}-repair`, name: `Block ${b} repair`, kind: 'rework', stationGroup: 'smt-repair', standardMinutes: 5, maxMinutes: 30 },
      {
        id: `b${b}-ict`,
        name: `Block ${b} test`,
        kind: 'test',
        stationGroup: 'test-ict',
        standardMinutes: 1,
        maxMinutes: 3,
        measurements: [{ name: '3V3 rail', unit: 'V', lsl: 3.135, target: 3.3, usl: 3.465 }],
        defectCodes: ['D-SHORT', 'D-OPEN'],
      },
    );
    const next = b + 1 < blocks ? `b${b + 1}-op0` : undefined;
    routing.transitions.push(
      { from: `b${b}-aoi`, to: `b${b}-ict`, on: 'pass' },
      { from: `b${b}-aoi`, to: `b${b}-repair`, on: 'fail', maxLoops: 3, onMaxLoops: 'hold' },
      { from: `b${b}-repair`, to: `b${b}-aoi`, on: 'pass' },
      { from: `b${b}-ict`, to: `b${b}-repair`, on: 'fail', maxLoops: 2, onMaxLoops: 'scrap' },
    );
    if (next) routing.transitions.push({ from: `b${b}-ict`, to: next, on: 'pass' });
    routing.queueTimeLimits.push({ from: `b${b}-op0`, to: `b${b}-aoi`, maxMinutes: 240, onViolation: 'hold' });
  }
  return routing as unknown as Routing;
}

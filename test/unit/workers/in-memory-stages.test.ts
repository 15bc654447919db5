/** The aggregation stages facts use, evaluated in memory: the same rows the server would return. */
import type { PipelineStage } from 'mongoose';
import type { ProductionEvent as ProductionEventDoc } from '../../../store';
import { matchesFilter, NotInMemory, runStages } from '../../../workers/rules/facts/in-memory';

function doc(over: Partial<ProductionEventDoc>): ProductionEventDoc {
  return {
    _id: `${over.serial ?? 'SN'}:${over.seq ?? 1}`, serial: 'SN', seq: 1, type: 'completed', at: new Date('2026-11-24T08:00:00Z'), site: 'plant-1', line: 'SMT1',
    productModel: 'MB-A', workOrder: null, lot: null, step: 'aoi', station: 'AOI-01', operator: 'op-1', equipment: null, result: 'pass',
    defectCodes: [], failed: 0, passed: 1, defective: 0, detail: null, ...over,
  };
}

const ROWS = [
  doc({ serial: 'A', result: 'fail', failed: 1, passed: 0, defective: 1, defectCodes: ['D-BRIDGE', 'D-SHORT'] }),
  doc({ serial: 'A', seq: 2, result: 'pass' }),
  doc({ serial: 'B', result: 'fail', failed: 1, passed: 0, defective: 1 }),
  doc({ serial: 'C', defectCodes: ['D-BRIDGE'], defective: 1 }),
];

describe('in-memory stages', () => {
  it.each<[string, PipelineStage[], unknown[]]>([
    ['when nothing but a count is asked, then every row counts', [{ $group: { _id: null, n: { $sum: 1 } } }], [{ _id: null, n: 4 }]],
    ['when rows are grouped by serial, then each serial is one row', [{ $group: { _id: '$serial' } }], [{ _id: 'A' }, { _id: 'B' }, { _id: 'C' }]],
    ['when distinct serials are counted, then it is two groups deep', [{ $match: { defective: 1 } }, { $group: { _id: '$serial' } }, { $group: { _id: null, n: { $sum: 1 } } }], [{ _id: null, n: 3 }]],
    ['when a field equals an array element, then the array matches', [{ $match: { defectCodes: 'D-BRIDGE' } }, { $group: { _id: null, n: { $sum: 1 } } }], [{ _id: null, n: 2 }]],
    ['when $size is 0, then only rows without codes match', [{ $match: { failed: 1, defectCodes: { $size: 0 } } }, { $group: { _id: null, n: { $sum: 1 } } }], [{ _id: null, n: 1 }]],
    ['when codes are unwound, then each code is a row', [{ $unwind: '$defectCodes' }, { $group: { _id: '$defectCodes', n: { $sum: 1 } } }], [{ _id: 'D-BRIDGE', n: 2 }, { _id: 'D-SHORT', n: 1 }]],
    ['when $in lists values, then any of them matches', [{ $match: { serial: { $in: ['A', 'C'] } } }, { $group: { _id: null, n: { $sum: 1 } } }], [{ _id: null, n: 3 }]],
    ['when nothing matches, then a count has no row (as on the server)', [{ $match: { serial: 'Z' } }, { $group: { _id: null, n: { $sum: 1 } } }], []],
  ])('%s', (_name, stages, expected) => {
    expect(runStages(ROWS, stages)).toEqual(expected);
  });

  it.each<[string, PipelineStage[]]>([
    ['a $sum of a field', [{ $group: { _id: null, n: { $sum: '$failed' } } }]],
    ['a $sort stage', [{ $sort: { at: 1 } }]],
    ['a $gt condition', [{ $match: { seq: { $gt: 1 } } }]],
    ['a dotted path', [{ $match: { 'a.b': 1 } } as PipelineStage]],
  ])('when the pipeline has %s, then it is left to the server', (_name, stages) => {
    expect(() => runStages(ROWS, stages)).toThrow(NotInMemory);
  });

  it('when a filter names dimensions, a defect code and serials, then only events with all of them pass', () => {
    const f = { productModel: ['MB-A', 'MB-B'], line: 'SMT1', defectCode: 'D-BRIDGE', serials: ['A', 'B'] };
    expect(ROWS.filter((e) => matchesFilter(e, f)).map((e) => e._id)).toEqual(['A:1']);
    expect(ROWS.filter((e) => matchesFilter(e, { line: 'SMT2' }))).toEqual([]);
  });
});

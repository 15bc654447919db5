/**
 * What an author reads: semantic findings of a routing in English and Chinese, naming the steps,
 * codes and values at fault.
 */
import { at, exampleWith, findingsOf, list, masterData, type LooseRouting } from './kit';

const FA = 'fa-terminal';
const component = (r: LooseRouting, i: number, j: number): Record<string, unknown> => at(list(at(r.steps, i), 'components'), j);
const measurement = (r: LooseRouting, i: number, j: number): Record<string, unknown> => at(list(at(r.steps, i), 'measurements'), j);
const withoutLoopLimit = (t: Record<string, unknown>): void => {
  delete t.maxLoops;
  delete t.onMaxLoops;
};

describe('validateRouting explains semantic findings in words', () => {
  it('when the entry names no step, then the finding quotes the name', () => {
    // Arrange
    const routing = exampleWith((r) => (r.entry = 'xray'));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([{ pointer: '/entry', code: 'routing.unknown-step', message: 'entry names no step: "xray"', messageZh: '入口工序不存在："xray"' }]);
  });

  it('when a step cannot be reached, then the finding names the step and the entry step', () => {
    // Arrange
    const routing = exampleWith((r) => r.steps.push({ id: 'scrap', name: 'Scrap', kind: 'operation', stationGroup: 'scrap' }));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      { pointer: '/steps/8', code: 'routing.unreachable-step', message: 'step "scrap" cannot be reached from the entry step "print"', messageZh: '从入口工序 "print" 无法到达工序 "scrap"' },
    ]);
  });

  it('when there is no entry and two steps have no incoming transition, then the finding names both and asks for an entry', () => {
    // Arrange
    const routing = exampleWith((r) => {
      delete r.entry;
      r.steps.unshift({ id: 'label', name: 'Label', kind: 'operation', stationGroup: 'fa-pack' });
      r.transitions.push({ from: 'label', to: 'pack', on: 'pass' });
    }, FA);

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/entry',
        code: 'routing.entry-ambiguous',
        message: 'there is no entry and 2 steps have no incoming transition ("label", "board"): name the first step in "entry"',
        messageZh: '未指定入口工序，且有 2 个工序没有流入的流转（"label", "board"）：请在 "entry" 中指定第一个工序',
      },
    ]);
  });

  it('when a step has two "pass" transitions, then the finding names the step and the outcome', () => {
    // Arrange
    const routing = exampleWith((r) => r.transitions.push({ from: 'aoi', to: 'pack', on: 'pass' }));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      { pointer: '/transitions/10', code: 'routing.ambiguous-transition', message: 'step "aoi" has more than one "pass" transition', messageZh: '工序 "aoi" 有多个 "pass" 流转' },
    ]);
  });

  it('when a repair loop has no maxLoops, then the finding names the steps of the loop', () => {
    // Arrange
    const routing = exampleWith((r) => withoutLoopLimit(at(r.transitions, 6)));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/transitions/6',
        code: 'routing.unbounded-loop',
        message: 'the loop through steps "aoi", "repair" has no transition with maxLoops, so a unit could go round it forever',
        messageZh: '经过工序 "aoi", "repair" 的循环没有设置 maxLoops 的流转，产品可能无限循环',
      },
    ]);
  });

  it('when a test has no fail transition, then the Chinese message names the kind of step', () => {
    // Arrange
    const routing = exampleWith((r) => r.transitions.splice(9, 1));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings.map((f) => [f.message, f.messageZh])).toEqual([
      ['test step "ict" has no "fail" transition, so a failed unit has nowhere to go', '测试工序 "ict" 没有 "fail" 流转，不合格品无处可去'],
    ]);
  });

  it('when measurement limits are out of order, then the finding shows the limits that are given', () => {
    // Arrange
    const routing = exampleWith((r) => (measurement(r, 6, 0).lsl = 3.5));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/steps/6/measurements/0',
        code: 'routing.measurement-limits',
        message: 'the limits of "3V3 rail" must be in the order lsl < target < usl (lsl 3.5, target 3.3, usl 3.465)',
        messageZh: '测量项 "3V3 rail" 的限值必须满足 lsl < target < usl（lsl 3.5, target 3.3, usl 3.465）',
      },
    ]);
  });

  it('when a part is not in the master data, then the finding names the part number in both languages', () => {
    // Arrange
    const routing = exampleWith((r) => (at(list(component(r, 1, 0), 'partNumbers'), 1).partNumbers = ['SCR-12IN']), FA);

    // Act
    const findings = findingsOf(routing, { masterData: masterData() });

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/steps/1/components/0/partNumbers/1/partNumbers/0',
        code: 'routing.unknown-part',
        message: 'part number "SCR-12IN" is not in the master data',
        messageZh: '主数据中没有料号 "SCR-12IN"',
      },
    ]);
  });
});

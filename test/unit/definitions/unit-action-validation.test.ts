/**
 * What a station may send: a unit action (start or complete a step) and a unit release. A bad
 * request is answered with the JSON pointer of the value at fault and a stable code.
 */
import { validateUnitAction, validateUnitRelease } from '../../../definitions/actions/validate';
import type { Finding } from '../../../definitions/validation/finding';
import { complete, start, type ActionBody } from '../../support/fixtures';

type Where = Pick<Finding, 'pointer' | 'code'>;

/** An action body with changes a well-typed body could not have. */
function actionWith(body: ActionBody, change: (loose: Record<string, unknown>) => void): unknown {
  const loose: Record<string, unknown> = { ...body };
  change(loose);
  return loose;
}

function whereOf(findings: Finding[]): Where[] {
  return findings.map(({ pointer, code }) => ({ pointer, code }));
}

const RELEASE = { serial: 'SN-2024-000123', routing: 'smt-mainboard', line: 'SMT1' };

describe('validateUnitAction', () => {
  it.each<[string, unknown]>([
    ['a start without a result', start('print')],
    ['a complete with a pass result', complete('aoi', 'pass')],
    ['a complete with a fail result', complete('aoi', 'fail')],
    ['names use dots, colons, at signs, dashes and underscores', start('print', { station: 'line3.printer:01', operator: 'jane.doe@plant-2_b' })],
    ['a name is 64 characters long', start('print', { operator: 'o'.repeat(64) })],
    ['a name starts with a digit', start('print', { station: '3-printer' })],
  ])('when the action is %s, then it is accepted as sent', (_case, action) => {
    // Act
    const result = validateUnitAction(action);

    // Assert
    expect(result).toEqual({ ok: true, value: action });
  });

  it.each<[string, unknown, Where[]]>([
    ['a complete has no result', actionWith(complete('aoi'), (a) => delete a.result), [{ pointer: '/result', code: 'schema.required' }]],
    ['a start carries a result', start('print', { result: 'pass' }), [{ pointer: '/result', code: 'schema.not-allowed' }]],
    ['a start carries a fail result', start('print', { result: 'fail' }), [{ pointer: '/result', code: 'schema.not-allowed' }]],
    ['the type is "finish"', actionWith(start('print'), (a) => (a.type = 'finish')), [{ pointer: '/type', code: 'schema.enum' }]],
    ['the result is "maybe"', actionWith(complete('aoi'), (a) => (a.result = 'maybe')), [{ pointer: '/result', code: 'schema.enum' }]],
    ['there is an extra property', actionWith(start('print'), (a) => (a.quantity = 2)), [{ pointer: '/quantity', code: 'schema.unknown-property' }]],
    ['the station is missing', actionWith(start('print'), (a) => delete a.station), [{ pointer: '/station', code: 'schema.required' }]],
    ['the operator is missing', actionWith(complete('ict'), (a) => delete a.operator), [{ pointer: '/operator', code: 'schema.required' }]],
    ['the step is missing', actionWith(start('print'), (a) => delete a.step), [{ pointer: '/step', code: 'schema.required' }]],
    ['the step is a number', actionWith(start('print'), (a) => (a.step = 7)), [{ pointer: '/step', code: 'schema.type' }]],
    ['the operator starts with a dash', start('print', { operator: '-op' }), [{ pointer: '/operator', code: 'schema.pattern' }]],
    ['the station has a space', start('print', { station: 'ST 1' }), [{ pointer: '/station', code: 'schema.pattern' }]],
    ['the operator has a slash', start('print', { operator: 'op/1' }), [{ pointer: '/operator', code: 'schema.pattern' }]],
    ['the step is 65 characters long', start('print', { step: 's'.repeat(65) }), [{ pointer: '/step', code: 'schema.maxLength' }]],
    [
      'the step is empty',
      start('print', { step: '' }),
      [
        { pointer: '/step', code: 'schema.minLength' },
        { pointer: '/step', code: 'schema.pattern' },
      ],
    ],
    ['the action is not an object', 'start print', [{ pointer: '', code: 'schema.type' }]],
    ['the action is an array', [start('print')], [{ pointer: '', code: 'schema.type' }]],
  ])('when %s, then exactly these findings are reported', (_case, action, expected) => {
    // Act
    const result = validateUnitAction(action);

    // Assert
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : whereOf(result.findings)).toEqual(expected);
  });

  it('when a complete has no result, then the message says the result is required', () => {
    // Arrange
    const action = actionWith(complete('aoi'), (a) => delete a.result);

    // Act
    const result = validateUnitAction(action);

    // Assert
    expect(result).toEqual({ ok: false, findings: [{ pointer: '/result', code: 'schema.required', message: 'result is required', messageZh: '缺少必填项 result' }] });
  });

  it('when a start carries a result, then the message says it is not allowed (and not that it must match a branch)', () => {
    // Arrange
    const action = start('print', { result: 'pass' });

    // Act
    const result = validateUnitAction(action);

    // Assert
    expect(result).toEqual({ ok: false, findings: [{ pointer: '/result', code: 'schema.not-allowed', message: 'is not allowed here', messageZh: '此处不允许出现该项' }] });
  });

  it('when the type is not start or complete, then the message lists the allowed types', () => {
    // Arrange
    const action = actionWith(start('print'), (a) => (a.type = 'finish'));

    // Act
    const result = validateUnitAction(action);

    // Assert
    expect(result).toEqual({ ok: false, findings: [{ pointer: '/type', code: 'schema.enum', message: 'must be one of "start", "complete"', messageZh: '取值必须是以下之一："start", "complete"' }] });
  });
});

describe('validateUnitRelease', () => {
  it.each<[string, unknown]>([
    ['a serial and a routing key', RELEASE],
    ['a serial with dots and underscores', { serial: 'PCB.42_a', routing: 'smt-mainboard', line: 'SMT1' }],
    ['a 64-character serial', { serial: 'S'.repeat(64), routing: 'r', line: 'SMT1' }],
    ['a 64-character routing key', { serial: 'S1', routing: 'r'.repeat(64), line: 'SMT1' }],
    ['a line with underscores', { serial: 'S1', routing: 'r', line: 'SMT_2' }],
  ])('when the release is %s, then it is accepted as sent', (_case, release) => {
    // Act
    const result = validateUnitRelease(release);

    // Assert
    expect(result).toEqual({ ok: true, value: release });
  });

  it.each<[string, unknown, Where[]]>([
    ['the serial starts with a dash', { ...RELEASE, serial: '-SN1' }, [{ pointer: '/serial', code: 'schema.pattern' }]],
    ['the serial has a space', { ...RELEASE, serial: 'SN 1' }, [{ pointer: '/serial', code: 'schema.pattern' }]],
    ['the serial has a colon', { ...RELEASE, serial: 'SN:1' }, [{ pointer: '/serial', code: 'schema.pattern' }]],
    ['the serial is 65 characters long', { ...RELEASE, serial: 'S'.repeat(65) }, [{ pointer: '/serial', code: 'schema.maxLength' }]],
    [
      'the serial is empty',
      { ...RELEASE, serial: '' },
      [
        { pointer: '/serial', code: 'schema.minLength' },
        { pointer: '/serial', code: 'schema.pattern' },
      ],
    ],
    ['the serial is a number', { ...RELEASE, serial: 123 }, [{ pointer: '/serial', code: 'schema.type' }]],
    ['the serial is missing', { routing: RELEASE.routing, line: RELEASE.line }, [{ pointer: '/serial', code: 'schema.required' }]],
    ['the routing is missing', { serial: RELEASE.serial, line: RELEASE.line }, [{ pointer: '/routing', code: 'schema.required' }]],
    ['the line is missing', { serial: RELEASE.serial, routing: RELEASE.routing }, [{ pointer: '/line', code: 'schema.required' }]],
    ['the line starts with a digit', { ...RELEASE, line: '1SMT' }, [{ pointer: '/line', code: 'schema.pattern' }]],
    ['the routing key has capitals', { ...RELEASE, routing: 'SMT-Mainboard' }, [{ pointer: '/routing', code: 'schema.pattern' }]],
    ['the routing key is 65 characters long', { ...RELEASE, routing: 'r'.repeat(65) }, [{ pointer: '/routing', code: 'schema.pattern' }]],
    ['there is an extra property', { ...RELEASE, quantity: 1 }, [{ pointer: '/quantity', code: 'schema.unknown-property' }]],
    [
      'both the serial and the routing key are malformed',
      { serial: '-x', routing: 'A', line: 'SMT1' },
      [
        { pointer: '/serial', code: 'schema.pattern' },
        { pointer: '/routing', code: 'schema.pattern' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, release, expected) => {
    // Act
    const result = validateUnitRelease(release);

    // Assert
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : whereOf(result.findings)).toEqual(expected);
  });
});

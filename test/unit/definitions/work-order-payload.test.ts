/** The ERP's production request (POST /work-orders body): accepted as sent, or refused at the value at fault. */
import { validateWorkOrderCreate, validateWorkOrderRelease } from '../../../definitions/work-orders/validate';

const ORDER = { number: '4500012345', productModel: 'MB-A100', routing: 'smt-mainboard', quantity: 200, dueAt: '2025-03-08T16:00:00+08:00', line: 'SMT1', serialPattern: 'MB{YYMMDD}-{SEQ:5}' };

describe('validateWorkOrderCreate', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a pattern', ORDER],
    ['given serials, a priority and a progress interval', { ...ORDER, quantity: 2, serialPattern: undefined, serials: ['SN-1', 'SN-2'], priority: 5, progressIntervalSeconds: 30 }],
    ['a pattern with a start number', { ...ORDER, serialStart: 1000 }],
  ])('when the order has %s, then it is accepted as sent', (_case, order) => {
    // Arrange
    const body = JSON.parse(JSON.stringify(order)) as unknown;

    // Act
    const result = validateWorkOrderCreate(body);

    // Assert
    expect(result).toEqual({ ok: true, value: body });
  });

  it.each<[string, Record<string, unknown>, Array<[string, string]>]>([
    ['no number', { ...ORDER, number: undefined }, [['/number', 'schema.required']]],
    ['a quantity of 0', { ...ORDER, quantity: 0 }, [['/quantity', 'schema.minimum']]],
    ['a quantity above 10,000', { ...ORDER, quantity: 10_001 }, [['/quantity', 'schema.maximum']]],
    ['a due date without a zone', { ...ORDER, dueAt: '2025-03-08T16:00:00' }, [['/dueAt', 'schema.format']]],
    ['a routing key in capitals', { ...ORDER, routing: 'SMT' }, [['/routing', 'schema.pattern']]],
    ['a serial with a space', { ...ORDER, serialPattern: undefined, quantity: 1, serials: ['SN 1'] }, [['/serials/0', 'schema.pattern']]],
    ['an unknown field', { ...ORDER, customer: 'ACME' }, [['/customer', 'schema.unknown-property']]],
    ['a fractional priority', { ...ORDER, priority: 1.5 }, [['/priority', 'schema.type']]],
  ])('when the order has %s, then it is refused at that value', (_case, order, expected) => {
    // Act
    const result = validateWorkOrderCreate(JSON.parse(JSON.stringify(order)));

    // Assert
    expect(result.ok ? [] : result.findings.map((f) => [f.pointer, f.code])).toEqual(expected);
  });
});

describe('validateWorkOrderRelease', () => {
  it.each<[string, boolean, unknown]>([
    ['an empty object (release all)', true, {}],
    ['a count', true, { count: 20 }],
    ['a count of 0', false, { count: 0 }],
    ['an unknown field', false, { all: true }],
  ])('when the release is %s, then ok is %s', (_case, ok, body) => {
    // Act / Assert
    expect(validateWorkOrderRelease(body).ok).toBe(ok);
  });
});

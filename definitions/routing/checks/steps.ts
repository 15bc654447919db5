/**
 * What a step asks of the station: its time limits agree, its measurements have sound limits and
 * distinct names, and its components name the allowed parts once per product model (and, when
 * the routing lists its product models, for each of them).
 */
import { finding, pointer, type Finding } from '../../validation/finding';
import type { Routing, RoutingStep, StepComponent, StepMeasurement } from '../schema';
import { quoted } from './model';

function minutesFindings(step: RoutingStep, i: number): Finding[] {
  if (step.standardMinutes === undefined || step.maxMinutes === undefined || step.maxMinutes >= step.standardMinutes) return [];
  return [
    finding(pointer('steps', i, 'maxMinutes'), 'routing.max-minutes-below-standard', {
      en: `maxMinutes (${step.maxMinutes}) of step "${step.id}" is below its standardMinutes (${step.standardMinutes})`,
      zh: `工序 "${step.id}" 的 maxMinutes（${step.maxMinutes}）小于 standardMinutes（${step.standardMinutes}）`,
    }),
  ];
}

/** Each pair of the limits that is given must be in the order lsl < target < usl. */
function limitsInOrder(m: StepMeasurement): boolean {
  const ordered = [m.lsl, m.target, m.usl].filter((v): v is number => v !== undefined);
  return ordered.every((v, k) => k === 0 || (ordered[k - 1] as number) < v);
}

function measurementFindings(step: RoutingStep, i: number): Finding[] {
  const findings: Finding[] = [];
  const names = new Set<string>();
  (step.measurements ?? []).forEach((m, j) => {
    if (names.has(m.name)) {
      findings.push(finding(pointer('steps', i, 'measurements', j, 'name'), 'routing.duplicate-measurement', { en: `step "${step.id}" measures "${m.name}" twice`, zh: `工序 "${step.id}" 重复定义测量项 "${m.name}"` }));
    }
    names.add(m.name);
    if (!limitsInOrder(m)) {
      const given = (['lsl', 'target', 'usl'] as const).filter((k) => m[k] !== undefined).map((k) => `${k} ${m[k]}`).join(', ');
      findings.push(finding(pointer('steps', i, 'measurements', j), 'routing.measurement-limits', { en: `the limits of "${m.name}" must be in the order lsl < target < usl (${given})`, zh: `测量项 "${m.name}" 的限值必须满足 lsl < target < usl（${given}）` }));
    }
  });
  return findings;
}

function componentFindings(routing: Routing, step: RoutingStep, i: number, component: StepComponent, j: number): Finding[] {
  const findings: Finding[] = [];
  const label = component.name ?? `component ${j + 1}`;
  const models = routing.productModels;
  const covered = new Set<string | undefined>();
  component.partNumbers.forEach((entry, k) => {
    if (covered.has(entry.productModel)) {
      const which = entry.productModel === undefined ? { en: 'every product model', zh: '所有产品型号' } : { en: `product model "${entry.productModel}"`, zh: `产品型号 "${entry.productModel}"` };
      findings.push(finding(pointer('steps', i, 'components', j, 'partNumbers', k), 'routing.duplicate-component-model', { en: `"${label}" of step "${step.id}" already lists part numbers for ${which.en}`, zh: `工序 "${step.id}" 的 "${label}" 已为${which.zh}列出料号` }));
    }
    covered.add(entry.productModel);
    if (models !== undefined && entry.productModel !== undefined && !models.includes(entry.productModel)) {
      findings.push(finding(pointer('steps', i, 'components', j, 'partNumbers', k, 'productModel'), 'routing.product-model-not-in-routing', { en: `product model "${entry.productModel}" is not one of the routing's product models (${quoted(models)})`, zh: `产品型号 "${entry.productModel}" 不在本工艺路线的产品型号中（${quoted(models)}）` }));
    }
  });
  if (models !== undefined && !covered.has(undefined)) {
    const missing = models.filter((m) => !covered.has(m));
    if (missing.length > 0) {
      findings.push(finding(pointer('steps', i, 'components', j, 'partNumbers'), 'routing.component-model-missing', { en: `"${label}" of step "${step.id}" lists no part numbers for ${quoted(missing)} and has no entry for every model`, zh: `工序 "${step.id}" 的 "${label}" 没有为 ${quoted(missing)} 列出料号，也没有适用于所有型号的条目` }));
    }
  }
  return findings;
}

/** Findings per step in listing order: minutes, measurements, components. */
export function stepFindings(routing: Routing): Finding[] {
  return routing.steps.flatMap((step, i) => [
    ...minutesFindings(step, i),
    ...measurementFindings(step, i),
    ...(step.components ?? []).flatMap((component, j) => componentFindings(routing, step, i, component, j)),
  ]);
}

/**
 * References into the site's master data: product models, station groups, parts and defect
 * codes a routing names must exist there. Only made when the caller passes master data.
 */
import type { MasterData } from '../../master-data/schema';
import { finding, pointer, type Finding } from '../../validation/finding';
import type { Routing } from '../schema';

interface Known {
  productModels: ReadonlySet<string>;
  stationGroups: ReadonlySet<string>;
  parts: ReadonlySet<string>;
  defectCodes: ReadonlySet<string>;
}

function known(md: MasterData): Known {
  return {
    productModels: new Set((md.productModels ?? []).map((m) => m.id)),
    stationGroups: new Set((md.stationGroups ?? []).map((g) => g.id)),
    parts: new Set((md.parts ?? []).map((p) => p.partNumber)),
    defectCodes: new Set((md.defectCodes ?? []).map((d) => d.code)),
  };
}

const unknownProductModel = (at: string, id: string): Finding =>
  finding(at, 'routing.unknown-product-model', { en: `product model "${id}" is not in the master data`, zh: `主数据中没有产品型号 "${id}"` });

const unknownDefectCode = (at: string, code: string): Finding =>
  finding(at, 'routing.unknown-defect-code', { en: `defect code "${code}" is not in the master data`, zh: `主数据中没有缺陷代码 "${code}"` });

/**
 * Findings in the order: the routing's product models, then per step (station group, components,
 * defect codes), then the defect codes of transitions whose step lists none of its own (a step's
 * list is checked once, and transitions are held to it by the structure checks).
 */
export function referenceFindings(routing: Routing, md: MasterData): Finding[] {
  const k = known(md);
  const findings: Finding[] = [];
  (routing.productModels ?? []).forEach((id, i) => {
    if (!k.productModels.has(id)) findings.push(unknownProductModel(pointer('productModels', i), id));
  });

  const seen = new Set<string>();
  const listsDefects = new Set<string>();
  routing.steps.forEach((step, i) => {
    // Like the structure checks, the first step listed under an id is the one transitions name.
    if (step.defectCodes !== undefined && !seen.has(step.id)) listsDefects.add(step.id);
    seen.add(step.id);
    if (!k.stationGroups.has(step.stationGroup)) {
      findings.push(finding(pointer('steps', i, 'stationGroup'), 'routing.unknown-station-group', { en: `station group "${step.stationGroup}" is not in the master data`, zh: `主数据中没有工位组 "${step.stationGroup}"` }));
    }
    (step.components ?? []).forEach((component, j) => {
      component.partNumbers.forEach((entry, e) => {
        // With the routing's own list, the structure of the routing is the authority (steps.ts).
        if (entry.productModel !== undefined && routing.productModels === undefined && !k.productModels.has(entry.productModel)) {
          findings.push(unknownProductModel(pointer('steps', i, 'components', j, 'partNumbers', e, 'productModel'), entry.productModel));
        }
        entry.partNumbers.forEach((part, p) => {
          if (!k.parts.has(part)) {
            findings.push(finding(pointer('steps', i, 'components', j, 'partNumbers', e, 'partNumbers', p), 'routing.unknown-part', { en: `part number "${part}" is not in the master data`, zh: `主数据中没有料号 "${part}"` }));
          }
        });
      });
    });
    (step.defectCodes ?? []).forEach((code, j) => {
      if (!k.defectCodes.has(code)) findings.push(unknownDefectCode(pointer('steps', i, 'defectCodes', j), code));
    });
  });

  routing.transitions.forEach((t, i) => {
    if (listsDefects.has(t.from)) return;
    (t.defectCodes ?? []).forEach((code, j) => {
      if (!k.defectCodes.has(code)) findings.push(unknownDefectCode(pointer('transitions', i, 'defectCodes', j), code));
    });
  });
  return findings;
}

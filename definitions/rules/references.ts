/** Lookups of master-data references (product models, lines, defect codes, equipment, parts). */
import type { MasterData } from '../master-data/schema';
import type { MasterDataReference } from './facts';
import type { Bilingual } from './vocabulary';

export type ReferenceSets = Readonly<Record<MasterDataReference, ReadonlySet<string>>>;

/** The ids of each referable list; a list the master data leaves out is empty. */
export function referenceSets(masterData: MasterData): ReferenceSets {
  return {
    productModels: new Set((masterData.productModels ?? []).map((m) => m.id)),
    lines: new Set((masterData.lines ?? []).map((l) => l.id)),
    defectCodes: new Set((masterData.defectCodes ?? []).map((d) => d.code)),
    equipment: new Set((masterData.equipment ?? []).map((e) => e.id)),
    parts: new Set((masterData.parts ?? []).map((p) => p.partNumber)),
  };
}

export const REFERENCE_NOUNS: Readonly<Record<MasterDataReference, Bilingual>> = {
  productModels: { en: 'product model', zh: '产品型号' },
  lines: { en: 'line', zh: '产线' },
  defectCodes: { en: 'defect code', zh: '不良代码' },
  equipment: { en: 'equipment', zh: '设备' },
  parts: { en: 'part number', zh: '物料号' },
};

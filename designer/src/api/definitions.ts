/**
 * The definition lifecycle endpoints (/definitions/{kind}/...) and master data, typed for the
 * designer. Shapes follow api/contract/schemas.ts (Head, KeySummary, Draft, VersionMeta, Version, Diff).
 */
import type { DefinitionBundle, DefinitionDiff, DefinitionKind, MasterData } from '../../../definitions';
import { api } from './client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Head {
  kind: string;
  key: string;
  latestVersion: number;
  activeVersion: number | null;
  retired: number[];
  latestDraftId?: string | null;
  updatedAt?: string;
}

export interface Signature {
  signedBy: string;
  name: string;
  meaning: string;
  at: string;
}

export interface VersionMeta {
  kind: string;
  key: string;
  version: number;
  contentHash: string;
  draftId?: string | null;
  publishedBy: string;
  publishedAt: string;
  note?: string | null;
  signature?: Signature | null;
  status?: 'active' | 'retired' | 'superseded';
}

export interface Version extends VersionMeta {
  content: unknown;
}

export interface KeySummary {
  kind: string;
  key: string;
  latestVersion: number;
  activeVersion: number | null;
  latestDraftId?: string | null;
  versions: VersionMeta[];
}

export interface Draft {
  id: string;
  kind: string;
  key: string;
  content: unknown;
  revision: number;
  note?: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export const SIGNATURE_MEANINGS = ['approved', 'reviewed', 'authored', 'responsible'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

export interface PublishRequest {
  draftId?: string;
  note?: string;
  signature: { password: string; meaning: SignatureMeaning };
}

const base = (kind: DefinitionKind, key?: string): string => `/definitions/${kind}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

/** Every item of a paged list (follows nextCursor). */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api<Page<T>>('GET', `${path}${sep}limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

export const definitionsApi = {
  keys: (kind: DefinitionKind) => all<Head>(base(kind)),
  summary: (kind: DefinitionKind, key: string) => api<KeySummary>('GET', base(kind, key)),
  drafts: (kind: DefinitionKind, key: string) => all<Draft>(`${base(kind, key)}/drafts`),
  draft: (kind: DefinitionKind, key: string, id: string) => api<Draft>('GET', `${base(kind, key)}/drafts/${id}`),
  createDraft: (kind: DefinitionKind, key: string, content: unknown) => api<Draft>('POST', `${base(kind, key)}/drafts`, content),
  updateDraft: (kind: DefinitionKind, key: string, id: string, content: unknown, revision?: number) =>
    api<Draft>('PUT', `${base(kind, key)}/drafts/${id}`, content, revision === undefined ? {} : { 'If-Match': `"${revision}"` }),
  publish: (kind: DefinitionKind, key: string, request: PublishRequest) => api<VersionMeta>('POST', `${base(kind, key)}/publish`, request),
  versions: (kind: DefinitionKind, key: string) => all<VersionMeta>(`${base(kind, key)}/versions`),
  version: (kind: DefinitionKind, key: string, n: number) => api<Version>('GET', `${base(kind, key)}/versions/${n}`),
  diff: (kind: DefinitionKind, key: string, from: string, to: string) =>
    api<DefinitionDiff & { from: string; to: string }>('GET', `${base(kind, key)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  exportBundle: (kind: DefinitionKind, key: string) => api<DefinitionBundle>('GET', `${base(kind, key)}/export`),
  importBundle: (kind: DefinitionKind, key: string, bundle: DefinitionBundle) =>
    api<{ imported: number[]; skipped: number[] }>('POST', `${base(kind, key)}/import`, bundle),
};

/** The site's active master data; null when none is published yet (404). */
export async function fetchMasterData(): Promise<MasterData | null> {
  try {
    return await api<MasterData>('GET', '/master-data');
  } catch (error) {
    if (error instanceof Error && 'status' in error && (error as { status: number }).status === 404) return null;
    throw error;
  }
}

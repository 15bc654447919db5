/**
 * The endpoints the rule and policy designers use: the definition lifecycle of alert-rule and
 * escalation-policy keys (the shell's definitionsApi), the fact catalog, dry run and backtest.
 */
import { api } from '../api/client';
import { definitionsApi, fetchMasterData, type PublishRequest } from '../api/definitions';
import type { FactCatalog } from './model/catalog';
import type { Evaluation } from './model/dry-run';
import type { MasterData } from '../../../definitions/master-data/schema';

export type EditedKind = 'alert-rule' | 'escalation-policy';

export type { Head, KeySummary, VersionMeta, Draft, PublishRequest, SignatureMeaning } from '../api/definitions';
export type { DefinitionDiff } from '../../../definitions/diff/types';
import type { BacktestResult } from '../../../definitions/rules/run/results';

/** POST /rules/{key}/backtest: the replay, and the rule version it replayed. */
export type Backtest = BacktestResult & { rule: { key: string; version: number } };

export const listKeys = (kind: EditedKind) => definitionsApi.keys(kind);
export const keySummary = (kind: EditedKind, key: string) => definitionsApi.summary(kind, key);
export const getDraft = (kind: EditedKind, key: string, id: string) => definitionsApi.draft(kind, key, id);
export const createDraft = (kind: EditedKind, key: string, content: unknown) => definitionsApi.createDraft(kind, key, content);
export const updateDraft = (kind: EditedKind, key: string, id: string, content: unknown, revision: number) => definitionsApi.updateDraft(kind, key, id, content, revision);
export const publish = (kind: EditedKind, key: string, body: PublishRequest) => definitionsApi.publish(kind, key, body);
export const getVersion = (kind: EditedKind, key: string, n: number) => definitionsApi.version(kind, key, n);
export const diff = (kind: EditedKind, key: string, from: string, to: string) => definitionsApi.diff(kind, key, from, to);

export const factCatalog = () => api<FactCatalog>('GET', '/facts');
/** The site's active master data; undefined when none is published. */
export const masterData = async (): Promise<MasterData | undefined> => (await fetchMasterData()) ?? undefined;
export const dryRun = (body: unknown) => api<Evaluation>('POST', '/rules/dry-run', body);
export const backtest = (key: string, hours: number) => api<Backtest>('POST', `/rules/${encodeURIComponent(key)}/backtest`, { hours });

/** A static-check finding about a published rule (rules/checks): never fires, overlaps, unreachable levels. */
export interface RuleCheckFinding {
  rule: string;
  related?: string;
  pointer: string;
  code: string;
  message: string;
  messageZh: string;
}

export const ruleChecks = () => api<{ rules: number; findings: RuleCheckFinding[] }>('GET', '/rules/checks');

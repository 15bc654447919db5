/**
 * Row "designer": load + validate + render time of a 300-step routing in the designer, in the
 * system Chromium, against a 30-step one, alternating in one run. Both are published through
 * the API first; each measurement opens the routing in the already signed-in app (a hash change)
 * and ends at the app's `taktflow:routing-ready` mark, once every step is on the canvas. Linear
 * scaling would give 10; the goal is ≤ 15 (medians).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';
import { ensureDesignerBuilt, openSignedIn } from '../test/e2e/support/designer';
import { designerRouting } from './designer-routing';
import { emptySample, type Outcome, type Sample } from './measure';
import { connect, signedInApi, type BenchApi } from './support';

const SIZES = { large: 300, small: 30 } as const;

async function publish(api: BenchApi, kind: string, key: string, content: unknown): Promise<void> {
  const post = async (url: string, body: unknown): Promise<void> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...api.auth }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  };
  await post(`${api.url}/definitions/${kind}/${key}/drafts`, content);
  await post(`${api.url}/definitions/${kind}/${key}/publish`, { note: 'designer benchmark', signature: { password: api.admin.password, meaning: 'approved' } });
}

interface Opening {
  /** From the hash change to the ready mark: the API's answers, validation, layout and render. */
  total: number;
  /** From the last API answer the opening waited for to the ready mark: validation and render in the page. */
  client: number;
}

/** Opens routing `key` from the routing list and times it until it was ready with all `steps` nodes drawn. */
async function openTimed(page: Page, key: string, steps: number): Promise<Opening> {
  await page.evaluate(`location.hash = '#/routings'`);
  await page.locator('.react-flow__node').first().waitFor({ state: 'detached' });
  const began = (await page.evaluate(`(() => {
    performance.clearMarks('taktflow:routing-ready');
    performance.clearResourceTimings();
    const t = performance.now();
    location.hash = '#/routings/${key}';
    return t;
  })()`)) as number;
  // A function, not a string: the API's Content-Security-Policy forbids evaluating strings in the page.
  const ready = await page.waitForFunction(
    ({ n, since }: { n: number; since: number }) => {
      const dom = globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } };
      const mark = performance.getEntriesByName('taktflow:routing-ready', 'mark')[0];
      if (mark === undefined || dom.document.querySelectorAll('.react-flow__node [data-testid^="node-"]').length < n) return false;
      const answered = (performance.getEntriesByType('resource') as unknown as Array<{ name: string; responseEnd: number }>)
        .filter((e) => e.name.includes('/api/v1/') && e.responseEnd <= mark.startTime)
        .reduce((last, e) => Math.max(last, e.responseEnd), since);
      return { ready: mark.startTime, answered };
    },
    { n: steps, since: began },
    { polling: 'raf', timeout: 120_000 },
  );
  const { ready: at, answered } = (await ready.jsonValue()) as { ready: number; answered: number };
  return { total: at - began, client: at - answered };
}

/** A step present in both routings (not a split or join): deleted and brought back in the edit timing. */
const EDITED_STEP = 'b1-op3';

/**
 * With the routing open: selects a step, deletes it with the Delete key and answers the
 * milliseconds until the canvas no longer shows it (the routing revalidated and redrawn), then undoes.
 */
async function editTimed(page: Page): Promise<number> {
  const step = page.getByTestId(`node-${EDITED_STEP}`);
  // A click event rather than a mouse click: on the fitted 300-step canvas the node is a few pixels wide.
  await step.dispatchEvent('click');
  const began = (await page.evaluate(`(() => {
    const t = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
    return t;
  })()`)) as number;
  const gone = await page.waitForFunction(
    (id: string) => {
      const dom = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
      return dom.document.querySelector(`[data-testid="node-${id}"]`) === null ? performance.now() : false;
    },
    EDITED_STEP,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = ((await gone.jsonValue()) as number) - began;
  await page.keyboard.press('Control+Z');
  await step.waitFor();
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function add(into: Sample, ms: number): void {
  into.ops += 1;
  into.ms += ms;
  into.latencies.push(ms);
}

export async function designerScaling(o: { temporalAddress: string; mongoUri: string; rounds: number; repetitions: number }): Promise<Outcome> {
  await ensureDesignerBuilt();
  const servers = await connect(o);
  const api = await signedInApi(servers, `bench-designer-${servers.run}`);
  const browser = await launchBrowser({ artifacts: 'bench-designer' });
  try {
    const masterData = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
    await publish(api, 'master-data', 'plant-1', masterData);
    for (const steps of Object.values(SIZES)) await publish(api, 'routing', `bench-${steps}`, designerRouting(steps));
    const { page } = browser;
    await openSignedIn(page, api.url.replace(/\/api\/v1$/, ''), { id: api.admin.email, password: api.admin.password });
    // One warm-up opening of each, then alternate.
    await openTimed(page, `bench-${SIZES.small}`, SIZES.small);
    await openTimed(page, `bench-${SIZES.large}`, SIZES.large);
    await browser.screenshot('routing-300-steps');
    const client = { ours: emptySample(), baseline: emptySample() };
    const total = { ours: emptySample(), baseline: emptySample() };
    const edit = { ours: emptySample(), baseline: emptySample() };
    const measure = async (into: 'ours' | 'baseline', steps: number): Promise<void> => {
      const o = await openTimed(page, `bench-${steps}`, steps);
      add(client[into], o.client);
      add(total[into], o.total);
      add(edit[into], await editTimed(page));
    };
    for (let round = 0; round < o.rounds; round++) {
      for (let r = 0; r < o.repetitions; r++) await measure('baseline', SIZES.small);
      for (let r = 0; r < o.repetitions; r++) await measure('ours', SIZES.large);
    }
    if (browser.pageErrors.length > 0) throw new Error(`the designer failed in the browser: ${browser.pageErrors.join('; ')}`);
    const ratio = median(client.ours.latencies) / median(client.baseline.latencies);
    return {
      rows: [
        { name: 'designer validate + render (after the last API answer): 300-step ÷ 30-step routing (Chromium; goal ≤ 15)', ...client, unit: 'ms', timePerOp: true },
        { name: 'designer opening incl. API answers: 300-step ÷ 30-step routing (Chromium)', ...total, unit: 'ms', timePerOp: true },
        { name: 'designer edit (delete a step: revalidated and redrawn): 300-step ÷ 30-step routing (Chromium)', ...edit, unit: 'ms', timePerOp: true },
      ],
      headlines: [
        {
          name: `designer validate + render: 300-step ÷ 30-step routing, median of ${client.ours.ops} openings each (${median(client.ours.latencies).toFixed(0)} ms ÷ ${median(client.baseline.latencies).toFixed(0)} ms)`,
          value: ratio,
          goal: { op: '≤', target: 15 },
        },
      ],
      notes: [
        'Designer row: each opening goes from the routing list to the routing (a hash change in the signed-in app) and ends at the ' +
          "app's `taktflow:routing-ready` mark with every step on the canvas; positions come from the layout the first (warm-up) opening stored. " +
          `The edit row deletes step ${EDITED_STEP} with the Delete key and times until it is gone from the canvas (then undoes it).`,
      ],
    };
  } finally {
    await browser.close();
    await api.stop();
    await servers.close();
  }
}

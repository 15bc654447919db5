/**
 * Row "alerts" (issue 7): p99 from the threshold-crossing event (the HTTP answer to the station's
 * failing completion) to the level-1 mail accepted by a loopback SMTP server, through the real
 * worker process (persist → production events → rule evaluation → incident workflow → notify),
 * against the p99 of bare no-op Update round trips measured in the same run. Each failing unit is
 * its own crossing: the rule's dedup key is the serial, so every failure opens an incident.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { startSmtpPeer } from '../test/support/peers/smtp';
import { emptySample, percentile, runFor, type Outcome } from './measure';
import { connect, signedInApi } from './support';
import { LINE, MODEL, post, publishDefinitions, STATION } from './units';
import { startWorkerProcess } from './worker-process';
import { noopUpdate, noopWorkflow, stopSignal } from './workflows/noop';

const ROOT = path.resolve(__dirname, '..');

function rule(): unknown {
  return {
    name: 'Any failure at s0 (bench)',
    triggers: [{ event: 'unit.step-completed' }],
    scope: { steps: ['s0'] },
    conditions: { all: [{ fact: 'defectCount', operator: 'greaterThanInclusive', value: 1, params: { window: '15m', step: 's0' } }] },
    event: { type: 'bench.failure', severity: 'major', message: { en: 'Failure on {{serial}}', zh: '{{serial}} 不良' } },
    escalationPolicy: 'bench-mail',
    dedupKey: 'bench:{{serial}}',
  };
}

const policy = { name: 'Bench mail', levels: [{ delayMinutes: 0, delayFrom: 'open', channels: [{ channel: 'email' }], recipients: [{ role: 'quality-engineer' }] }], onAcknowledge: 'stop' };

export async function alertLatency(o: { temporalAddress: string; mongoUri: string; samples: number; concurrency: number }): Promise<Outcome> {
  const servers = await connect(o);
  const queue = `bench-alerts-${servers.run}`;
  const noopQueue = `bench-alerts-noop-${servers.run}`;
  const smtp = await startSmtpPeer();
  let worker: ChildProcess | undefined;
  const noop = await startWorkerProcess({ temporalAddress: o.temporalAddress, mongoUri: o.mongoUri, queues: [{ taskQueue: noopQueue, kind: 'noop' }] });
  const api = await signedInApi(servers, queue);
  let noops: WorkflowHandle[] = [];
  try {
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: o.temporalAddress, MONGODB_URI: o.mongoUri, TAKTFLOW_TASK_QUEUE: queue, SMTP_URL: smtp.url, TAKTFLOW_RULES_RELOAD_MS: '500' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await publishDefinitions(api, 'bench-alerts', 1);
    const signed = { signature: { password: api.admin.password, meaning: 'approved' } };
    await post(`${api.url}/definitions/escalation-policy/bench-mail/drafts`, policy, api.auth);
    await post(`${api.url}/definitions/escalation-policy/bench-mail/publish`, signed, api.auth);
    await post(`${api.url}/definitions/alert-rule/bench-failure/drafts`, rule(), api.auth);
    await post(`${api.url}/definitions/alert-rule/bench-failure/publish`, signed, api.auth);
    await new Promise((r) => setTimeout(r, 2_000)); // the worker reads the new rule within 500 ms

    // Ours: release a unit, start s0, and time from the failing completion's answer to its mail.
    const ours = emptySample();
    let n = 0;
    const began = performance.now();
    const sampleOnce = async (): Promise<void> => {
      const serial = `ALERT-${servers.run}-${n++}`;
      const act = (body: Record<string, unknown>): Promise<unknown> => post(`${api.url}/units/${serial}/actions`, { step: 's0', station: STATION, operator: 'u-op-1001', ...body }, api.auth);
      await post(`${api.url}/units`, { serial, routing: 'bench-alerts', line: LINE, productModel: MODEL }, api.auth);
      await act({ type: 'start' });
      await act({ type: 'complete', result: 'fail', defectCodes: ['D-BRIDGE'] });
      const crossed = performance.now();
      const deadline = crossed + 60_000;
      while (!smtp.mails.some((m) => m.subject.includes(serial) || m.text.includes(serial))) {
        if (performance.now() > deadline) throw new Error(`no mail for ${serial} within 60 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      ours.latencies.push(performance.now() - crossed);
      ours.ops++;
    };
    const lanes = Array.from({ length: o.concurrency }, async () => {
      while (n < o.samples) await sampleOnce();
    });
    await Promise.all(lanes);
    ours.ms = performance.now() - began;

    // Baseline: bare no-op Update round trips on the same server, same concurrency.
    noops = await Promise.all(Array.from({ length: o.concurrency }, (_, i) => servers.temporal.workflow.start(noopWorkflow, { taskQueue: noopQueue, workflowId: `bench-alert-noop-${servers.run}-${i}` })));
    const baseline = emptySample();
    let k = 0;
    await runFor(baseline, { concurrency: o.concurrency, ms: 10_000 }, (loop) => (noops[loop] as WorkflowHandle).executeUpdate(noopUpdate, { args: [k++] }));

    const p99 = percentile(ours, 99);
    const row = {
      name: `threshold-crossing event → level-1 mail accepted by loopback SMTP (${ours.ops} crossings, ${o.concurrency} concurrent) ÷ bare no-op Update round trip`,
      ours,
      baseline,
      unit: ' ms',
      timePerOp: true,
    };
    return {
      rows: [row],
      headlines: [
        { name: 'p99 threshold-crossing → mail accepted', value: p99, unit: ' ms', goal: { op: '≤', target: 2000, unit: ' ms' } },
        { name: 'p99 threshold-crossing → mail ÷ p99 bare no-op Update', value: p99 / percentile(baseline, 99), goal: { op: '≤', target: 20 } },
      ],
      notes: [`alerts: p50 ${percentile(ours, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms from the failing completion's HTTP answer to the mail; bare Update p50 ${percentile(baseline, 50).toFixed(1)} ms, p99 ${percentile(baseline, 99).toFixed(1)} ms.`],
    };
  } finally {
    await Promise.all(noops.map((h) => h.signal(stopSignal).catch(() => undefined)));
    worker?.kill('SIGTERM');
    await new Promise((r) => (worker && worker.exitCode === null ? worker.once('exit', r) : r(undefined)));
    await api.stop();
    await noop.stop();
    await smtp.stop();
    await servers.close();
  }
}

/**
 * incident:<dedupKey> — one incident's escalation. Started by signalWithStart with the occurrence
 * signal, pinned to the escalation policy version its raiser resolved. Runs the ladder on durable
 * timers (level 1 at once, each further level after its delay, then the repeats), acknowledging
 * stops or pauses it, resolving closes it (TTA and TTR recorded), reopening runs it again.
 * After resolution it stays for the cooldown, recording firings as suppressed, then completes;
 * a later firing starts a new incident under the same workflow id. Single writer of its read
 * model; continues as new when its history grows (occurrence storms).
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Severity } from '../../definitions/incidents/model';
import type { Bilingual } from '../../definitions/rules/vocabulary';
import type { IncidentActivities, NotifyActivities } from '../activities';
import { advance, ladderSteps, nextAction, type LadderStep } from '../incident/ladder';
import { acknowledge, acknowledgeRejection, actionsFinished, levelFinished, levelStarted, openIncident, recordOccurrence, reopen, reopenRejection, resolve, resolveRejection, viewOf } from '../incident/state';
import type { ActionOutcome, IncidentView } from '../../definitions/incidents/view';
import {
  INCIDENT_REJECTED,
  incidentAcknowledgeUpdate,
  incidentOccurrenceSignal,
  incidentReopenUpdate,
  incidentResolveUpdate,
  incidentSettledUpdate,
  incidentViewQuery,
  type IncidentRejection,
  type IncidentWorkflowInput,
} from './incident-messages';

const { persistIncident } = proxyLocalActivities<IncidentActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
const { runIncidentActions } = proxyActivities<IncidentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});
/** The notifier retries per channel and falls back itself; these retries cover a worker that died mid-send. */
const { notifyLevel } = proxyActivities<NotifyActivities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

const SEVERITY_ZH: Record<Severity, string> = { critical: '紧急', major: '严重', minor: '一般', info: '提示' };

function message(view: IncidentView, step: LadderStep): { subject: Bilingual; text: Bilingual } {
  const again = step.repeat ? { en: ` (reminder ${step.repeat})`, zh: `（第 ${step.repeat} 次提醒）` } : { en: '', zh: '' };
  const line = view.line ?? '-';
  return {
    subject: { en: `[${view.severity}] ${view.title.en}`, zh: `【${SEVERITY_ZH[view.severity]}】${view.title.zh}` },
    text: {
      en: `${view.title.en}. Line ${line}, incident ${view.id}, escalation level ${step.level}${again.en}. Please acknowledge.`,
      zh: `${view.title.zh}。产线 ${line}，异常 ${view.id}，升级第 ${step.level} 级${again.zh}。请确认。`,
    },
  };
}

const failureText = (e: unknown): string => (e instanceof ActivityFailure ? (e.cause?.message ?? e.message) : e instanceof Error ? e.message : String(e));

function refuse(r: IncidentRejection | undefined): void {
  if (r) throw ApplicationFailure.create({ type: INCIDENT_REJECTED, message: r.message, details: [r], nonRetryable: true });
}

export async function incidentWorkflow(input: IncidentWorkflowInput): Promise<IncidentView> {
  const info = workflowInfo();
  const state = input.carried ?? openIncident(input, { workflowId: info.workflowId, firstRunId: info.firstExecutionRunId }, Date.now());
  const policy = input.policy.content;
  const steps = ladderSteps(policy);
  const cooldownMinutes = input.cooldownMinutes ?? 0;
  let persisted = 0;
  let stopping = false;
  /** Bumped by every Update, so the ladder loop re-plans at once. */
  let wake = 0;
  let openingSeen = input.carried !== undefined;

  const view = (): IncidentView => viewOf(state, steps, Date.now());
  const persistedView = async (): Promise<IncidentView> => {
    const mine = state.revision;
    await condition(() => persisted >= mine);
    return view();
  };

  setHandler(incidentOccurrenceSignal, (o) => {
    recordOccurrence(state, o, !openingSeen);
    openingSeen = true;
  });
  setHandler(incidentViewQuery, view);
  setHandler(incidentSettledUpdate, async ({ occurrenceId }) => {
    const incident = await persistedView();
    return { incident, occurrence: state.outcomes.find(([id]) => id === occurrenceId)?.[1] ?? null };
  });
  setHandler(
    incidentAcknowledgeUpdate,
    async (a) => {
      refuse(acknowledgeRejection(state, a, Date.now()));
      acknowledge(state, policy, a, Date.now());
      wake++;
      return persistedView();
    },
    { validator: (a) => refuse(acknowledgeRejection(state, a, Date.now())) },
  );
  setHandler(
    incidentResolveUpdate,
    async (x) => {
      refuse(resolveRejection(state, x));
      resolve(state, x, cooldownMinutes, Date.now());
      wake++;
      return persistedView();
    },
    { validator: (x) => refuse(resolveRejection(state, x)) },
  );
  setHandler(
    incidentReopenUpdate,
    async (x) => {
      refuse(reopenRejection(state, x));
      reopen(state, x, Date.now());
      wake++;
      return persistedView();
    },
    { validator: (x) => refuse(reopenRejection(state, x)) },
  );

  /** Writes the read model whenever it is behind the state; one write covers every change since the last. */
  const persister = (async () => {
    for (;;) {
      await condition(() => state.revision > persisted || (stopping && allHandlersFinished()));
      if (state.revision <= persisted) return;
      const r = state.revision;
      await persistIncident(view());
      persisted = r;
    }
  })();

  /** The rule's automatic actions, once per incident, alongside level 1. */
  const actions = state.actionsDone
    ? Promise.resolve()
    : (async () => {
        const request = { incident: state.record.id, site: input.site, line: input.line, actions: input.actions ?? [], context: input.context, serials: state.record.snapshot?.units ?? [] };
        let outcomes: ActionOutcome[];
        try {
          outcomes = await runIncidentActions(request);
        } catch (e) {
          const at = new Date().toISOString();
          outcomes = request.actions.map((a) => ({ type: a.type, target: null, at, selected: 0, held: [], refused: [], error: failureText(e) }));
        }
        actionsFinished(state, outcomes);
      })();

  const notify = async (step: LadderStep): Promise<void> => {
    const level = policy.levels[step.level - 1];
    if (!level) return;
    const rec = levelStarted(state, step, level.name, Date.now());
    const { subject, text } = message(view(), step);
    try {
      const deliveries = await notifyLevel({
        incident: state.record.id,
        run: rec.run,
        level: step.level,
        ...(step.repeat ? { repeat: step.repeat } : {}),
        ...(level.name ? { levelName: level.name } : {}),
        channels: level.channels,
        recipients: level.recipients,
        subject,
        text,
        site: input.site,
        line: input.line,
        severity: input.severity,
      });
      levelFinished(state, rec, { deliveries });
    } catch (e) {
      levelFinished(state, rec, { error: failureText(e) });
    }
  };

  const suggested = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? 10_000);
  let closed = false;
  while (!suggested()) {
    const w = wake;
    const now = Date.now();
    if (state.record.status === 'resolved') {
      const left = (state.cooldownUntilMs ?? now) - now;
      if (left <= 0) {
        closed = true;
        break;
      }
      await condition(() => wake !== w || suggested(), left);
      continue;
    }
    if (state.ladder.pausedUntilMs !== null && now >= state.ladder.pausedUntilMs) {
      state.ladder = { ...state.ladder, pausedUntilMs: null };
      state.revision++;
    }
    const next = nextAction(state.ladder, steps, now);
    if (next.kind === 'notify') {
      // Advance first: an Update during the send (a reopen) starts from a clean ladder.
      state.ladder = advance(state.ladder);
      await notify(next.step);
    } else if (next.kind === 'wait') {
      const until = state.ladder.pausedUntilMs !== null ? Math.min(next.untilMs, state.ladder.pausedUntilMs) : next.untilMs;
      await condition(() => wake !== w || suggested(), Math.max(1, until - now));
    } else {
      await condition(() => wake !== w || suggested());
    }
  }

  stopping = true;
  await actions;
  await persister;
  await condition(allHandlersFinished);
  if (!closed) return continueAsNew<typeof incidentWorkflow>({ ...input, carried: state });
  return view();
}

/**
 * Delivery of one notification request on one channel: idempotent, retried with backoff, logged,
 * with a fallback channel when the channel keeps failing.
 *
 *  1. A final status recorded for the request id means it was delivered (or given up) already:
 *     nothing is sent again; the recorded result is answered.
 *  2. Else the runner claims the request (an insert, see DeliveryRepository.claim); another
 *     runner's fresh claim makes this one throw, so Temporal retries it later.
 *  3. Up to `attempts` attempts (counting those a dead runner made), `backoffMs` doubling between
 *     them; each attempt is one insert-only document `<id>#<n>`. A refusal that cannot change
 *     (4xx, host not allowed, bad signature) ends the attempts at once.
 *  4. The final status is inserted once, naming the fallback channel when the channel failed and
 *     a fallback is configured that the level does not already use; the fallback request
 *     (`<id>:fallback-<channel>`) is delivered the same way (without a further fallback).
 *
 * `skipped` (no recipient with an address, no provider configured) is final and does not fall back.
 */
import type { DeliveryResult, DeliveryStatus, NotificationRequest } from '../../definitions/incidents/model';
import type { ChannelKind } from '../../definitions/policies/schema';
import type { DeliveryEntry, Store } from '../../store';
import type { NotifyConfig } from './config';

export type Outcome = { status: 'sent'; reply: string } | { status: 'skipped'; reply: string } | { status: 'failed'; reply: string; retry: boolean };

export type ChannelSender = (req: NotificationRequest) => Promise<Outcome>;

export interface DeliverDeps {
  store: Store;
  config: NotifyConfig;
  senders: Record<ChannelKind, ChannelSender>;
  sleep?: (ms: number) => Promise<void>;
}

const REPLY_MAX = 1000;
const clip = (s: string): string => (s.length > REPLY_MAX ? `${s.slice(0, REPLY_MAX - 1)}…` : s);
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const fallbackId = (id: string, channel: ChannelKind): string => `${id}:fallback-${channel}`;

function resultOf(e: DeliveryEntry): DeliveryResult {
  return {
    id: e.requestId,
    channel: e.channel as ChannelKind,
    status: e.status as DeliveryStatus,
    attempts: e.attempt ?? 0,
    providerReply: e.providerReply,
    ...(e.fallback ? { fallback: e.fallback as ChannelKind } : {}),
  };
}

async function attempt(sender: ChannelSender, req: NotificationRequest): Promise<Outcome> {
  try {
    return await sender(req);
  } catch (e) {
    return { status: 'failed', reply: (e as Error).message ?? String(e), retry: true };
  }
}

export class DeliveryInProgress extends Error {
  constructor(id: string) {
    super(`notification ${id} is being delivered by another runner; retry later`);
    this.name = 'DeliveryInProgress';
  }
}

/**
 * Delivers `req` (see the module comment); `levelChannels`: the channels the level uses itself,
 * never taken as a fallback. Answers the request's result, then its fallback's when one was used.
 */
export async function deliver(deps: DeliverDeps, req: NotificationRequest, levelChannels: readonly ChannelKind[], fallbackFor: string | null = null): Promise<DeliveryResult[]> {
  const { store, config } = deps;
  const base = {
    requestId: req.id,
    incident: req.incident,
    level: req.level,
    channel: req.channel,
    target: req.target ?? null,
    recipients: req.recipients.length,
    fallbackFor,
  };
  let final = await store.deliveries.final(req.id);
  if (!final) {
    if (!(await store.deliveries.claim({ ...base, status: 'claimed', providerReply: null, fallback: null }, config.claimStaleMs))) {
      throw new DeliveryInProgress(req.id);
    }
    const done = await store.deliveries.attempts(req.id);
    let outcome: Outcome = { status: 'failed', reply: 'no attempts left', retry: false };
    let n = done;
    while (n < config.attempts) {
      if (n > done) await (deps.sleep ?? wait)(config.backoffMs * 2 ** (n - done - 1));
      n += 1;
      outcome = await attempt(deps.senders[req.channel], req);
      await store.deliveries.recordAttempt(n, { ...base, status: outcome.status, providerReply: clip(outcome.reply), fallback: null });
      if (outcome.status !== 'failed' || !outcome.retry) break;
    }
    const next = config.fallback[req.channel];
    const fallback = outcome.status === 'failed' && fallbackFor === null && next && !levelChannels.includes(next) ? next : null;
    final = await store.deliveries.recordFinal({ ...base, status: outcome.status, providerReply: clip(outcome.reply), fallback, attempts: n });
  }
  const results = [resultOf(final)];
  const via = final.fallback as ChannelKind | null;
  if (via && fallbackFor === null) {
    const stand: NotificationRequest = { ...req, id: fallbackId(req.id, via), channel: via };
    delete stand.target;
    results.push(...(await deliver(deps, stand, levelChannels, req.id)));
  }
  return results;
}

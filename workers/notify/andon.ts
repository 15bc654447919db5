/** Andon: a call on the incident's line board and its SSE stream, coloured by severity, with a text to speak. */
import type { Severity } from '../../definitions/incidents/model';
import type { AndonColour, Store } from '../../store';
import type { ChannelSender, Outcome } from './deliver';
import { speech } from './messages';

export const ANDON_COLOURS: Record<Severity, AndonColour> = { critical: 'red', major: 'orange', minor: 'yellow', info: 'blue' };

export function andonSender(store: Store, site: string): ChannelSender {
  return async (req): Promise<Outcome> => {
    if (req.line === null) return { status: 'skipped', reply: 'the incident has no line: no andon board to call' };
    const { added, event } = await store.andon.call({
      id: req.id,
      incident: req.incident,
      site,
      line: req.line,
      level: req.level,
      severity: req.severity,
      colour: ANDON_COLOURS[req.severity],
      title: req.subject,
      speech: speech(req),
    });
    return { status: 'sent', reply: added ? `andon event ${event?.id ?? ''} on ${req.line}` : `already on the ${req.line} board` };
  };
}

/**
 * The incident read model's one writer: the whole view by _id, idempotent (older revisions
 * ignored); each change also goes to the live stream as `incident.updated` (with its revision, so
 * a client keeps the newest). Once someone has taken the incident (acknowledged or resolved), its
 * andon calls leave the line's board; a later level of a paused ladder calls again.
 */
import type { IncidentActivities } from '../../engine/activities';
import type { IncidentView } from '../../definitions/incidents/view';
import type { Store } from '../../store';

/** What the stream tells of an incident: enough for a board to show it and link to it. */
function streamed(view: IncidentView) {
  const { id, revision, type, severity, title, status, openedAt, acknowledgedAt, resolvedAt } = view;
  const reached = view.levels.filter((l) => l.run === view.ladder.run).map((l) => l.level);
  return { id, revision, type, severity, title, status, level: reached.length > 0 ? Math.max(...reached) : null, openedAt, acknowledgedAt, resolvedAt };
}

export function createIncidentActivities({ store }: { store: Store }): Pick<IncidentActivities, 'persistIncident'> {
  return {
    async persistIncident(view: IncidentView): Promise<void> {
      await store.incidents.save(view);
      await store.stream.append({ type: 'incident.updated', site: view.site, line: view.line, data: { incident: streamed(view) } });
      if (view.status !== 'open' && view.line !== null) await store.andon.clear(view.site, view.line, view.id);
    },
  };
}

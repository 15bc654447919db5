/** Small routings for engine tests: typed factories, each with just what a test needs. */
import type { Routing } from '../../definitions/routing/schema';

/** cut → weld → inspect: weld may take `weldMinutes` (onOverdue as given); cut → inspect has a queue-time limit. */
export function timedRouting(o: { weldMinutes?: number; onOverdue?: 'alert' | 'hold'; queueMinutes?: number; onQueue?: 'alert' | 'hold' } = {}): Routing {
  return {
    name: 'Timed',
    steps: [
      { id: 'cut', name: 'Cut', kind: 'operation', stationGroup: 'saw' },
      { id: 'weld', name: 'Weld', kind: 'operation', stationGroup: 'welder', ...(o.weldMinutes !== undefined ? { maxMinutes: o.weldMinutes, onOverdue: o.onOverdue ?? 'alert' } : {}) },
      { id: 'inspect', name: 'Inspect', kind: 'inspection', stationGroup: 'qc' },
    ],
    transitions: [
      { from: 'cut', to: 'weld', on: 'pass' },
      { from: 'weld', to: 'inspect', on: 'pass' },
    ],
    ...(o.queueMinutes !== undefined ? { queueTimeLimits: [{ from: 'cut', to: 'inspect', maxMinutes: o.queueMinutes, onViolation: o.onQueue ?? 'hold' }] } : {}),
  };
}

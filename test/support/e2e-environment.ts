/**
 * The jest environment of the end-to-end suites: Node's, plus a note of the test whose body just
 * failed, so the suite's afterEach can save a screenshot of what the browser showed then.
 */
import NodeEnvironment from 'jest-environment-node';
import type { Circus } from '@jest/types';

export default class E2eEnvironment extends NodeEnvironment {
  handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent): void {
    if (event.name === 'test_start') this.global.__E2E_FAILED_TEST__ = undefined;
    if (event.name === 'test_fn_failure') this.global.__E2E_FAILED_TEST__ = event.test.name;
  }
}

/** Every workflow the worker registers. */
export * from './unit';
export * from './work-order';
export * from './incident';
export * from './rule-schedule';

/** Every workflow the worker registers. */
export * from './unit';
export * from './work-order';

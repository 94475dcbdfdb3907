/** Tasks: workflow, state machine, outcome classes, deadlines, recurrence and event descriptions. */
export * from './model';
export * from './state-machine';
export * from './outcome';
export * from './recurrence';
export * from './events';

export * from './levels';
export * from './periods';
export * from './score';
export * from './quota';
export * from './party';
export * from './flags';
export * from './workflow';

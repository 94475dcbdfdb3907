/** Violations: the manifestation catalogue, the case workflow, sanction regimes and time limits. */
export * from './sanctions';
export * from './periods';
export * from './catalogue';
export * from './case';
export * from './subjects';

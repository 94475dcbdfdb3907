/** Shirking signals: codes, thresholds and the pure detectors over a task's history. */
export * from './thresholds';
export * from './detectors';

/** Directing documents: kinds, statuses and official numbers (Party and State styles). */
export * from './types';
export * from './numbers';

import { v7 } from 'uuid';

/** Time-ordered UUID v7, made by the server: the same on both databases, never guessable in order. */
export function newId(): string {
  return v7();
}

/** The materialised-path segment of an org id: its hex digits. */
export function pathSegment(id: string): string {
  return id.replace(/-/g, '');
}

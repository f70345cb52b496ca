import { EventEmitter } from 'node:events';

// Consumers and the readers waiting for them (read your writes) meet here when they share a process.
const moves = new EventEmitter().setMaxListeners(0);

/** Tells this process's listeners that consumer `name`'s checkpoint moved, once the move has committed. */
export function announceCheckpointMoved(name: string): void {
  moves.emit('moved', name);
}

/** Calls `listener` with the name of each consumer of this process whose checkpoint moves; returns the unsubscribe. */
export function onCheckpointMoved(listener: (name: string) => void): () => void {
  moves.on('moved', listener);
  return () => void moves.off('moved', listener);
}

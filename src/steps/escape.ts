/**
 * What Escape means in each step, as in a dialog: it cancels a wait on the browser or the server,
 * and steps back from a step that was opened on the way. Nothing where it would lose work.
 */
import type { Event, State } from '../machine/types.js';

export function escapeEvent(state: State): Event | undefined {
  switch (state.kind) {
    case 'preparing':
    case 'ceremony':
    case 'registering':
      return { type: 'cancel' };
    case 'enrol':
      return state.phase === 'creating' ? { type: 'cancel' } : undefined;
    case 'choosing':
    case 'confirm-create':
      return { type: 'start-over' };
    case 'code':
      return state.phase === 'sending' ? { type: 'start-over' } : undefined;
    case 'device':
      // A wait on the other device, with nothing typed here: leaving stops the polls.
      return { type: 'start-over' };
    case 'help':
      return { type: 'back' };
    default:
      return undefined;
  }
}

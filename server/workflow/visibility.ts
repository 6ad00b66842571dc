/**
 * Who sees a grievance, from its row and (only when it matters) its history: the one rule behind the
 * grievance view and everything served alongside it, such as its attachments. The rule itself is
 * src/domain/workflow.ts's viewOf; an officer who held the grievance before a transfer keeps the view.
 */
import { type Account, inScope } from '../../src/domain/accounts';
import { viewOf } from '../../src/domain/workflow';
import type { HistoryEvent } from '../../src/domain/workflow-api';
import type { Queryable } from '../store/db';
import { eventsOf, stateOf, type WorkflowRow } from '../store/workflow';

/** Everyone who held the grievance at some point, from its history. */
export const formerHolders = (events: readonly HistoryEvent[]): string[] =>
  [...new Set(events.flatMap((e) => [e.holderId, e.details.fromHolderId as string | undefined]).filter((h): h is string => !!h))];

/** The view `account` has of the grievance `row`, or null; reads the history only for an officer in scope who may be a former holder. */
export async function viewerOf(q: Queryable, row: WorkflowRow, account: Account): Promise<'officer' | 'citizen' | null> {
  const state = stateOf(row);
  const view = viewOf(account, state);
  if (view || account.role !== 'officer' || !inScope(account, state)) return view;
  return viewOf(account, state, formerHolders(await eventsOf(q, row.number)));
}

import type { Comment, Reflection } from './types';

export interface CommentActions {
  edit: boolean;
  delete: boolean;
}

/**
 * What the reader may do with a comment, as the API allows it: edit only one's own; delete one's own, or any
 * comment on one's own reflection (the author keeps their page clean). A removed comment stays as a
 * placeholder and takes no more actions.
 */
export function commentActions(reflection: Pick<Reflection, 'mine'>, comment: Pick<Comment, 'mine' | 'deleted'>): CommentActions {
  if (comment.deleted) return { edit: false, delete: false };
  return { edit: comment.mine, delete: comment.mine || reflection.mine };
}

import { describe, expect, it } from 'vitest';
import { commentActions } from './comments';

describe('what a reader may do with a comment', () => {
  it.each([
    // reflection mine, comment mine, deleted → edit, delete
    [false, true, false, { edit: true, delete: true }],
    [false, false, false, { edit: false, delete: false }],
    [true, false, false, { edit: false, delete: true }],
    [true, true, false, { edit: true, delete: true }],
    [true, true, true, { edit: false, delete: false }],
    [true, false, true, { edit: false, delete: false }],
  ])('reflection mine %s, comment mine %s, deleted %s', (reflectionMine, commentMine, deleted, expected) => {
    expect(commentActions({ mine: reflectionMine }, { mine: commentMine, deleted })).toEqual(expected);
  });
});

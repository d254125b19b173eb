import { cohort2026Id, makeModules } from '../../test/cohorts';
import { nico } from '../goals/testData';
import type { Comment, ReflectionDetail } from './types';

export const reflectionId = '00000000-0000-4000-8000-00000000e101';
export const annemiek = { id: '00000000-0000-4000-8000-0000000000b2', name: 'Annemiek de Vries' };
export const ruud = { id: '00000000-0000-4000-8000-0000000000f1', name: 'Ruud Verbeek' };
const modules = makeModules(2026);

export function makeComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: '00000000-0000-4000-8000-00000000c001',
    author: annemiek,
    mine: false,
    body: 'Herkenbaar! Bij ons speelde hetzelfde.',
    deleted: false,
    createdAt: '2026-11-20T14:05:00Z',
    updatedAt: '2026-11-20T14:05:00Z',
    version: 1,
    ...overrides,
  };
}

export function makeReflection(overrides: Partial<ReflectionDetail> = {}): ReflectionDetail {
  return {
    id: reflectionId,
    cohortId: cohort2026Id,
    author: { id: nico.id, name: nico.name },
    mine: true,
    writtenOn: '2026-11-19',
    title: 'Na de sessie over informatieveiligheid',
    bodyMarkdown: 'De hack bij **Buren** maakte indruk.',
    bodyHtml: '<p>De hack bij <strong>Buren</strong> maakte indruk.</p>',
    visibility: 'cohort',
    module: { id: modules[2]!.id, title: modules[2]!.title },
    session: null,
    goals: [],
    commentCount: 0,
    createdAt: '2026-11-19T20:00:00Z',
    updatedAt: '2026-11-19T20:00:00Z',
    version: 2,
    comments: [],
    ...overrides,
  };
}

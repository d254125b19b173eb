import type { Goal, GoalInput, GoalPatch, GoalStatus } from './types';

/** A goal as the form holds it: plain strings, '' for "none". */
export interface GoalDraft {
  title: string;
  description: string;
  successCriteria: string;
  /** '' = for the whole programme. */
  moduleId: string;
  /** YYYY-MM-DD or ''. */
  targetDate: string;
  status: GoalStatus;
  aspectKeys: string[];
  /** First steps, only when writing a new goal (a goal's steps change one by one afterwards). */
  steps: string[];
}

export const goalFields = ['title', 'description', 'successCriteria', 'moduleId', 'targetDate', 'status', 'aspectKeys'] as const;

export function emptyDraft(moduleId = ''): GoalDraft {
  return {
    title: '',
    description: '',
    successCriteria: '',
    moduleId,
    targetDate: '',
    status: 'draft',
    aspectKeys: [],
    steps: [''],
  };
}

export function draftOf(goal: Goal): GoalDraft {
  return {
    title: goal.title,
    description: goal.description,
    successCriteria: goal.successCriteria,
    moduleId: goal.moduleId ?? '',
    targetDate: goal.targetDate ?? '',
    status: goal.status,
    aspectKeys: goal.aspects.map((aspect) => aspect.key),
    steps: [],
  };
}

export function patchOf(draft: GoalDraft): GoalPatch {
  return {
    title: draft.title.trim(),
    description: draft.description,
    successCriteria: draft.successCriteria,
    moduleId: draft.moduleId || null,
    targetDate: draft.targetDate || null,
    status: draft.status,
    aspectKeys: draft.aspectKeys,
  };
}

export function inputOf(draft: GoalDraft): GoalInput {
  // Empty step rows are rows the participant did not use; they are not steps.
  const steps = draft.steps.map((step) => step.trim()).filter(Boolean);
  return { ...patchOf(draft), title: draft.title.trim(), steps };
}

/** Client checks, as i18n keys per field; the server checks everything again. */
export function validateGoal(draft: GoalDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = 'goals.form.errors.titleRequired';
  return errors;
}

/** The goal's own fields, without steps: what the form edits. */
function fieldsKey(goal: Goal): string {
  const { title, description, successCriteria, moduleId, targetDate, status } = goal;
  const aspects = goal.aspects.map((aspect) => aspect.key).sort();
  return JSON.stringify([title, description, successCriteria, moduleId, targetDate, status, aspects]);
}

/**
 * The version a save of the form is based on. Ticking steps on the same page gives the goal new versions
 * without touching the form's fields: then the form may be saved on top of the latest version. When the
 * fields themselves changed since the form was filled (another tab, another device), the form's own version
 * is sent and the server refuses it (412), so nobody's change is overwritten unseen.
 */
export function baseVersion(base: Goal, latest: Goal | undefined): number {
  return latest && latest.version > base.version && fieldsKey(latest) === fieldsKey(base) ? latest.version : base.version;
}

/** Server field names onto the form's: every aspectKeys[i] problem is shown at the aspects. */
export function formField(field: string): string {
  return field.startsWith('aspectKeys') ? 'aspectKeys' : field;
}

import type { ReflectionDetail, ReflectionInput, Visibility } from './types';

export interface ReflectionDraft {
  writtenOn: string;
  title: string;
  bodyMarkdown: string;
  visibility: Visibility;
  /** '' = none. */
  moduleId: string;
  /** '' = none. */
  sessionId: string;
  goalIds: string[];
}

/** A new reflection: today, and private until its author decides otherwise. */
export function emptyReflectionDraft(today: string): ReflectionDraft {
  return { writtenOn: today, title: '', bodyMarkdown: '', visibility: 'private', moduleId: '', sessionId: '', goalIds: [] };
}

export function draftOfReflection(reflection: ReflectionDetail): ReflectionDraft {
  return {
    writtenOn: reflection.writtenOn,
    title: reflection.title ?? '',
    bodyMarkdown: reflection.bodyMarkdown,
    visibility: reflection.visibility,
    moduleId: reflection.module?.id ?? '',
    sessionId: reflection.session?.id ?? '',
    goalIds: reflection.goals.map((goal) => goal.id),
  };
}

/** The body for both writing and changing: every field, so a change says exactly what the form shows. */
export function inputOfReflection(draft: ReflectionDraft): ReflectionInput & { writtenOn: string; visibility: Visibility } {
  return {
    writtenOn: draft.writtenOn,
    title: draft.title.trim() || null,
    bodyMarkdown: draft.bodyMarkdown,
    visibility: draft.visibility,
    moduleId: draft.moduleId || null,
    sessionId: draft.sessionId || null,
    goalIds: draft.goalIds,
  };
}

export function validateReflection(draft: ReflectionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.writtenOn) errors.writtenOn = 'reflections.form.errors.writtenOnRequired';
  if (!draft.bodyMarkdown.trim()) errors.bodyMarkdown = 'reflections.form.errors.bodyRequired';
  return errors;
}

import '../../i18n/staff';
import type { TFunction } from 'i18next';

/**
 * The audit-log actions this page can put in plain words; the words live under myData.actions in the i18n
 * files, one level per part of the action (goal.read → myData.actions.goal.read). Others are shown as written.
 */
export const knownActions = [
  'goals.read',
  'goal.read',
  'reflections.read',
  'reflection.read',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'portrait.read',
  'portraits.read',
  'portrait.approved',
  'portrait.rejected',
  'grant.created',
  'grant.revoked',
  'role.granted',
  'role.revoked',
  'user.created',
  'user.updated',
  'enrolment.created',
  'enrolment.withdrawn',
  'invitation.sent',
  'attendance.recorded',
  'attendance.updated',
  'personal_data.exported',
  'login.failed',
  'login.second_factor_failed',
  'sessions.revoked',
  'second_factor.reset',
  'retention.noticed',
  'retention.purged',
] as const;

const known = new Set<string>(knownActions);

/** What someone did, in words: "bekeek je leerdoelen"; an action without words is shown as the raw action. */
export function actionText(action: string, t: TFunction): string {
  return known.has(action) ? t(`myData.actions.${action}`) : action;
}

export const knownRoles = ['admin', 'facilitator'] as const;
const roles = new Set<string>(knownRoles);

/** The actor's roles towards the reader now, in words: "begeleider, beheerder"; unknown roles as written. */
export function rolesText(actorRoles: string[], t: TFunction): string {
  if (actorRoles.length === 0) return t('myData.log.noRole');
  return actorRoles.map((role) => (roles.has(role) ? t(`myData.roles.${role}`) : role)).join(', ');
}

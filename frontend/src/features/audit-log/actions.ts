import type { TFunction } from 'i18next';

/*
 * The audit-log actions in words. The labels live under adminSecurity.auditLog.actions, one level per part of the
 * action (login.failed → …actions.login.failed); an action without a label is shown as written, in <code>.
 */
export const knownActions = [
  'login.succeeded',
  'login.failed',
  'login.second_factor_failed',
  'role.granted',
  'role.revoked',
  'user.created',
  'user.updated',
  'user.erased',
  'enrolment.created',
  'enrolment.withdrawn',
  'personal_data.exported',
  'evaluation_report.exported',
  'goals.read',
  'goal.read',
  'goal.created',
  'goal.updated',
  'goal.deleted',
  'goal.step_added',
  'goal.step_updated',
  'goal.step_deleted',
  'reflections.read',
  'reflection.read',
  'reflection.created',
  'reflection.updated',
  'reflection.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'portrait.saved',
  'portrait.submitted',
  'portrait.withdrawn',
  'portrait.read',
  'portrait.approved',
  'portrait.rejected',
  'outbox_mail.read',
  'second_factor.enabled',
  'second_factor.disabled',
  'second_factor.reset',
  'recovery_code.used',
  'recovery_codes.regenerated',
  'sessions.revoked',
  'session.revoked',
  'password.changed',
  'retention.noticed',
  'retention.purged',
  'audit_log.searched',
] as const;

const known = new Set<string>(knownActions);

/** A known action's label; null for any other, which the page shows as the raw action. */
export function actionLabel(action: string, t: TFunction): string | null {
  return known.has(action) ? t(`adminSecurity.auditLog.actions.${action}`) : null;
}

/**
 * One choice of the Handeling filter: the `action` value sent to the API (exact, or a prefix when it ends with
 * '.'), and its label as a key under …filters.prefix or a known action.
 */
export interface ActionChoice {
  value: string;
  prefix?: 'login' | 'role' | 'secondFactor' | 'password' | 'retention';
}

/**
 * The groups of the Handeling filter. The API filters on one action or one prefix, so a group whose actions share
 * no prefix (exports, reads by staff, security) lists its actions one by one; the select shows each group as an
 * <optgroup>.
 */
export const actionGroups: { group: 'login' | 'role' | 'exported' | 'read' | 'erased' | 'security' | 'retention'; choices: ActionChoice[] }[] = [
  {
    group: 'login',
    choices: [
      { value: 'login.', prefix: 'login' },
      { value: 'login.succeeded' },
      { value: 'login.failed' },
      { value: 'login.second_factor_failed' },
    ],
  },
  { group: 'role', choices: [{ value: 'role.', prefix: 'role' }, { value: 'role.granted' }, { value: 'role.revoked' }] },
  { group: 'exported', choices: [{ value: 'personal_data.exported' }, { value: 'evaluation_report.exported' }] },
  {
    group: 'read',
    choices: [
      { value: 'goals.read' },
      { value: 'goal.read' },
      { value: 'reflections.read' },
      { value: 'reflection.read' },
      { value: 'portrait.read' },
      { value: 'outbox_mail.read' },
      { value: 'audit_log.searched' },
    ],
  },
  { group: 'erased', choices: [{ value: 'user.erased' }] },
  {
    group: 'security',
    choices: [
      { value: 'second_factor.', prefix: 'secondFactor' },
      { value: 'recovery_code.used' },
      { value: 'recovery_codes.regenerated' },
      { value: 'sessions.revoked' },
      { value: 'session.revoked' },
      { value: 'password.', prefix: 'password' },
    ],
  },
  {
    group: 'retention',
    choices: [{ value: 'retention.', prefix: 'retention' }, { value: 'retention.noticed' }, { value: 'retention.purged' }],
  },
];

const choiceValues = new Set(actionGroups.flatMap(({ choices }) => choices.map((choice) => choice.value)));

/** Whether an action filter is one of the select's choices (else it is typed as free text). */
export const isActionChoice = (value: string) => choiceValues.has(value);

export function choiceLabel(choice: ActionChoice, t: TFunction): string {
  if (choice.prefix) return t(`adminSecurity.auditLog.filters.prefix.${choice.prefix}`);
  return actionLabel(choice.value, t) ?? choice.value;
}

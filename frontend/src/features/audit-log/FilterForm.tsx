import { Button, ButtonGroup, Heading2, SelectOption } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { actionGroups, choiceLabel, isActionChoice } from './actions';
import { emptyFilters, filterErrors, filterFieldId, type AuditFilters, type FilterField } from './filters';
import { PersonFilter } from './PersonFilter';

/** What is wrong with the filters: per field (by the API's names) and anything that belongs to no field. */
export interface FilterProblem {
  title: string;
  detail?: string | undefined;
  fields: Partial<Record<string, string>>;
  messages: string[];
}

const otherAction = '*other';

interface Draft extends Omit<AuditFilters, 'action'> {
  choice: string;
  actionText: string;
}

function draftOf(filters: AuditFilters): Draft {
  const { action, ...rest } = filters;
  if (action === '') return { ...rest, choice: '', actionText: '' };
  return isActionChoice(action) ? { ...rest, choice: action, actionText: '' } : { ...rest, choice: otherAction, actionText: action };
}

function filtersOf({ choice, actionText, ...rest }: Draft): AuditFilters {
  const trimmed = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, value.trim()])) as Omit<AuditFilters, 'action'>;
  return { ...trimmed, action: choice === otherAction ? actionText.trim() : choice };
}

/** The error summary of the filters: takes focus whenever a new problem appears. */
function Summary({ problem, fieldId }: { problem: FilterProblem; fieldId: (field: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  const items = Object.entries(problem.fields).map(([field, message]) => ({ id: fieldId(field), message: message ?? '' }));
  return <FieldErrorSummary title={problem.title} detail={problem.detail} messages={problem.messages} items={items} alertRef={ref} />;
}

/**
 * The filters of the audit log, filled in from the address and written back to it when applied. Dates are checked
 * here first; what the server refuses (422) comes back as `problem`, on the same fields.
 */
export function FilterForm({
  filters,
  names,
  problem,
  onApply,
  onName,
}: {
  filters: AuditFilters;
  names: ReadonlyMap<string, string>;
  problem: FilterProblem | null;
  onApply: (filters: AuditFilters) => void;
  onName: (id: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const [local, setLocal] = useState<FilterProblem | null>(null);
  const filtersKey = JSON.stringify(filters);

  // The address changed (applied, Back, a name in the table): show what is now searched for.
  useEffect(() => {
    setDraft(draftOf(JSON.parse(filtersKey) as AuditFilters));
    setLocal(null);
  }, [filtersKey]);

  const shown = local ?? problem;
  const fieldId = (field: string) =>
    field === 'action' && draft.choice === otherAction ? filterFieldId('action-text') : filterFieldId(field);
  const error = (field: FilterField) => shown?.fields[field];
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = filtersOf(draft);
    const errors = filterErrors(next);
    const fields = Object.fromEntries(
      Object.entries(errors).map(([field, key]) => [field, t(`adminSecurity.auditLog.filters.errors.${key}`)]),
    );
    if (Object.keys(fields).length > 0) {
      setLocal({ title: t('adminSecurity.auditLog.filters.invalid'), fields, messages: [] });
      return;
    }
    setLocal(null);
    onApply(next);
  }

  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('adminSecurity.auditLog.filters.heading')}
      </Heading2>
      {shown && <Summary problem={shown} fieldId={fieldId} />}
      <form noValidate onSubmit={onSubmit} className="lg-form lg-audit-filters">
        <div className="lg-audit-filters__row">
          <SelectField
            id={filterFieldId('action')}
            label={t('adminSecurity.auditLog.filters.action')}
            value={draft.choice}
            error={draft.choice === otherAction ? undefined : error('action')}
            onChange={set('choice')}
          >
            <SelectOption value="">{t('adminSecurity.auditLog.filters.allActions')}</SelectOption>
            {actionGroups.map(({ group, choices }) => (
              <optgroup key={group} label={t(`adminSecurity.auditLog.filters.groups.${group}`)}>
                {choices.map((choice) => (
                  <SelectOption key={choice.value} value={choice.value}>
                    {choiceLabel(choice, t)}
                  </SelectOption>
                ))}
              </optgroup>
            ))}
            <SelectOption value={otherAction}>{t('adminSecurity.auditLog.filters.otherAction')}</SelectOption>
          </SelectField>
          {draft.choice === otherAction && (
            <TextField
              id={filterFieldId('action-text')}
              label={t('adminSecurity.auditLog.filters.actionText')}
              description={t('adminSecurity.auditLog.filters.actionTextHint')}
              value={draft.actionText}
              error={error('action')}
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              onChange={set('actionText')}
            />
          )}
        </div>
        <div className="lg-audit-filters__row">
          {(['actor', 'subject'] as const).map((field) => (
            <PersonFilter
              key={field}
              id={filterFieldId(field)}
              legend={t(`adminSecurity.auditLog.filters.${field}`)}
              hint={t(`adminSecurity.auditLog.filters.${field}Hint`)}
              value={draft[field]}
              name={names.get(draft[field])}
              error={error(field)}
              onChange={(person) => {
                if (person) onName(person.id, person.name);
                setDraft((d) => ({ ...d, [field]: person?.id ?? '' }));
              }}
            />
          ))}
        </div>
        <div className="lg-audit-filters__row">
          {(['from', 'to'] as const).map((field) => (
            <TextField
              key={field}
              id={filterFieldId(field)}
              type="date"
              label={t(`adminSecurity.auditLog.filters.${field}`)}
              description={t('adminSecurity.auditLog.filters.dateHint')}
              value={draft[field]}
              error={error(field)}
              onChange={set(field)}
            />
          ))}
        </div>
        <div className="lg-audit-filters__row">
          <TextField
            id={filterFieldId('objectType')}
            label={t('adminSecurity.auditLog.filters.objectType')}
            description={t('adminSecurity.auditLog.filters.objectTypeHint')}
            value={draft.objectType}
            error={error('objectType')}
            maxLength={60}
            spellCheck={false}
            autoComplete="off"
            onChange={set('objectType')}
          />
          <TextField
            id={filterFieldId('objectId')}
            label={t('adminSecurity.auditLog.filters.objectId')}
            value={draft.objectId}
            error={error('objectId')}
            maxLength={200}
            spellCheck={false}
            autoComplete="off"
            onChange={set('objectId')}
          />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('adminSecurity.auditLog.filters.submit')}
          </Button>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => {
              setLocal(null);
              setDraft(draftOf(emptyFilters));
              onApply(emptyFilters);
            }}
          >
            {t('adminSecurity.auditLog.filters.clear')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

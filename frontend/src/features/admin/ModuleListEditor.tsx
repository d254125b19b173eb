import '../../i18n/staff';
import { Button, ButtonGroup, Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import {
  addModule,
  addOption,
  keyFromTitle,
  moveModule,
  moveOption,
  removeModule,
  removeOption,
  updateModule,
  updateOption,
  type ModuleDraft,
} from './moduleDraft';

/**
 * Edits an ordered list of modules with their elective options: a programme's template or a cohort's modules.
 * Everything works with the keyboard: order changes with buttons (never by dragging only), focus stays on the
 * button that moved its module, and a live region says where it went.
 */
export function ModuleListEditor({
  idPrefix,
  modules,
  onChange,
  errors,
  withCapacity = false,
}: {
  idPrefix: string;
  modules: ModuleDraft[];
  onChange: (next: ModuleDraft[]) => void;
  errors: Record<string, string>;
  /** Cohorts can cap how many participants choose an option; templates cannot. */
  withCapacity?: boolean;
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const id = (field: string) => fieldDomId(idPrefix, field);
  const buttonId = (uid: string, action: string) => `${idPrefix}-${uid}-${action}`;

  useEffect(() => {
    if (!focusId) return;
    const target = document.getElementById(focusId) as HTMLButtonElement | null;
    // A move to the top or bottom disables the button that did it: then its partner takes focus.
    const partner = focusId.endsWith('-up') ? focusId.replace(/-up$/, '-down') : focusId.replace(/-down$/, '-up');
    (target && !target.disabled ? target : document.getElementById(partner))?.focus();
    setFocusId(null);
  }, [focusId]);

  const titleOf = (m: ModuleDraft, index: number) => m.title.trim() || t('manage.modules.untitled', { n: index + 1 });

  function moveTo(m: ModuleDraft, delta: -1 | 1) {
    const next = moveModule(modules, m.uid, delta);
    onChange(next);
    const position = next.findIndex((x) => x.uid === m.uid) + 1;
    setAnnouncement(t('manage.modules.moved', { title: titleOf(m, position - 1), position }));
    setFocusId(buttonId(m.uid, delta < 0 ? 'up' : 'down'));
  }

  return (
    <div className="lg-admin-modules">
      <p role="status" aria-live="polite" className="lg-admin-visually-hidden">
        {announcement}
      </p>
      {modules.length === 0 && <Paragraph>{t('manage.modules.none')}</Paragraph>}
      <ol className="lg-admin-modules__list">
        {modules.map((m, i) => {
          const at = `modules[${i}]`;
          const title = titleOf(m, i);
          return (
            <li key={m.uid} className="lg-admin-modules__module">
              <Fieldset>
                <FieldsetLegend>{t('manage.modules.legend', { n: i + 1, title })}</FieldsetLegend>
                <div className="lg-admin-row">
                  <TextField
                    id={id(`${at}.title`)}
                    label={t('manage.modules.title')}
                    value={m.title}
                    error={errors[`${at}.title`]}
                    maxLength={200}
                    onChange={(event) => onChange(updateModule(modules, m.uid, { title: event.target.value }))}
                    onBlur={() => {
                      if (!m.id && m.key === '') onChange(updateModule(modules, m.uid, { key: keyFromTitle(m.title) }));
                    }}
                  />
                  <TextField
                    id={id(`${at}.key`)}
                    label={t('manage.modules.key')}
                    description={t('manage.modules.keyHint')}
                    value={m.key}
                    error={errors[`${at}.key`]}
                    maxLength={60}
                    spellCheck={false}
                    onChange={(event) => onChange(updateModule(modules, m.uid, { key: event.target.value }))}
                  />
                </div>
                <TextAreaField
                  id={id(`${at}.description`)}
                  label={t('manage.modules.description')}
                  value={m.description}
                  error={errors[`${at}.description`]}
                  onChange={(event) => onChange(updateModule(modules, m.uid, { description: event.target.value }))}
                />
                {m.sessionCount > 0 && (
                  <Paragraph className="lg-admin-note">{t('manage.modules.hasSessions', { count: m.sessionCount })}</Paragraph>
                )}
                <OptionsEditor
                  module={m}
                  index={i}
                  title={title}
                  modules={modules}
                  onChange={onChange}
                  errors={errors}
                  id={id}
                  withCapacity={withCapacity}
                  announce={setAnnouncement}
                  buttonId={buttonId}
                  focus={setFocusId}
                />
                <ButtonGroup className="lg-admin-modules__actions">
                  <Button
                    id={buttonId(m.uid, 'up')}
                    type="button"
                    appearance="secondary-action-button"
                    disabled={i === 0}
                    aria-label={t('manage.modules.upLabel', { title })}
                    onClick={() => moveTo(m, -1)}
                  >
                    {t('manage.modules.up')}
                  </Button>
                  <Button
                    id={buttonId(m.uid, 'down')}
                    type="button"
                    appearance="secondary-action-button"
                    disabled={i === modules.length - 1}
                    aria-label={t('manage.modules.downLabel', { title })}
                    onClick={() => moveTo(m, 1)}
                  >
                    {t('manage.modules.down')}
                  </Button>
                  {/* A module with sessions cannot go: the server refuses, so the button is not offered. */}
                  {m.sessionCount === 0 && (
                    <Button
                      type="button"
                      appearance="subtle-button"
                      hint="danger"
                      aria-label={t('manage.modules.removeLabel', { title })}
                      onClick={() => {
                        onChange(removeModule(modules, m.uid));
                        setAnnouncement(t('manage.modules.removed', { title }));
                        setFocusId(`${idPrefix}-add`);
                      }}
                    >
                      {t('manage.modules.remove')}
                    </Button>
                  )}
                </ButtonGroup>
              </Fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        id={`${idPrefix}-add`}
        type="button"
        appearance="secondary-action-button"
        onClick={() => {
          const next = addModule(modules);
          onChange(next);
          setAnnouncement(t('manage.modules.added', { n: next.length }));
          // Straight to the new module's title, to fill it in.
          setTimeout(() => document.getElementById(id(`modules[${next.length - 1}].title`))?.focus());
        }}
      >
        {t('manage.modules.add')}
      </Button>
    </div>
  );
}

function OptionsEditor({
  module: m,
  index,
  title,
  modules,
  onChange,
  errors,
  id,
  withCapacity,
  announce,
  buttonId,
  focus,
}: {
  module: ModuleDraft;
  index: number;
  title: string;
  modules: ModuleDraft[];
  onChange: (next: ModuleDraft[]) => void;
  errors: Record<string, string>;
  id: (field: string) => string;
  withCapacity: boolean;
  announce: (text: string) => void;
  buttonId: (uid: string, action: string) => string;
  focus: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset className="lg-admin-modules__options">
      <FieldsetLegend>{t('manage.modules.options', { title })}</FieldsetLegend>
      {m.options.length === 0 ? (
        <Paragraph className="lg-admin-note">{t('manage.modules.noOptions')}</Paragraph>
      ) : (
        <ol className="lg-admin-modules__option-list">
          {m.options.map((o, j) => {
            const at = `modules[${index}].options[${j}]`;
            const optionTitle = o.title.trim() || t('manage.modules.untitledOption', { n: j + 1 });
            return (
              <li key={o.uid} className="lg-admin-modules__option">
                <div className="lg-admin-row">
                  <TextField
                    id={id(`${at}.title`)}
                    label={t('manage.modules.optionTitle', { n: j + 1 })}
                    value={o.title}
                    error={errors[`${at}.title`]}
                    maxLength={200}
                    onChange={(event) => onChange(updateOption(modules, m.uid, o.uid, { title: event.target.value }))}
                  />
                  {withCapacity && (
                    <TextField
                      id={id(`${at}.capacity`)}
                      label={t('manage.modules.optionCapacity', { n: j + 1 })}
                      description={t('manage.modules.optionCapacityHint')}
                      inputMode="numeric"
                      value={o.capacity}
                      error={errors[`${at}.capacity`]}
                      onChange={(event) => onChange(updateOption(modules, m.uid, o.uid, { capacity: event.target.value }))}
                    />
                  )}
                </div>
                <TextAreaField
                  id={id(`${at}.description`)}
                  label={t('manage.modules.optionDescription', { n: j + 1 })}
                  value={o.description}
                  rows={2}
                  onChange={(event) => onChange(updateOption(modules, m.uid, o.uid, { description: event.target.value }))}
                />
                {o.chosenBy > 0 && (
                  <Paragraph className="lg-admin-note">{t('manage.modules.chosenBy', { count: o.chosenBy })}</Paragraph>
                )}
                <ButtonGroup>
                  <Button
                    id={buttonId(o.uid, 'up')}
                    type="button"
                    appearance="subtle-button"
                    disabled={j === 0}
                    aria-label={t('manage.modules.upLabel', { title: optionTitle })}
                    onClick={() => {
                      onChange(moveOption(modules, m.uid, o.uid, -1));
                      announce(t('manage.modules.moved', { title: optionTitle, position: j }));
                      focus(buttonId(o.uid, 'up'));
                    }}
                  >
                    {t('manage.modules.up')}
                  </Button>
                  <Button
                    id={buttonId(o.uid, 'down')}
                    type="button"
                    appearance="subtle-button"
                    disabled={j === m.options.length - 1}
                    aria-label={t('manage.modules.downLabel', { title: optionTitle })}
                    onClick={() => {
                      onChange(moveOption(modules, m.uid, o.uid, 1));
                      announce(t('manage.modules.moved', { title: optionTitle, position: j + 2 }));
                      focus(buttonId(o.uid, 'down'));
                    }}
                  >
                    {t('manage.modules.down')}
                  </Button>
                  {o.chosenBy === 0 && (
                    <Button
                      type="button"
                      appearance="subtle-button"
                      hint="danger"
                      aria-label={t('manage.modules.removeLabel', { title: optionTitle })}
                      onClick={() => {
                        onChange(removeOption(modules, m.uid, o.uid));
                        announce(t('manage.modules.removed', { title: optionTitle }));
                        focus(buttonId(m.uid, 'add-option'));
                      }}
                    >
                      {t('manage.modules.remove')}
                    </Button>
                  )}
                </ButtonGroup>
              </li>
            );
          })}
        </ol>
      )}
      <Button
        id={buttonId(m.uid, 'add-option')}
        type="button"
        appearance="subtle-button"
        onClick={() => {
          onChange(addOption(modules, m.uid));
          setTimeout(() => document.getElementById(id(`modules[${index}].options[${m.options.length}].title`))?.focus());
        }}
      >
        {t('manage.modules.addOption', { title })}
      </Button>
    </Fieldset>
  );
}

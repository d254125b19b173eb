import '../../i18n/staff';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from './format';
import type { AttendanceTally, CohortAttendance, ParticipantAttendance } from './types';

/** A rate with the counts behind it, so a percentage never stands alone: "67% (2 van 3)". */
export function RateText({ rate, present, of }: { rate: number | null; present: number; of: number }) {
  const { t } = useTranslation();
  if (rate === null) return <>{t('attendance.rates.noRate')}</>;
  return <>{t('attendance.rates.rate', { percent: formatPercent(rate), present, total: of })}</>;
}

function TallyCells({ tally }: { tally: AttendanceTally | null }) {
  const { t } = useTranslation();
  if (!tally) {
    return (
      <TableCell colSpan={6} className="lg-rates__withheld">
        {t('attendance.rates.withheld')}
      </TableCell>
    );
  }
  return (
    <>
      <TableCell className="lg-rates__number">{tally.present}</TableCell>
      <TableCell className="lg-rates__number">{tally.excused}</TableCell>
      <TableCell className="lg-rates__number">{tally.absent}</TableCell>
      <TableCell className="lg-rates__number">{tally.unrecorded}</TableCell>
      <TableCell className="lg-rates__rate">
        <RateText rate={tally.rate} present={tally.present} of={tally.held} />
      </TableCell>
      <TableCell className="lg-rates__rate">
        <RateText rate={tally.rateExcludingExcused} present={tally.present} of={tally.held - tally.excused} />
      </TableCell>
    </>
  );
}

function TallyHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <TableHeaderCell scope="col" className="lg-rates__number">
        {t('attendance.status.present')}
      </TableHeaderCell>
      <TableHeaderCell scope="col" className="lg-rates__number">
        {t('attendance.status.excused')}
      </TableHeaderCell>
      <TableHeaderCell scope="col" className="lg-rates__number">
        {t('attendance.status.absent')}
      </TableHeaderCell>
      <TableHeaderCell scope="col" className="lg-rates__number">
        {t('attendance.rates.unrecorded')}
      </TableHeaderCell>
      <TableHeaderCell scope="col">{t('attendance.rates.rateHeader')}</TableHeaderCell>
      <TableHeaderCell scope="col">{t('attendance.rates.rateExcludingExcusedHeader')}</TableHeaderCell>
    </>
  );
}

/** A wide table may scroll sideways on a small screen; the region lets keyboard users scroll it too. */
function ScrollRegion({ captionId, children }: { captionId: string; children: ReactNode }) {
  return (
    <div className="lg-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      {children}
    </div>
  );
}

/** Attendance per module, with the whole cohort as the footer row. */
export function ModuleRatesTable({ rates }: { rates: CohortAttendance }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <ScrollRegion captionId={captionId}>
      <Table className="lg-rates">
        <TableCaption id={captionId}>{t('attendance.rates.perModule')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('attendance.rates.module')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="lg-rates__number">
              {t('attendance.rates.sessionsHeld')}
            </TableHeaderCell>
            <TallyHeaders />
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...rates.modules]
            .sort((a, b) => a.position - b.position)
            .map((module) => (
              <TableRow key={module.moduleId}>
                <TableHeaderCell scope="row">{module.title}</TableHeaderCell>
                <TableCell className="lg-rates__number">{module.sessionsHeld}</TableCell>
                <TallyCells tally={module.tally} />
              </TableRow>
            ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableHeaderCell scope="row">{t('attendance.rates.wholeCohort')}</TableHeaderCell>
            <TableCell className="lg-rates__number">{rates.sessionsHeld}</TableCell>
            <TallyCells tally={rates.cohort} />
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollRegion>
  );
}

/** Attendance per participant, by name; only for the cohort's facilitators and admins. */
export function ParticipantRatesTable({ participants }: { participants: ParticipantAttendance[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <ScrollRegion captionId={captionId}>
      <Table className="lg-rates">
        <TableCaption id={captionId}>{t('attendance.rates.perParticipant')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('attendance.sheet.participant')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="lg-rates__number">
              {t('attendance.rates.sessionsHeld')}
            </TableHeaderCell>
            <TallyHeaders />
          </TableRow>
        </TableHeader>
        <TableBody>
          {participants.map((participant) => (
            <TableRow key={participant.userId}>
              <TableHeaderCell scope="row">
                {participant.name}
                {participant.enrolmentStatus === 'withdrawn' && (
                  <span className="lg-attendance-line__gemeente">{t('attendance.sheet.withdrawn')}</span>
                )}
              </TableHeaderCell>
              <TableCell className="lg-rates__number">{participant.tally.held}</TableCell>
              <TallyCells tally={participant.tally} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

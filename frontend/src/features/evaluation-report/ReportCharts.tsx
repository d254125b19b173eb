import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, XAxis, YAxis } from 'recharts';
import { countTicks, rowHeightFor, type DistributionRow, type TrendRow } from './chartData';
import { formatCount, formatMean, formatPercent } from './format';

/*
 * The report's charts, in their own chunk so the chart library loads only with this page's pictures. Each chart
 * is an image with an accessible name that says every number it shows; the table beside it holds the same.
 * Colours are the values of the NL Design System (Utrecht) tokens, all far past 3:1 against white, and no colour
 * carries meaning alone: every bar has its name beside it and its number at its end.
 */

// --utrecht-color-blue-35 (7.2:1 on white), --utrecht-color-grey-10 for text, --utrecht-color-grey-40 for lines.
const barColour = 'hsl(211 60% 35%)';
const textColour = 'hsl(0 0% 10%)';
const gridColour = 'hsl(0 0% 40%)';
const white = 'hsl(0 0% 100%)';
const labelWidth = 240;

type BarShapeProps = Parameters<typeof Rectangle>[0] & { payload?: { withheld?: boolean } };

/** How the answers spread over the values or choices: one horizontal bar each, with its count and share. */
export function DistributionChart({ rows, summary }: { rows: DistributionRow[]; summary: string }) {
  const ticks = countTicks(Math.max(...rows.map((row) => row.count)));
  const rowHeight = rowHeightFor(rows.map((row) => row.label), labelWidth);
  return (
    <div className="lg-report-chart" role="img" aria-label={summary}>
      <BarChart
        responsive
        width="100%"
        height={rows.length * rowHeight + 36}
        layout="vertical"
        data={rows}
        margin={{ top: 4, right: 104, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={gridColour} strokeDasharray="3 3" />
        <XAxis
          type="number"
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          ticks={ticks}
          allowDecimals={false}
          tick={{ fill: textColour, fontSize: 14 }}
          stroke={gridColour}
        />
        <YAxis
          type="category"
          dataKey="label"
          interval={0}
          width={labelWidth}
          tick={{ fill: textColour, fontSize: 13 }}
          stroke={gridColour}
        />
        {/* Our own shape keeps values nobody gave (0) in the chart, so their "0" label shows too. */}
        <Bar
          dataKey="count"
          fill={barColour}
          barSize={22}
          isAnimationActive={false}
          shape={(props: BarShapeProps) => <Rectangle {...props} />}
        >
          <LabelList
            dataKey="count"
            content={({ x, y, width, height, index }) => {
              const row = rows[Number(index)];
              if (!row) return null;
              return (
                <text
                  x={Number(x) + Number(width) + 6}
                  y={Number(y) + Number(height) / 2}
                  dominantBaseline="central"
                  fill={textColour}
                  stroke={white}
                  strokeWidth={4}
                  paintOrder="stroke"
                  fontSize={14}
                  className="lg-report-chart__value"
                >
                  {`${formatCount(row.count)} (${formatPercent(row.share)})`}
                </text>
              );
            }}
          />
        </Bar>
      </BarChart>
    </div>
  );
}

/**
 * The mean per cohort, year or form, on the question's own scale (0 to 5 or 10). A group with too few answers
 * gets no bar, only the words that say so.
 */
export function TrendChart({ rows, max, summary }: { rows: TrendRow[]; max: number; summary: string }) {
  const { t } = useTranslation();
  const data = rows.map((row) => ({ label: row.label, mean: row.mean ?? 0, withheld: row.mean === null }));
  const rowHeight = rowHeightFor(rows.map((row) => row.label), labelWidth);
  return (
    <div className="lg-report-chart" role="img" aria-label={summary}>
      <BarChart
        responsive
        width="100%"
        height={rows.length * rowHeight + 36}
        layout="vertical"
        data={data}
        margin={{ top: 4, right: 176, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={gridColour} strokeDasharray="3 3" />
        <XAxis
          type="number"
          domain={[0, max]}
          tickCount={max + 1}
          allowDecimals={false}
          tick={{ fill: textColour, fontSize: 14 }}
          stroke={gridColour}
        />
        <YAxis
          type="category"
          dataKey="label"
          interval={0}
          width={labelWidth}
          tick={{ fill: textColour, fontSize: 13 }}
          stroke={gridColour}
        />
        <Bar
          dataKey="mean"
          fill={barColour}
          barSize={22}
          isAnimationActive={false}
          // A withheld group is not drawn: there is no number to draw.
          shape={(props: BarShapeProps) => (props.payload?.withheld ? <g /> : <Rectangle {...props} />)}
        >
          <LabelList
            dataKey="mean"
            content={({ x, y, width, height, index }) => {
              const row = rows[Number(index)];
              if (!row) return null;
              return (
                <text
                  x={Number(x) + (row.mean === null ? 0 : Number(width)) + 6}
                  y={Number(y) + Number(height) / 2}
                  dominantBaseline="central"
                  fill={textColour}
                  stroke={white}
                  strokeWidth={4}
                  paintOrder="stroke"
                  fontSize={14}
                  fontStyle={row.mean === null ? 'italic' : undefined}
                  className="lg-report-chart__value"
                >
                  {row.mean === null
                    ? t('report.withheld')
                    : t('report.chart.meanLabel', { mean: formatMean(row.mean), n: formatCount(row.n) })}
                </text>
              );
            }}
          />
        </Bar>
      </BarChart>
    </div>
  );
}

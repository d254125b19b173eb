import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, XAxis, YAxis } from 'recharts';
import type { AspectCoverage } from './types';

// One hue per part of the framework, each dark enough (> 7:1 on white) to be told apart from the background and
// to carry no meaning by colour alone: every part also has its name above its bars.
const palette = ['#0b4f8a', '#7a4100', '#1e6b3a', '#5b2a86', '#8a1c2b'];
const textColour = '#1a1a1a';
const gridColour = '#949494';
// Room for an aspect's name over up to three lines beside its bar.
const rowHeight = 56;

/**
 * The aspect coverage as horizontal bars, one small chart per part of the framework: how many participants have
 * a goal on each aspect, out of the group. Hidden from assistive technology, because the table next to it holds
 * the same numbers (and more); it is loaded in its own chunk so the chart library never weighs on other pages.
 */
export default function CoverageChart({ coverage }: { coverage: AspectCoverage }) {
  const { t } = useTranslation();
  const max = Math.max(coverage.participants, 1);
  return (
    <div className="lg-coaching-chart" aria-hidden="true">
      {coverage.groups.map((group, index) => {
        const colour = palette[index % palette.length];
        const data = group.aspects.map((aspect) => ({ label: aspect.label, participants: aspect.participants }));
        return (
          <div key={group.key} className="lg-coaching-chart__group">
            <p className="lg-coaching-chart__title">{group.label}</p>
            <BarChart
              responsive
              width="100%"
              height={data.length * rowHeight + 36}
              layout="vertical"
              data={data}
              margin={{ top: 4, right: 96, bottom: 4, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} stroke={gridColour} strokeDasharray="3 3" />
              <XAxis
                type="number"
                domain={[0, max]}
                allowDecimals={false}
                tick={{ fill: textColour, fontSize: 14 }}
                stroke={gridColour}
              />
              <YAxis
                type="category"
                dataKey="label"
                // Every aspect named: never skip a label to avoid overlap (long names wrap instead).
                interval={0}
                width={280}
                tick={{ fill: textColour, fontSize: 13 }}
                stroke={gridColour}
              />
              {/* A shape of our own keeps aspects nobody chose (0) in the chart, so their "0 van 8" shows too. */}
              <Bar
                dataKey="participants"
                fill={colour}
                barSize={22}
                isAnimationActive={false}
                shape={(props: Parameters<typeof Rectangle>[0]) => <Rectangle {...props} />}
              >
                <LabelList
                  dataKey="participants"
                  // Plain text just past the bar's end (also for an empty bar), never wrapped onto more lines.
                  content={({ x, y, width, height, value }) => (
                    <text
                      x={Number(x) + Number(width) + 6}
                      y={Number(y) + Number(height) / 2}
                      dominantBaseline="central"
                      fill={textColour}
                      fontSize={14}
                      className="lg-coaching-chart__value"
                    >
                      {t('coaching.coverage.participantsOf', { count: Number(value), total: coverage.participants })}
                    </text>
                  )}
                />
              </Bar>
            </BarChart>
          </div>
        );
      })}
    </div>
  );
}

import { CalendarError, type CalendarSpec } from './calendar.js';

/** Public holidays and make-up workdays (调休上班) of one year. */
export interface WorkdayAdjustments {
  holidays: string[];
  makeUpWorkdays: string[];
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Mainland China's public holidays and make-up workdays as the State Council published
 * them: 2025 in 国办发明电〔2024〕12号 (12 Nov 2024), 2026 in the notice of 4 Nov 2025.
 * Only the days off that fall on weekdays matter to a calendar, but every listed day
 * off is included so the data reads like the notice.
 */
export const CHINA_WORKDAY_ADJUSTMENTS: Readonly<Record<number, WorkdayAdjustments>> = Object.freeze({
  2025: {
    holidays: [
      '2025-01-01', // 元旦
      ...range('2025-01-28', '2025-02-04'), // 春节
      ...range('2025-04-04', '2025-04-06'), // 清明节
      ...range('2025-05-01', '2025-05-05'), // 劳动节
      ...range('2025-05-31', '2025-06-02'), // 端午节
      ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'), // 元旦
      ...range('2026-02-15', '2026-02-23'), // 春节
      ...range('2026-04-04', '2026-04-06'), // 清明节
      ...range('2026-05-01', '2026-05-05'), // 劳动节
      ...range('2026-06-19', '2026-06-21'), // 端午节
      ...range('2026-09-25', '2026-09-27'), // 中秋节
      ...range('2026-10-01', '2026-10-07'), // 国庆节
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
});

/**
 * Holidays and make-up workdays of mainland China for `years`, ready to spread into a
 * calendar spec: `createCalendar({ timeZone: 'Asia/Shanghai', hours, ...chinaWorkdays([2025, 2026]) })`.
 * Years not built in come from `data`: pass `{ ...CHINA_WORKDAY_ADJUSTMENTS, 2027: { holidays, makeUpWorkdays } }`
 * when the State Council publishes them.
 */
export function chinaWorkdays(
  years: number | number[],
  data: Readonly<Record<number, WorkdayAdjustments>> = CHINA_WORKDAY_ADJUSTMENTS,
): Required<Pick<CalendarSpec, 'holidays' | 'makeUpWorkdays'>> {
  const holidays: string[] = [];
  const makeUpWorkdays: string[] = [];
  for (const year of Array.isArray(years) ? years : [years]) {
    const adjustments = data[year];
    if (!adjustments) {
      throw new CalendarError(
        'holidays',
        `no China holiday data for ${year} (built in: ${Object.keys(data).join(', ')}); pass the year's data as the second argument`,
      );
    }
    holidays.push(...adjustments.holidays);
    makeUpWorkdays.push(...adjustments.makeUpWorkdays);
  }
  return { holidays, makeUpWorkdays };
}

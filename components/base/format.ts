import type { Locale } from '../../src/index.js';

// Formatters are costly to make and countdowns format often: one per locale and unit.
const unitFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A short date and time (`2026/11/23 14:05`), with one formatter per locale. */
export function formatDateTime(at: number, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) dateTimeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })));
  return format.format(at);
}

function unitFormat(locale: Locale, unit: 'day' | 'hour' | 'minute'): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) unitFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' })));
  return format;
}

/** `1 h 20 min` / `1小时20分钟`, from milliseconds (rounded to the minute, never negative). */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, u: 'day' | 'hour' | 'minute') => unitFormat(locale, u).format(n);
  const parts = [days ? unit(days, 'day') : '', hours ? unit(hours, 'hour') : '', !days && (mins || !hours) ? unit(mins, 'minute') : ''].filter(Boolean);
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}

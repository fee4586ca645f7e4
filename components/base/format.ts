import type { Locale } from '../../src/index.js';

/** `1 h 20 min` / `1小时20分钟`, from milliseconds (rounded to the minute, never negative). */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, u: 'day' | 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  const parts = [days ? unit(days, 'day') : '', hours ? unit(hours, 'hour') : '', !days && (mins || !hours) ? unit(mins, 'minute') : ''].filter(Boolean);
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}

/** A short relative time, `5 minutes ago` / `5分钟前`, through `Intl.RelativeTimeFormat`. */
export function formatAgo(then: number, now: number, locale: Locale): string {
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 60) return rtf.format(0, 'minute');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

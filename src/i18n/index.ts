/**
 * User-facing strings in zh-CN and en-US. Keys are typed from the English
 * table, so a string missing from Chinese fails to compile.
 */
import { enUS } from './en-US.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en-US';
export type MessageKey = keyof typeof enUS;
export type Messages = Record<MessageKey, string>;

const TABLES: Record<Locale, Messages> = { 'en-US': enUS, 'zh-CN': zhCN };

/** Discord locales starting with `zh` (zh-CN, zh-TW) read Chinese; everything else English. */
export function pickLocale(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** Fills `{name}` placeholders; a missing param stays visible rather than vanishing. */
export function t(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = TABLES[locale][key];
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** "1 year ago" / "1 年前"; this year: "this year" / "今年". */
export function yearsAgoLabel(locale: Locale, years: number): string {
  if (years === 0) return t(locale, 'yearsAgo.zero');
  return t(locale, years === 1 ? 'yearsAgo.one' : 'yearsAgo.other', { n: years });
}

/** Discord's name localizations for a key, for command and option definitions. */
export function localizations(key: MessageKey): { 'zh-CN': string } {
  return { 'zh-CN': zhCN[key] };
}

export function isLocale(value: string): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

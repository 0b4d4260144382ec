import { type Locale } from '../i18n/index.js';

/** The terminal's language from LANG/LC_ALL: Chinese when it starts with zh, else English. */
export function cliLocale(env: Record<string, string | undefined> = process.env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/**
 * Chinese names of commands and options, shown by Discord clients set to
 * zh-CN. Payloads always carry the English names (platform-facts.md), so
 * these are display only. Each must match Discord's name pattern (a test checks).
 */
export const ZH_NAMES: Readonly<Record<string, string>> = {
  essay: '文章',
  today: '今天',
  on: '那天',
  show: '阅读',
  random: '随机',
  list: '列表',
  search: '搜索',
  quote: '语录',
  journal: '日记',
  date: '日期',
  query: '关键词',
  year: '年份',
  stats: '统计',
};

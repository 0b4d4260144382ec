/** 中文字符串。键与英文表一一对应（类型检查保证不缺）。 */
import type { Messages } from './index.js';

export const zhCN: Messages = {
  'yearsAgo.zero': '今年',
  'yearsAgo.one': '1 年前',
  'yearsAgo.other': '{n} 年前',
  'today.none': '往年的 {date} 没有写下文章。',
  'today.nearest': '最近的几天写过:',
};

/**
 * Chinese names of commands and options, shown by Discord clients set to
 * zh-CN. Interaction payloads always carry the English names
 * (https://discord.com/developers/docs/interactions/application-commands#localization),
 * so these are display only. Each must match Discord's name pattern (a test checks).
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
  places: '地方',
  place: '地点',
  stats: '统计',
  setup: '设置',
  status: '状态',
  'post-now': '立即发布',
  disable: '停用',
  channel: '频道',
  time: '时间',
  timezone: '时区',
  language: '语言',
  'empty-day': '空白日',
  add: '写作',
  import: '导入',
  file: '文件',
  edit: '编辑',
  hide: '隐藏',
  unhide: '取消隐藏',
  delete: '删除',
  export: '导出',
  // Quotes. A key "command subcommand" names one subcommand where the plain name's Chinese fits only another (/essay add is 写作).
  'quote add': '添加',
  remove: '移除',
  text: '文字',
  // A message context menu: its English name may hold spaces and capitals; the Chinese one holds none.
  'Save as quote': '保存为语录',
};

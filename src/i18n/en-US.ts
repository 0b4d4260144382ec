/** English strings. Keys are grouped by surface; `{x}` are parameters. */
export const enUS = {
  'yearsAgo.zero': 'this year',
  'yearsAgo.one': '1 year ago',
  'yearsAgo.other': '{n} years ago',
  'today.none': 'Nothing was written on {date} in earlier years.',
  'today.nearest': 'The nearest days with essays:',
} as const;

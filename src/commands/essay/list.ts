import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { clampPage } from '../../journal/paging.js';
import { LIST_PAGE_SIZE } from '../../messages/limits.js';
import { renderEssayList } from '../../messages/list.js';
import { option, subcommand } from '../define.js';
import { CHANNEL_VISIBILITY } from '../context.js';
import type { HandlerContext, MessagePayload, Subcommand } from '../types.js';

export const listIds = {
  page: (year: number | undefined, page: number) => `essay:list:${year ?? 'all'}:${page}`,
};

/** One page of the list of essays, newest first. */
export function renderListPage(
  ctx: HandlerContext,
  year: number | undefined,
  page: number,
): MessagePayload {
  const { locale } = ctx;
  const v = CHANNEL_VISIBILITY;
  const total = ctx.store.essays.count({ ...v, year });
  const { page: p, pageCount, offset } = clampPage(page, total, LIST_PAGE_SIZE);
  const essays = ctx.store.essays.list({ ...v, year, limit: LIST_PAGE_SIZE, offset });
  const title =
    year === undefined ? t(locale, 'list.title') : t(locale, 'list.titleYear', { year });
  return renderEssayList({
    title,
    intro:
      total === 0
        ? year === undefined
          ? t(locale, 'essay.empty')
          : t(locale, 'list.none', { year })
        : undefined,
    items: essays.map((e) => ({ essay: { ...e, body: e.excerpt }, lead: e.date })),
    page: p,
    pageCount,
    pageId: (n) => listIds.page(year, n),
    footer: t(locale, 'list.count', { n: total }),
    locale,
  });
}

export function readYear(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    const input = typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
    throw new UserFacingError(`${input} is not a year`, 'list.badYear', { input });
  }
  return year;
}

export const list: Subcommand = {
  data: subcommand('essay.list', [
    option('essay.list.year', {
      type: ApplicationCommandOptionType.Integer,
      required: false,
      min_value: 1,
      max_value: 9999,
    }),
  ]),
  access: 'everyone',
  execute: (ctx, options) => ({
    kind: 'message',
    payload: renderListPage(ctx, readYear(options.year), 0),
  }),
};

import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { clampPage } from '../../journal/paging.js';
import { LIMITS, LIST_PAGE_SIZE } from '../../messages/limits.js';
import { truncate } from '../../journal/display.js';
import { renderEssayList } from '../../messages/list.js';
import { option, subcommand } from '../define.js';
import { CHANNEL_VISIBILITY } from '../context.js';
import type { PlaceSummary } from '../../journal/places.js';
import { placeIds } from '../../messages/places.js';
import { textOption } from '../options.js';
import type { Choice, HandlerContext, MessagePayload, Subcommand } from '../types.js';

export const listIds = {
  page: (year: number | undefined, page: number) => `essay:list:${year ?? 'all'}:${page}`,
};

/** The place an option or button names (matched normalized), or one sentence. */
export function resolvePlace(ctx: HandlerContext, typed: string): PlaceSummary {
  const place = ctx.store.places.find(typed, CHANNEL_VISIBILITY);
  if (!place)
    throw new UserFacingError(`no essay was written at ${typed}`, 'list.unknownPlace', {
      input: typed.trim().slice(0, 80),
    });
  return place;
}

/** One page of the essays written at a place (in a year, if given), newest first. */
export function renderPlaceListPage(
  ctx: HandlerContext,
  place: PlaceSummary,
  year: number | undefined,
  page: number,
): MessagePayload {
  const { locale } = ctx;
  const v = { ...CHANNEL_VISIBILITY, year };
  const total = ctx.store.places.count(place, v);
  const { page: p, pageCount, offset } = clampPage(page, total, LIST_PAGE_SIZE);
  const essays = ctx.store.places.essaysAt(place, { limit: LIST_PAGE_SIZE, offset }, v);
  const shown = place.place;
  const fits = placeIds.essays(place.key, year, 0) !== null;
  return renderEssayList({
    title:
      year === undefined
        ? t(locale, 'list.titlePlace', { place: shown })
        : t(locale, 'list.titlePlaceYear', { place: shown, year }),
    intro:
      total === 0 ? t(locale, 'list.nonePlaceYear', { place: shown, year: year ?? '' }) : undefined,
    items: essays.map((e) => ({ essay: e, lead: e.date })),
    page: p,
    pageCount,
    pageId: fits ? (n) => placeIds.essays(place.key, year, n)! : undefined,
    footer: t(locale, 'list.count', { n: total }),
    locale,
  });
}

/** Autocomplete for `place:`: places whose normalized form contains the typed text, most essays first. */
export function placeChoices(ctx: HandlerContext, typed: string): Choice[] {
  return ctx.store.places.suggest(typed, LIMITS.choices, CHANNEL_VISIBILITY).map((p) => ({
    name: truncate(`${p.place} · ${p.count}`, LIMITS.choiceName),
    value: truncate(p.place, 100),
  }));
}

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
    option('essay.list.place', {
      type: ApplicationCommandOptionType.String,
      required: false,
      autocomplete: true,
      max_length: 100,
    }),
  ]),
  access: 'everyone',
  execute(ctx, options) {
    const year = readYear(options.year);
    const place = textOption(options, 'place');
    return {
      kind: 'message',
      payload:
        place.trim() === ''
          ? renderListPage(ctx, year, 0)
          : renderPlaceListPage(ctx, resolvePlace(ctx, place), year, 0),
    };
  },
  autocomplete: (ctx, focused) => placeChoices(ctx, focused.value),
};

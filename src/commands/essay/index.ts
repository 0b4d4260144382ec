/** `/essay`: reading the journal. Subcommands live one per file beside this one. */
import { UserFacingError } from '../../errors.js';
import { renderEssayPage } from '../../messages/essay.js';
import { renderRelated } from '../../messages/related.js';
import { chatCommand } from '../define.js';
import { CHANNEL_VISIBILITY, intArg, todayOf, visibility } from '../context.js';
import type { ComponentRoute, HandlerContext, SlashCommand } from '../types.js';
import { renderDayList } from './dayList.js';
import { list, readYear, renderListPage, renderPlaceListPage, resolvePlace } from './list.js';
import { places, renderPlacesPage } from './places.js';
import { on } from './on.js';
import { random } from './random.js';
import { essaySearch, searchResultsPage } from '../searchSubcommand.js';
import { show } from './show.js';
import { today } from './today.js';
import { add } from './add.js';
import { deleteEssay } from './delete.js';
import { edit } from './edit.js';
import { hide, unhide } from './hide.js';
import { importFile } from './import.js';
import { subscribe, unsubscribe } from './subscribe.js';

const subcommands = [
  today,
  on,
  show,
  random,
  list,
  places,
  essaySearch,
  add,
  importFile,
  edit,
  hide,
  unhide,
  deleteEssay,
  subscribe,
  unsubscribe,
];

export const essayCommand: SlashCommand = {
  data: chatCommand('essay', subcommands),
  subcommands,
};

function essayById(ctx: HandlerContext, idText: string | undefined) {
  const essay = ctx.store.essays.get(intArg(idText), visibility(ctx));
  // A hidden essay answers exactly like a deleted one, so a forged id reveals nothing.
  if (!essay) throw new UserFacingError('essay not found', 'essay.notFound');
  return essay;
}

/** Buttons on essay messages: `essay:<action>:…` (ids built in render.ts and the list modules). */
export const essayRoute: ComponentRoute = {
  prefix: 'essay',
  access: 'everyone',
  async handle(ctx, args) {
    const [action, a, b] = args;
    switch (action) {
      case 'open':
        // Reading opens privately, so each reader pages on their own.
        return {
          kind: 'message',
          ephemeral: true,
          payload: renderEssayPage(essayById(ctx, a), 0, ctx.locale, { today: todayOf(ctx) }),
        };
      case 'related': {
        // Privately, like opening an essay: an author's list may hold hidden essays.
        const essay = essayById(ctx, a);
        const related = ctx.store.related.relatedTo(essay, visibility(ctx));
        return {
          kind: 'message',
          ephemeral: true,
          payload: renderRelated(essay, related, ctx.locale),
        };
      }
      case 'page':
        return {
          kind: 'update',
          payload: renderEssayPage(essayById(ctx, a), intArg(b), ctx.locale, {
            today: todayOf(ctx),
          }),
        };
      case 'day': {
        const date = a ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/u.test(date))
          throw new UserFacingError('bad day button', 'error.stale');
        const { essays, nearest } = ctx.store.essays.onThisDay(date, CHANNEL_VISIBILITY);
        return { kind: 'update', payload: renderDayList(ctx, date, intArg(b), essays, nearest) };
      }
      case 'list':
        return {
          kind: 'update',
          payload: renderListPage(ctx, a === 'all' ? undefined : readYear(a), intArg(b)),
        };
      case 'places':
        return { kind: 'update', payload: renderPlacesPage(ctx, intArg(a)) };
      case 'plist': {
        // The place is everything after the page: it may itself contain colons.
        const place = resolvePlace(ctx, args.slice(3).join(':'));
        const year = a === 'all' ? undefined : readYear(a);
        return { kind: 'update', payload: renderPlaceListPage(ctx, place, year, intArg(b)) };
      }
      case 'search':
        // The query may itself contain colons: it is everything after the page.
        return {
          kind: 'update',
          payload: await searchResultsPage(ctx, 'essay', args.slice(2).join(':'), intArg(a)),
        };
      default:
        throw new UserFacingError(`unknown essay button ${String(action)}`, 'error.stale');
    }
  },
};

/**
 * `/essay subscribe time: [timezone:]` and `/essay unsubscribe`: a reader's
 * own "on this day" by DM, every day at their local time, in the language
 * their Discord spoke when they subscribed. Anyone who can read the journal
 * may, from anywhere the app is offered (src/schedule/dm.ts sends them).
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserFacingError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { discordTimestamp, notice } from '../../messages/builders.js';
import { startsOnAfterSave } from '../../schedule/due.js';
import { planDm } from '../../schedule/dm.js';
import { option, subcommand } from '../define.js';
import { readTime, readTimeZone, timeZoneChoices } from '../journal/setup.js';
import { textOption } from '../options.js';
import type { HandlerContext, Subcommand } from '../types.js';

/** The console is no Discord user: nobody there could receive the DM. */
function requireDiscord(ctx: HandlerContext): void {
  if (ctx.place === 'local') throw new UserFacingError('DMs need Discord', 'dm.discordOnly');
}

export const subscribe: Subcommand = {
  data: subcommand('essay.subscribe', [
    option('essay.subscribe.time', {
      type: ApplicationCommandOptionType.String,
      required: true,
      max_length: 10,
    }),
    option('essay.subscribe.timezone', {
      type: ApplicationCommandOptionType.String,
      autocomplete: true,
      max_length: 100,
    }),
  ]),
  access: 'everyone',
  reach: 'anywhere',
  execute(ctx, options) {
    requireDiscord(ctx);
    const userId = ctx.caller.id;
    // Both are read before anything is written: a bad time or zone changes nothing.
    const time = readTime(textOption(options, 'time'));
    const existing = ctx.store.subscriptions.get(userId);
    const typedZone = textOption(options, 'timezone').trim();
    const timeZone = readTimeZone(typedZone !== '' ? typedZone : ctx.timeZone);
    const now = ctx.clock.now();
    const current = existing && { enabled: existing.active, startsOn: existing.startsOn };
    const sub = ctx.store.subscriptions.subscribe({
      userId,
      time,
      timeZone,
      language: ctx.locale,
      startsOn: startsOnAfterSave(current, time, timeZone, now),
    });
    const plan = planDm(ctx.store, sub, now);
    // Due already only when today's DM has not gone out and its new time has passed.
    const next =
      plan.due || !plan.next ? t(ctx.locale, 'dm.nextNow') : discordTimestamp(plan.next, 'f');
    return notice(t(ctx.locale, 'dm.subscribed', { time, zone: timeZone, next }));
  },
  autocomplete: (ctx, focused) =>
    focused.name === 'timezone' ? timeZoneChoices(ctx, focused.value) : [],
};

export const unsubscribe: Subcommand = {
  data: subcommand('essay.unsubscribe'),
  access: 'everyone',
  reach: 'anywhere',
  execute(ctx) {
    requireDiscord(ctx);
    const ended = ctx.store.subscriptions.end(ctx.caller.id, 'unsubscribed');
    return notice(t(ctx.locale, ended ? 'dm.unsubscribed' : 'dm.notSubscribed'));
  },
};

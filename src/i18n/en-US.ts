/** English strings. Keys are grouped by surface; `{x}` are parameters. */
export const enUS = {
  'yearsAgo.zero': 'this year',
  'yearsAgo.one': '1 year ago',
  'yearsAgo.other': '{n} years ago',
  'today.none': 'Nothing was written on {date} in earlier years.',
  'today.nearest': 'The nearest days with essays:',
  'today.title': 'On this day · {date}',
  'today.nearestTitle': 'Nearest to {date}',
  'on.title': 'Written on {date}',
  'on.badDate': '"{input}" is not a date: write MM-DD (11-01) or YYYY-MM-DD (2025-11-01).',
  'on.impossible': '{input} is not a real calendar date.',
  'essay.pageOf': 'page {page}/{pages}',
  'essay.hiddenMark': 'hidden',
  'warning.line': 'Content warning: {warning} (tap the hidden text to read it)',
  'warning.cli': 'Content warning: {warning}',
  'essay.notFound': 'That essay no longer exists (it may have been deleted).',
  'essay.unknownChoice':
    'No essay matches "{input}". Start typing a title or a date and pick one from the list.',
  'essay.empty': 'The journal is empty: add essays to the journal folder or with /essay add.',
  'list.title': 'Essays',
  'list.titleYear': 'Essays of {year}',
  'list.count': '{n} essays',
  'list.none': 'No essays in {year}.',
  'list.badYear': '{input} is not a year such as 2025.',
  'list.titlePlace': 'Written at {place}',
  'list.titlePlaceYear': 'Written at {place} in {year}',
  'list.nonePlaceYear': 'Nothing was written at {place} in {year}.',
  'list.unknownPlace':
    'No essay was written at "{input}". Start typing and pick a place from the list.',
  'places.title': 'Places',
  'related.button': 'Related',
  'related.title': 'Related to {title}',
  'related.none': 'No other essay shares rare words with this one yet.',
  'places.entry': '{n} essays · {years}',
  'places.count': '{n} places',
  'places.none':
    'No essay names a place yet: sign one with "— 2025.11.1 于北京" or front matter place:.',
  'search.title': 'Search: {query}',
  'search.count': '{n} essays contain it',
  'search.none': 'No essay contains "{query}".',
  'search.empty': 'Type some words to search for.',
  'quote.none': 'There are no quotes yet.',
  'quote.readEssay': 'Read the essay',
  'error.generic':
    'Something went wrong on our side (error id {id}). The journal is safe; try again in a moment.',
  'error.authorOnly': "Only the journal's authors can do that.",
  'error.managerOnly': 'Only members with Manage Server can do that.',
  'error.serverOnly':
    'This works only in a server that has journal-bot; here you can read, search and see quotes.',
  'error.unknownCommand':
    'This command is not known to this version of the bot; it may have been removed.',
  'error.stale': 'This button belongs to an older message; run the command again.',
  // Storage failures (src/store/storageError.ts): the write was rolled back.
  'error.diskFull':
    "The disk the journal is on is full, so nothing was saved and the journal is unchanged. Tell the bot's operator; then try again.",
  'error.readOnly':
    "The journal database is read-only at the moment, so nothing was saved. Tell the bot's operator.",
  'error.damaged':
    "The journal database is damaged, so this could not be done. Tell the bot's operator: the latest backup can replace it.",
  'error.busy':
    'Another program is writing to the journal right now, so nothing was saved. Try again in a moment.',
  'error.storage':
    "The journal database refused this change, so nothing was saved and the journal is as it was. Tell the bot's operator if it happens again.",

  // The offline console (src/console/).
  'console.banner':
    'journal console · essays in the journal: {essays} · /help lists the commands, Tab completes, a number presses a button, /quit leaves',
  'console.notCommand':
    'Type a command starting with /, such as {example}, or the number of a button. /help lists them all.',
  'console.unknownCommand': 'There is no command /{name}. Commands: {list}',
  'console.unknownSubcommand': '/{command} has no subcommand "{name}". Choose one of: {list}',
  'console.missingSubcommand': '/{command} needs a subcommand: {list}',
  'console.unknownOption': '{command} has no option "{name}". Its options: {list}',
  'console.noOptions': '{command} takes no options (got "{token}").',
  'console.optionSyntax': 'Write options as name:value, e.g. {example} (got "{token}").',
  'console.missingOption': '{command} needs {name}: ({description})',
  'console.duplicateOption': '{name}: is given twice.',
  'console.unclosedQuote': 'A quote is not closed: add the closing {quote}.',
  'console.badInteger': '{name}: must be a whole number, not "{value}".',
  'console.badNumber': '{name}: must be a number, not "{value}".',
  'console.badBoolean': '{name}: must be true or false, not "{value}".',
  'console.badId': '{name}: must be a Discord id (17–20 digits), not "{value}".',
  'console.tooSmall': '{name}: must be at least {min}.',
  'console.tooLarge': '{name}: must be at most {max}.',
  'console.tooShort': '{name}: must be at least {min} characters long.',
  'console.tooLong': '{name}: must be at most {max} characters long.',
  'console.badChoice': '{name}: must be one of {list}.',
  'console.attachment':
    '{name}: files cannot be attached in the console; import them with: journal import PATH',
  'console.noMessage':
    'No buttons to press: the last reply has none. Run a command, then type the number of one of its buttons.',
  'console.noButton': 'There is no button {n}; the last message has buttons 1–{count}.',
  'console.disabledButton': 'Button {n} ({label}) cannot be pressed right now.',
  'console.linkButton': 'Button {n} opens a link: {url}',
  'console.disabled': 'disabled',
  'console.menu': 'This message has a menu, which the console cannot show.',
  'console.file': 'File: {path}',
  'console.image': 'Picture: {path}',
  'console.fileFailed': 'Could not save {name}: {reason}',
  'console.modalTitle': 'Form: {title}',
  'console.modalHelp':
    'Answer each field; an empty answer keeps the value shown in [brackets]. End long text with a line holding only ".". /cancel drops the form.',
  'console.modalRequired': '{label} is required.',
  'console.modalCancelled': 'Form dropped; nothing was sent.',
  'console.fieldLines': 'several lines, ended by a line holding only "."',
  'console.fieldFile': 'the path of a file to attach; empty for none',
  'console.fieldCheckbox': 'y or n',
  'console.noSuchFile': '{path} is not a file that can be read.',
  'console.yesOrNo': 'Answer y or n.',
  'console.modalUnsupported':
    'This form has a field the console cannot fill ({label}); use Discord or the journal command line.',
  'console.helpTitle': 'Commands',
  'console.helpOptions': 'Options',
  'console.helpRequired': 'required',
  'console.helpChoices': 'one of: {list}',
  'console.helpFooter':
    'Options are written name:value; quote values with spaces: query:"a b". Type the number of a button to press it. Tab completes. /help COMMAND shows its options. /quit leaves.',

  'cmd.essay.description': 'Read the journal',
  'cmd.essay.today.description': 'What was written on this day in earlier years',
  'cmd.essay.on.description': 'Essays written on a given day',
  'cmd.essay.on.date.description': 'MM-DD or YYYY-MM-DD',
  'cmd.essay.show.description': 'Read one essay, whole',
  'cmd.essay.show.essay.description': 'Title or date',
  'cmd.essay.random.description': 'A random essay',
  'cmd.essay.list.description': 'All essays, newest first',
  'cmd.essay.list.year.description': 'Only this year',
  'cmd.essay.list.place.description': 'Only essays written at this place',
  'cmd.essay.places.description': 'The places essays were written in: how many, which years',
  'cmd.essay.search.description': 'Essays containing these words',
  'cmd.essay.search.query.description': 'Words to find (Chinese or English)',
  'cmd.quote.description': 'Sentences from the journal',
  'cmd.journal.description': 'The journal in this server: schedule, stats, export',
  'cmd.quote.random.description': 'A random sentence from the journal',

  'cmd.journal.stats.description': 'How much was written: numbers and a calendar heatmap',
  'cmd.journal.stats.year.description': 'The year to draw (default: this year)',
  'stats.title': 'The journal in {year}',
  'stats.span': 'From {first} to {latest}',
  'stats.thisYear': '{year}',
  'stats.allTime': 'All years',
  'stats.essaysChars': '{essays} essays · {chars} characters',
  'stats.chars': '{n} characters',
  'stats.average': 'Average essay',
  'stats.longest': 'Longest essay',
  'stats.currentStreak': 'Current streak',
  'stats.longestStreak': 'Longest streak',
  'stats.streakDays': '{n} days ({start} → {end})',
  'stats.streakWeeks': '{n} weeks ({start} → {end})',
  'stats.places': 'Places',
  'stats.tags': 'Tags',
  'stats.countingNote':
    'Characters are counted as Chinese writers count them: each Han character 1, each English word 1, punctuation 0.',
  // The stats picture (src/journal/statsImage.ts): short labels drawn into the PNG.
  'statsImage.essays.one': '{n} essay',
  'statsImage.essays.other': '{n} essays',
  'statsImage.chars.one': '{n} character',
  'statsImage.chars.other': '{n} characters',
  'statsImage.days.one': '{n} day',
  'statsImage.days.other': '{n} days',
  'statsImage.summary': '{essays} · {chars} · {days} written',
  'statsImage.streaks': 'current streak {current} · longest {longest}',
  'statsImage.legend': 'characters a day',
  'statsImage.perYear': 'Characters per year',
  'statsImage.total': '{chars} in total since {year}',
  'statsImage.empty': 'No essays yet',

  // Anniversary posts: the post itself, /journal setup|status|post-now|disable (src/schedule/, src/commands/journal/).
  'post.more': 'And {n} more from this day: /essay on date:{date}',
  'post.quoteIntro': 'Nothing was written on {date} in earlier years. A line from the journal:',
  'post.nothing':
    'Nothing would be posted on {date}: nothing was written on this day in earlier years, and such days are set to skip.',
  'schedule.guildOnly': 'Anniversary posts belong to a server: run this command in one.',
  'schedule.notConfigured':
    'Anniversary posts are not set up in this server yet: use /journal setup channel: time: timezone:',
  'schedule.badTime':
    '"{input}" is not a time of day: write HH:MM in 24-hour form, such as 09:00 or 21:30.',
  'schedule.badZone':
    '"{input}" is not a time zone: pick one from the list, such as Asia/Shanghai or America/Los_Angeles.',
  'schedule.badChannel': 'Pick a text or announcement channel for the posts.',
  'schedule.saved':
    'Anniversary posts go to <#{channel}> every day at {time} ({zone}), in {language}.',
  'schedule.nextLine': 'Next post: {next}',
  'schedule.nextNow':
    "now: today's time has passed and nothing was posted yet, so it goes out within a minute",
  'schedule.emptyDayLine': 'On a day with nothing to remember: {mode}.',
  'schedule.off': 'off (/journal setup turns the posts back on)',
  'schedule.offBecause': 'off: {reason}',
  'schedule.disabled':
    'Anniversary posts are off in this server. /journal setup turns them back on.',
  'schedule.posted': "Today's anniversary post is in <#{channel}>: {link}",
  'schedule.already': "Today's anniversary post already went out: {link}",
  'schedule.busy': "Today's anniversary post is being sent right now.",
  'schedule.skipped':
    'Nothing was written on this day ({date}) in earlier years, and such days are set to skip: nothing was posted.',
  'schedule.failed': 'The post did not go out. {reason}',
  'schedule.failedRetrying': 'The post did not go out yet. {reason} Next try {at}.',
  'schedule.dryRun':
    'Preview only: the offline console does not post to Discord. This is what would go out in <#{channel}> today:',
  'schedule.dryRunNoServer':
    'Preview only: the offline console does not post to Discord. This is the post a server would get today:',
  'schedule.dryRunEmpty':
    'Preview only: nothing would be posted today ({date}); nothing was written on this day in earlier years and such days are set to skip.',
  'schedule.failure.missing_permissions':
    'The bot may not post in <#{channel}>: it needs View Channel, Send Messages and Embed Links there ({detail}).',
  'schedule.failure.missing_access':
    'The bot cannot see <#{channel}> ({detail}): give it View Channel there.',
  'schedule.failure.unknown_channel':
    'The channel <#{channel}> no longer exists; posts are off until /journal setup picks another.',
  'schedule.failure.unavailable': 'Discord did not answer ({detail}); the bot tries again shortly.',
  'schedule.failure.rejected': 'Discord refused the post ({detail}).',
  'schedule.language.zh-CN': 'Chinese',
  'schedule.language.en-US': 'English',
  'schedule.emptyDay.skip': 'no post',
  'schedule.emptyDay.nearest': 'the essays of the nearest days',
  'schedule.emptyDay.quote': 'a line from the journal',
  'schedule.emptyDayChoice.skip': 'Post nothing',
  'schedule.emptyDayChoice.nearest': "Post the nearest days' essays",
  'schedule.emptyDayChoice.quote': 'Post a line from the journal',
  'schedule.status.title': 'Anniversary posts',
  'schedule.status.channel': 'Channel',
  'schedule.status.time': 'Time',
  'schedule.status.next': 'Next post',
  'schedule.status.last': 'Last post',
  'schedule.status.never': 'none yet',
  'schedule.status.failure': 'Last failure',
  'schedule.status.noFailure': 'none',
  'schedule.status.language': 'Language',
  'schedule.status.emptyDay': 'Days with nothing to remember',
  'cmd.journal.setup.description': 'Post what was written on this day, every day at a set time',
  'cmd.journal.setup.channel.description': 'Where the posts go',
  'cmd.journal.setup.time.description': 'Local time, HH:MM (24-hour), e.g. 09:00',
  'cmd.journal.setup.timezone.description':
    "Time zone, e.g. Asia/Shanghai (default: the journal's)",
  'cmd.journal.setup.language.description': 'Language of the posts',
  'cmd.journal.setup.empty-day.description':
    'What to post on a day with no anniversaries (default: nothing)',
  'cmd.journal.status.description':
    'When the next anniversary post goes out, and how the last one went',
  'cmd.journal.post-now.description': "Post today's anniversary post now (it counts as today's)",
  'cmd.journal.disable.description': 'Stop the anniversary posts in this server',
  // Muted periods (/journal mute|unmute, journal mute|mutes|unmute) and the pause (/journal pause).
  'cmd.journal.mute.description':
    'Keep the essays of a stretch of dates out of anniversaries, random picks and quotes (authors)',
  'cmd.journal.mute.from.description': 'First day, e.g. 2024-03-01',
  'cmd.journal.mute.to.description': 'Last day (included), e.g. 2024-06-30',
  'cmd.journal.mute.note.description': 'A note for yourself (optional)',
  'cmd.journal.unmute.description': 'Let a muted period come up again (authors)',
  'cmd.journal.unmute.id.description': 'The muted period',
  'cmd.journal.pause.description': "Hold this server's anniversary posts for some days (0 resumes)",
  'cmd.journal.pause.days.description': 'How many days, 0–365 (0 resumes now)',
  'mute.added':
    'Muted #{id}: essays written from {from} to {to} stay out of anniversaries, /essay today, on and random, and quotes; search, lists and /essay show still find them. /journal unmute lifts it.',
  'mute.removed': 'Lifted muted period #{id} ({from} – {to}): its essays can come up again.',
  'mute.duplicate': '{from} – {to} is already muted (#{id}); nothing changed.',
  'mute.unknown': 'There is no muted period #{id}; nothing changed.',
  'mute.unknownChoice': 'No muted period matches "{input}": pick one from the list.',
  'mute.badDate': '"{input}" is not a date: write it as 2025-11-01; nothing was muted.',
  'mute.impossibleDate': '{input} is not a real calendar date; nothing was muted.',
  'mute.reversed':
    'The period ends ({to}) before it starts ({from}): put the earlier date first; nothing was muted.',
  'mute.tooLong':
    'A muted period spans at most {years} years, and {from} – {to} is longer; nothing was muted.',
  'mute.noteTooLong': 'A note is at most {max} characters; nothing was muted.',
  'mute.none': 'none',
  'random.noneDrawable': 'Every essay was written in a muted period, so there is none to pick.',
  'schedule.status.muted': 'Muted periods',
  'schedule.status.paused': 'Paused',
  'schedule.pausedUntil': 'no posts until {date}; they resume that day',
  'schedule.pause.done':
    'Anniversary posts in this server are paused: nothing is posted before {date}, when they resume. /journal pause days:0 or /journal setup resumes them sooner.',
  'schedule.pause.resumed': 'Anniversary posts are on again. Next post: {next}',
  'schedule.pause.badDays':
    '"{input}" is not a number of days: give a whole number from 0 to {max} (0 resumes).',
  'schedule.paused':
    'Anniversary posts are paused until {until}, so nothing was posted. /journal pause days:0 resumes them.',
  // Writing from Discord (/essay add, import, edit, hide, unhide, delete), the trash and /journal export.
  'cmd.essay.add.description': 'Write a new essay (authors)',
  'cmd.essay.import.description':
    'Add essays from a .md/.txt file or a Day One or jrnl export (authors)',
  'cmd.essay.import.file.description':
    'A UTF-8 .md/.txt file, or a Day One .zip/.json or jrnl .json export; at most 1 MB',
  'cmd.essay.edit.description': 'Fix an essay; it keeps its number (authors)',
  'cmd.essay.edit.essay.description': 'Title or date',
  'cmd.essay.hide.description':
    'Keep an essay out of anniversaries, random picks and quotes (authors)',
  'cmd.essay.hide.essay.description': 'Title or date',
  'cmd.essay.unhide.description': 'Let a hidden essay come up again (authors)',
  'cmd.essay.unhide.essay.description': 'Title or date',
  'cmd.essay.delete.description': 'Move an essay to the trash (authors)',
  'cmd.essay.delete.essay.description': 'Title or date',
  'cmd.journal.export.description': 'The whole journal as one JSON file, only for you (authors)',
  'write.modal.add': 'New essay',
  'write.modal.edit': 'Edit essay #{id}',
  'write.field.title': 'Title',
  'write.field.titleHint': 'Optional. Typed here, it wins over a title in the text or the file.',
  'write.field.when': 'Date and place',
  'write.field.whenHint':
    'Like 2025-11-01 · 北京 (place optional). A date you change wins over one in the text.',
  'write.field.body': 'Text',
  'write.field.bodyHint':
    'May open with front matter in --- lines: tags: a, b and warning: grief. Empty it to attach a file.',
  'write.field.bodyKeptHint':
    'Too long for this box: left empty, the text stays as it is; attach a file to replace it.',
  'write.field.file': 'Or attach a .md or .txt file',
  'write.field.fileHint':
    'Read like a file of the journal folder (UTF-8, up to 1 MB), so it may be longer than the box.',
  'write.field.hidden': 'Keep out of anniversaries and random picks',
  'write.field.hiddenHint': 'Authors still find it in search, lists and /essay show.',
  'write.added': 'Added essay #{id}.',
  'write.saved': 'Saved essay #{id}; it keeps its number.',
  'write.unchanged': 'Nothing changed in essay #{id}.',
  'write.twin': 'The same text is already essay #{id}; nothing was saved.',
  'write.notSaved': 'Not saved: {reason}',
  'write.keptText':
    'Nothing you typed is lost: it is below and attached as {file}. Paste it into the form again, or fix the file and send it with /essay import.',
  'write.badDate': '"{input}" does not start with a date: write it like 2025-11-01 · 北京.',
  'write.impossibleDate': '{input} is not a real calendar date.',
  'write.noDate':
    'No date: fill in the date, or end the text with a line like "— 2025.11.1 于北京".',
  'write.form.textAndFile':
    'the text box and an attached file cannot both be used; empty the box or drop the file.',
  'write.form.noText': 'there is no text: write it in the box or attach a .md or .txt file.',
  'write.form.notEssayFile': '"{name}" is not a .md or .txt file.',
  'write.hidden':
    'Essay #{id} ({title}) is hidden: it stays out of anniversaries, random picks and quotes. Authors still find it with /essay show, search and list.',
  'write.unhidden': 'Essay #{id} ({title}) is visible again and can come up on its anniversaries.',
  'write.delete.confirm':
    'Delete essay #{id} ({title}, {date})? It goes to the trash and can be brought back.',
  'write.delete.yes': 'Delete',
  'write.delete.no': 'Keep it',
  'write.delete.done':
    'Essay #{id} ({title}) is in the trash. Changed your mind? Press Undo, or later run journal restore {id}.',
  'write.delete.undo': 'Undo',
  'write.delete.kept': 'Kept: nothing was deleted.',
  'write.restored': 'Essay #{id} ({title}) is back.',
  'trash.notFound': 'Essay #{id} is not in the trash.',
  'trash.twin': 'The same text is already essay #{twin}, so essay #{id} stays in the trash.',
  'write.import.notEssayFile':
    '"{name}" is not an essay file: send a .md or .txt file, or a Day One (.zip or .json) or jrnl (.json) export.',
  'write.import.notUtf8':
    '"{name}" is not UTF-8 text. Save it as UTF-8 and send it again (GBK and other encodings are refused rather than garbled).',
  'write.import.tooLarge': 'The file is larger than {mb} MB, too large for an essay.',
  'write.import.wrongHost': "That file is not on Discord's file server, so it was not downloaded.",
  'write.import.timeout': 'Downloading the file took longer than {seconds} s; try again.',
  'write.import.downloadFailed': 'The file could not be downloaded (HTTP {status}); send it again.',
  'write.import.unavailable':
    'Files can only be imported in Discord; on the command line use journal import.',
  'write.import.refused': '"{name}" was not imported: {reason}',
  'write.import.skipped': '"{name}" was skipped: {reason}',
  'write.import.exportDone':
    'From "{name}": {added} added, {updated} updated, {unchanged} unchanged, {duplicate} duplicate, {skipped} skipped, {refused} refused.',
  'write.import.photosLeft': '{n} photos were not imported (essays are text only).',
  'write.import.firstRefusal': 'First refused: {reason}',
  'write.import.added': 'Added essay #{id} from "{name}".',
  'write.import.updated': 'Updated essay #{id} from "{name}"; it keeps its number.',
  'write.import.unchanged': '"{name}" is already essay #{id}; nothing changed.',
  'write.import.duplicate': 'The same text is already essay #{id}; nothing was added.',
  'write.import.inTrash':
    '"{name}" is essay #{id}, which is in the trash: bring it back with journal restore {id}.',
  'export.done':
    'The whole journal: {essays} essays ({hidden} hidden). Restore it with journal import {file}.',
  'export.compressed': 'Compressed with gzip to fit in Discord: gunzip it before journal import.',
  'export.tooLarge':
    'The export is {mb} MB, more than Discord takes; run journal export on the server instead.',

  // Quotes: /quote random|search|list|add|remove and the "Save as quote" menu (src/commands/quote/).
  'cmd.quote.search.description': 'Quotes containing these words',
  'cmd.quote.search.query.description': 'Words to find (Chinese or English)',
  'cmd.quote.list.description': 'The saved quotes, newest first',
  'cmd.quote.add.description': 'Save a sentence as a quote (authors)',
  'cmd.quote.add.text.description': 'One whole sentence, as it should be shown',
  'cmd.quote.add.essay.description': 'The essay it comes from (optional)',
  'cmd.quote.remove.description': 'Remove a saved quote (authors)',
  'cmd.quote.remove.quote.description': 'The quote to remove',
  'quote.originalMessage': 'Original message',
  'quote.fromMessage': 'Saved from a message',
  'quote.curatedFooter': 'A saved quote',
  'quote.searchTitle': 'Quotes: {query}',
  'quote.searchNone': 'No quote contains "{query}".',
  'quote.searchCount': '{n} quotes contain it',
  'quote.listTitle': 'Saved quotes',
  'quote.listEmpty':
    'No quotes have been saved yet. Authors save them with /quote add, or on any message: Apps → Save as quote.',
  'quote.listCount': 'Total: {n}',
  'quote.notShown': 'not shown while its essay is hidden or deleted',
  'quote.saved': 'Saved as quote #{id}. This is how it will be shown:',
  'quote.notInEssay':
    'Note: these words are not in that essay as written; the quote is attributed to it anyway.',
  'quote.essayHidden':
    'Its essay is hidden, so the quote will not be shown until the essay is visible again.',
  'quote.duplicate': 'That quote is already saved (#{id}).',
  'quote.alreadySaved': 'This message is already saved as quote #{id}.',
  'quote.emptyText': 'Write the sentence to save.',
  'quote.emptyMessage':
    'That message has no text to save; pictures, files and embeds cannot be quoted.',
  'quote.badLength':
    'A quote is one sentence of readable length: {min}–{max} Chinese characters, or {minLatin}–{maxLatin} characters of English. Pick the sentence that matters.',
  'quote.removed': 'Removed quote #{id}: {text}',
  'quote.unknownChoice':
    'No saved quote matches "{input}". Start typing its words and pick one from the list.',
  // Anniversaries by DM: /essay subscribe|unsubscribe (src/commands/essay/subscribe.ts, src/schedule/dm.ts).
  'cmd.essay.subscribe.description': 'Get "on this day" by DM, every day at a time you pick',
  'cmd.essay.subscribe.time.description': 'Your local time, HH:MM (24-hour), e.g. 08:00',
  'cmd.essay.subscribe.timezone.description':
    "Your time zone, e.g. Asia/Shanghai (default: the journal's)",
  'cmd.essay.unsubscribe.description': 'Stop the "on this day" DMs',
  'dm.subscribed':
    'Every day at {time} ({zone}) I will DM you what was written on that day in earlier years, starting {next}; a day with nothing written sends nothing.',
  'dm.nextNow': 'within a minute',
  'dm.unsubscribed': 'Done: no more "on this day" DMs.',
  'dm.notSubscribed': 'You are not subscribed to "on this day" DMs, so nothing changed.',
  'dm.discordOnly': 'DMs come from Discord: subscribe there with /essay subscribe.',
  'schedule.failure.recipient_closed':
    'Discord will not deliver direct messages from the bot to this user ({detail}).',
  'schedule.status.subscribers': 'Anniversary DMs',
  'schedule.status.subscriberCount': '{n} subscribed',
} as const;

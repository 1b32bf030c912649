import type { UsageDay } from '../../server/stats/usage.js';
import { USAGE_MAX_DAYS } from '../../server/stats/usage.js';
import { builder } from '../builder.js';

const UsageDayRef = builder.objectRef<UsageDay>('UsageDay').implement({
  description: "One UTC day of the account's usage. A span that crosses midnight (a participant in a room, a recording) is split: each day counts the part that fell in it.",
  fields: (t) => ({
    day: t.field({ type: 'Date', description: 'The day (UTC).', resolve: (d) => d.day }),
    participantMinutes: t.exposeFloat('participantMinutes', {
      description: 'Minutes participants spent in rooms that day, summed over participants (from join to leave; one still in a room counts up to now).',
    }),
    sessions: t.exposeInt('sessions', { description: 'Room sessions that started that day.' }),
    recordingMinutes: t.exposeFloat('recordingMinutes', {
      description:
        'Minutes of recorded tracks that day, summed over tracks (a participant recorded with audio and video counts twice: each track is a file); failed recordings left out, ongoing ones up to now.',
    }),
  }),
});

builder.queryFields((t) => ({
  usage: t.field({
    type: [UsageDayRef],
    authScopes: { apiKey: true },
    description: `Usage per UTC day from \`from\` to \`to\` (both included, at most ${USAGE_MAX_DAYS} days), every day present (zeros when nothing happened) so charts are continuous. BAD_USER_INPUT naming the argument for a day that does not exist, \`to\` before \`from\`, or a longer range.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day (UTC), included.' }),
      to: t.arg({ type: 'Date', required: true, description: `Last day (UTC), included; at most ${USAGE_MAX_DAYS - 1} days after \`from\`.` }),
    },
    resolve: (_root, args, ctx) => ctx.services.usage.byDay(args.from, args.to),
  }),
}));

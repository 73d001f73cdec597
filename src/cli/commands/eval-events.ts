import type { Command } from 'commander';
import type { TaggingScore } from '../../geo/eval/metrics.js';
import type { Share } from '../../events/eval/metrics.js';
import type { EventEvalReport } from '../../events/eval/run.js';
import type { EventLocationCase, EventLocationDetails, EventLocationReport } from '../../events/eval/score-event-location.js';
import type { PloverReport } from '../../events/eval/score-plover.js';
import type { TriggerError, WikiEventsReport } from '../../events/eval/score-wikievents.js';
import { CliError, jsonOption, parseCount, printJson, type CliContext } from '../context.js';
import { evalCommand } from './eval.js';

export function register(program: Command, ctx: CliContext): void {
  evalCommand(program)
    .command('events')
    .description('score event extraction on WikiEvents (KAIROS), the event-location set or the PLOVER gold standard')
    // The set names are spelled out here: reading them from events/eval/sets.js would load its readers for every command's help.
    .argument('<set>', 'wikievents, event-location or plover (read from ../shared/eval beside the project), or a file or folder in one of their formats')
    .option('--limit <n>', 'score only the first n documents or records', parseCount)
    .option('--errors', 'list what was missed or wrong: on WikiEvents each missed and spurious trigger, with what stood near it; on event-location each miss, grouped by the gold verb\'s lemma, and each event put elsewhere than gold')
    .addOption(jsonOption())
    .action(async (name: string, options: { limit?: number; errors?: boolean; json?: boolean }) => {
      const [{ readEventSet }, { evaluateEvents }] = await Promise.all([import('../../events/eval/sets.js'), import('../../events/eval/run.js')]);
      let set;
      try {
        set = readEventSet(name, { limit: options.limit });
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const report = await evaluateEvents(set, { details: options.errors ?? false });
      // Error lists are long: only asked for.
      if (report.set === 'wikievents' && !options.errors) report.errors = [];
      if (options.json) printJson(ctx, report);
      else ctx.stdout.write(formatEventReport(report) + (report.set === 'wikievents' ? formatTriggerErrors(report.errors) : ''));
    });
}

const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
const prf = (s: TaggingScore | null) => (s ? `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}` : '       no Corridor event');
const shareText = (s: Share) => `${String(s.count).padStart(5)} of ${String(s.of).padEnd(5)} ${pct(s.share)}`;
const counts = (tally: Record<string, number>) => Object.entries(tally).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

function formatWikiEvents(r: WikiEventsReport): string {
  const row = (label: string, corridor: string, gold: number, sentences: TaggingScore | null, triggers: TaggingScore | null) =>
    `${label.padEnd(25)} ${String(gold).padStart(5)}   ${prf(sentences)}   ${triggers ? prf(triggers) : ''}   ${corridor}`.trimEnd();
  return [
    `${r.file}: ${r.documents} documents, ${r.sentences} sentences`,
    `${'KAIROS type'.padEnd(25)}  gold   sentences: P      R     F1   triggers: P      R     F1   Corridor events`,
    ...r.types.map((t) => row(t.type, t.corridor.join(', '), t.mentions, t.sentences, t.triggers)),
    row('types Corridor has', '', r.summary.covered, r.summary.sentences, r.summary.triggers),
    `Place: of ${r.place.withPlace} gold events with a Place argument, ${r.place.placed.of} have a Corridor event of their type in their sentence, ${r.place.placed.count} of them put at the Place (${pct(r.place.placed.share).trim()}); of the ${r.place.named.of} whose Place is a place mention, ${r.place.named.count} (${pct(r.place.named.share).trim()})`,
    `Not scored: ${r.summary.unlisted} gold mentions of other KAIROS types; Corridor events of other types: ${counts(r.unscored)}`,
  ].join('\n') + '\n';
}

/** One line per trigger error, tab-separated for grep and sort, then its sentence. */
function formatTriggerErrors(errors: readonly TriggerError[]): string {
  const near = (label: string, list: readonly string[]) => (list.length ? `${label} ${list.map((x) => `"${x}"`).join(', ')}` : '');
  return errors.map((e) => [
    [e.kind, e.type, `"${e.text}"`, `${e.document}#${e.sentence}`, e.event ? `${e.event} ${e.rule ?? ''}`.trim() : '',
      near(e.kind === 'missed' ? 'Corridor on it:' : 'gold on it:', e.onTrigger), near(e.kind === 'missed' ? 'Corridor in sentence:' : 'gold in sentence:', e.inSentence)]
      .filter(Boolean).join('\t'),
    `    ${e.context}`,
  ].join('\n') + '\n').join('');
}

function formatEventLocation(r: EventLocationReport): string {
  return [
    `${r.file}: ${r.records} event verbs`,
    `event on the verb        ${shareText(r.triggers)}   (${r.statements} of them a statement's speech verb)`,
    `put at a gold location   ${shareText(r.placed)}   (found events whose sentence names their place)`,
    `left unplaced            ${shareText(r.unplaced)}   (found events whose sentence names none)`,
    `most missed verbs: ${r.missedVerbs.map((v) => `${v.verb} ${v.missed}/${v.of}`).join(', ')}`,
    ...(r.details ? formatDetails(r.details) : []),
  ].join('\n') + '\n';
}

/** One record: its id, gold verb, the gold locations, and what Corridor produced, under its sentence. */
function formatCase(c: EventLocationCase, placed?: string | null): string[] {
  const where = placed === undefined ? '' : `  placed: ${placed ?? 'nowhere'}`;
  return [
    `  ${c.id}  "${c.verb}"  gold: ${c.gold.join(' | ') || 'none'}${where}`,
    `      ${c.text.replace(/\s+/g, ' ').trim()}`,
    `      -> ${c.produced.join('; ') || 'nothing'}`,
  ];
}

function formatDetails(d: EventLocationDetails): string[] {
  return [
    '', 'MISSES by gold verb lemma (missed/of)',
    ...d.misses.flatMap((g) => [`${g.lemma} ${g.missed}/${g.of}`, ...g.cases.flatMap((c) => formatCase(c))]),
    '', `MISPLACED (${d.misplaced.length}): found, the sentence names the place, not put there`,
    ...d.misplaced.flatMap((c) => formatCase(c, c.placed)),
    '', `OVERPLACED (${d.overplaced.length}): found, the sentence names no place, put somewhere`,
    ...d.overplaced.flatMap((c) => formatCase(c, c.placed)),
  ];
}

function formatPlover(r: PloverReport): string {
  const row = (label: string, records: number, score: TaggingScore, noEvent: number) =>
    `${label.padEnd(24)} ${String(records).padStart(7)}   ${prf(score)}  ${String(score.fp).padStart(4)}  ${String(noEvent).padStart(8)}`;
  const { summary: s } = r;
  return [
    `${r.file}: ${r.records} records; each read at the words its markup gives as the event's`,
    `${'PLOVER category'.padEnd(24)} records        P      R     F1    FP  no event`,
    ...r.types.map((t) => row(t.type, t.records, t.score, t.noEvent)),
    row('categories Corridor has', s.accuracy.of, s.score, s.noEvent),
    `Type accuracy at the trigger  ${shareText(s.accuracy)}   (${s.wrongType} with another category there, ${s.noEvent} with none)`,
    `Spurious at the trigger       ${shareText(s.spurious)}   (records of other categories given a covered category)`,
    `Lenient, any event in text    ${shareText(s.anywhere)}   (a covered record with an event its category lists anywhere in its text)`,
    ...(s.noTrigger ? [`${s.noTrigger} records whose marked trigger is not in their text`] : []),
    `Location: of ${r.location.placed.of} right records whose location the text names, ${r.location.placed.count} put there (${pct(r.location.placed.share).trim()}); ${r.location.notInText} locations not in the text`,
    `Fatalities: of ${r.fatalities.dead.of} records giving the dead, ${r.fatalities.dead.count} with an event at the trigger of that count (${pct(r.fatalities.dead.share).trim()}); injured ${r.fatalities.injured.count} of ${r.fatalities.injured.of}`,
  ].join('\n') + '\n';
}

/** The report as a table, one row per gold type (or one line per measure) and a summary. */
export function formatEventReport(report: EventEvalReport): string {
  switch (report.set) {
    case 'wikievents': return formatWikiEvents(report);
    case 'event-location': return formatEventLocation(report);
    case 'plover': return formatPlover(report);
  }
}

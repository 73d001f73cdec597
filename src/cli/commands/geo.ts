import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import type { GeoResources } from '../../geo/index.js';
import type { RawDocument } from '../../ingest/index.js';
import type { EvalReport } from '../../geo/eval/run.js';
import { loadConfig, parseFocusCodes } from '../../config.js';
import type { PlaceMention } from '../../types.js';
import { CliError, dbOption, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { evalCommand } from './eval.js';

export function parseFocus(value: string): string[] {
  try {
    return parseFocusCodes(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

interface GeoOptions { db?: string; focus?: string[] }

async function loadResources(ctx: CliContext, options: GeoOptions): Promise<GeoResources> {
  const [{ loadGeoResources }, { readImportedEntries }] = await Promise.all([import('../../geo/index.js'), import('../../geo/gazetteer/imported-store.js')]);
  return loadGeoResources({ imported: readImportedEntries(resolveDb(ctx, options.db)) });
}

function placeLine(p: PlaceMention): string {
  const where = [p.name, p.admin1, p.country].filter(Boolean).join(', ');
  return `${String(p.start).padStart(6)}-${String(p.end).padEnd(6)} ${p.text.padEnd(22)} ${where} (${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}) ${p.featureCode} ${p.kind} ${p.resolution} ${p.confidence}`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('geoparse')
    .description('find the places in a text and resolve them to GeoNames coordinates')
    .argument('[file]', 'a file in any format ingest reads, or - for text on standard input', '-')
    .option('--jsonl', 'read one {id, text} JSON object per line on standard input; write one {id, places} per line')
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour, comma-separated', parseFocus)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (file: string, options: GeoOptions & { json?: boolean; jsonl?: boolean }) => {
      const [{ geoparse }, { createPipeline, segmentStage }, { prepareForCli, readDocuments, recordDocument }] = await Promise.all([
        import('../../geo/index.js'), import('../../pipeline.js'), import('../documents.js'),
      ]);
      // The same document preparation and working text as `extract`, so both report the same offsets.
      const pipeline = createPipeline([segmentStage(), geoparse(await loadResources(ctx, options), { focus: options.focus ?? loadConfig(process.cwd(), ctx.env).focus })]);
      const placesOf = (raw: RawDocument) => {
        const { places, messages } = pipeline.extract(prepareForCli(raw).document);
        return { places, messages };
      };
      if (options.jsonl) {
        await eachJsonLine(ctx, (record, line) => {
          ctx.stdout.write(`${JSON.stringify({ id: record.id ?? line, places: placesOf(recordDocument(record, line)).places })}\n`);
        });
        return;
      }
      const found = (await readDocuments(file, ctx.stdin)).map(placesOf);
      if (options.json) printJson(ctx, found.length === 1 ? found[0] : found);
      else for (const p of found.flatMap((f) => f.places)) ctx.stdout.write(`${placeLine(p)}\n`);
    });

  evalCommand(program)
    .command('geo')
    .description('score geoparsing on GeoWebNews (GWN.xml or its brat folder), LGL (lgl.xml) or TR-News (TR-News.xml)')
    .argument('<corpus>', 'the corpus file or brat folder')
    .option('--gold-spans', 'resolve the gold toponym spans only (geocoding alone)')
    .option('--compare <dir>', 'also score the other systems found in this folder (spacy/, google/, gwn_<system>.txt)')
    .option('--brat <dir>', 'the brat texts that baseline offsets refer to (default: <corpus dir>/brat)')
    .option('--focus <codes>', 'countries or admin1 codes to favour', parseFocus)
    .option('--errors', 'also list the toponyms placed more than 161 km from their gold point')
    .addOption(jsonOption())
    .action(async (corpusPath: string, options: { goldSpans?: boolean; compare?: string; brat?: string; focus?: string[]; errors?: boolean; json?: boolean }) => {
      const [{ loadGeoResources }, { readEvalCorpus }, { evaluateBaseline, evaluateCorridor }, { readBaselines }] = await Promise.all([
        import('../../geo/index.js'), import('../../geo/eval/corpus.js'), import('../../geo/eval/run.js'), import('../../geo/eval/baselines.js'),
      ]);
      let corpus;
      try {
        corpus = readEvalCorpus(corpusPath);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const resources = loadGeoResources();
      const mode = options.goldSpans ? 'gold-spans' : 'end-to-end';
      const reports: EvalReport[] = [evaluateCorridor(corpus, resources, mode, options.focus)];
      if (options.compare) {
        const bratDir = options.brat ?? corpusPath.replace(/[^/]*$/, 'brat');
        for (const baseline of readBaselines(options.compare, corpus, bratDir)) reports.push(evaluateBaseline(corpus, baseline));
      }
      // Error lists are long: only asked for.
      if (!options.errors) for (const r of reports) r.errors = [];
      if (options.json) {
        printJson(ctx, reports.length === 1 ? reports[0] : reports);
        return;
      }
      ctx.stdout.write(formatReports(reports));
      for (const e of reports.flatMap((r) => r.errors.map((x) => ({ system: r.system, ...x })))) {
        ctx.stdout.write(`${e.system}\t${e.document}\t${e.text}\tgold ${e.gold[0]},${e.gold[1]}\t${e.placed ?? 'not placed'}\t${e.km} km\n`);
      }
    });

  const gazetteer = program.command('gazetteer').description('build, extend and query the gazetteer');
  gazetteer
    .command('build')
    .description('rebuild the gazetteer cache from the npm data packages and resources/ (after editing the rules)')
    .action(async () => {
      const { buildGazetteerCache, defaultCachePath } = await import('../../geo/gazetteer/index.js');
      const started = Date.now();
      const data = buildGazetteerCache();
      ctx.stdout.write(`gazetteer: ${data.name.length} entries, ${data.names.keys.length} names, ${Date.now() - started} ms -> ${defaultCachePath}\n`);
    });
  gazetteer
    .command('import')
    .description('stream a GeoNames dump (allCountries.txt, cities500.txt, IQ.txt...) into the store, for villages, rivers, dams and roads')
    .argument('<dump>', 'a GeoNames dump file (19 tab-separated columns)')
    .argument('[alternateNames]', 'alternateNamesV2.txt, for alternate names of the imported places')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (dump: string, alternateNames: string | undefined, options: { db?: string; json?: boolean }) => {
      const [{ importGazetteerEntries }, { readGeoNamesDump }] = await Promise.all([
        import('../../geo/gazetteer/imported-store.js'), import('../../geo/gazetteer/geonames-dump.js'),
      ]);
      const location = resolveDb(ctx, options.db);
      let count: number;
      try {
        count = await importGazetteerEntries(location, readGeoNamesDump(dump, alternateNames));
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      if (options.json) printJson(ctx, { database: location, imported: count });
      else ctx.stdout.write(`gazetteer: imported ${count} GeoNames entries into ${location}\n`);
    });
  gazetteer
    .command('lookup')
    .description('list the gazetteer entries a name finds (after transliteration folding)')
    .argument('<name>')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (name: string, options: GeoOptions & { json?: boolean }) => {
      const { gazetteer: g } = await loadResources(ctx, options);
      const entries = [...g.lookup(name), ...g.acronym(name), ...g.demonym(name)]
        .map((e) => ({ geonameid: e.geonameid, name: e.name, country: e.country, admin1: g.admin1Name(e.country, e.admin1Code), featureCode: e.featureCode, population: e.population, lat: e.lat, lon: e.lon, source: e.source }));
      if (options.json) printJson(ctx, { key: g.normalize(name), entries });
      else {
        ctx.stdout.write(`key: ${g.normalize(name)}\n`);
        for (const e of entries) ctx.stdout.write(`  ${e.geonameid ?? '-'}\t${e.name}\t${e.admin1 ?? ''}\t${e.country ?? ''}\t${e.featureCode}\t${e.population}\t${e.lat},${e.lon}\n`);
      }
    });
}

function pct(x: number | undefined): string {
  return x === undefined ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

/** One table, Corridor beside each baseline, with the columns every geoparsing paper reports. */
export function formatReports(reports: EvalReport[]): string {
  const head = `${reports[0]!.corpus}, ${reports[0]!.mode}, ${reports[0]!.documents} documents\n` +
    'system      P(exact) R(exact) F1(exact) F1(overlap)  geocoded  acc@161  mean km  median km   AUC\n';
  return head + reports.map((r) => {
    const t = r.geotagging;
    const g = r.geocoding;
    return `${r.system.padEnd(11)} ${pct(t?.precision)}   ${pct(t?.recall)}   ${pct(t?.f1)}    ${pct(t?.overlap.f1)}    ${String(g?.n ?? '-').padStart(7)}  ${pct(g?.acc161)}  ${String(g?.meanKm ?? '-').padStart(7)}  ${String(g?.medianKm ?? '-').padStart(9)}  ${g ? g.auc.toFixed(3) : '  -  '}`;
  }).join('\n') + '\n';
}

/** Calls `each` with every JSON object on standard input, one per line. */
export async function eachJsonLine(ctx: CliContext, each: (record: Record<string, unknown>, line: number) => void): Promise<void> {
  const rl = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      ctx.stderr.write(`corridor: stdin:${line}: not valid JSON\n`);
      ctx.exitCode = 1;
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      ctx.stderr.write(`corridor: stdin:${line}: expected a JSON object\n`);
      ctx.exitCode = 1;
      continue;
    }
    try {
      each(record as Record<string, unknown>, line);
    } catch (error) {
      ctx.stderr.write(`corridor: ${(error as Error).message}\n`);
      ctx.exitCode = 1;
    }
  }
}


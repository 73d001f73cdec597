import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { actors, compileActorLexicon, loadActorLexicon } from '../../src/actors/index.js';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { createNameNormalizer, loadTransliterationRules } from '../../src/text/normalize.js';
import { assertSpans, compareWithExpected, documentFor, fixtureCases, fixtureLines } from '../time/fixtures.js';

const lexicon = loadActorLexicon();
const pipeline = createPipeline([segmentStage(), actors({ lexicon })]);
const run = (text: string) => pipeline.analyse(documentFor(text)).actors;

describe('actors: fixtures', () => {
  for (const testCase of fixtureCases('actors')) {
    it(testCase.name, () => {
      const found = run(testCase.input);
      assertSpans(testCase.input, found);
      for (let i = 1; i < found.length; i++) {
        assert.ok(found[i]!.start >= found[i - 1]!.end, `"${found[i - 1]!.text}" and "${found[i]!.text}" overlap or are out of order`);
      }
      for (const m of found) {
        if (m.antecedent) assert.ok(m.antecedent.end <= m.start, `antecedent of "${m.text}" comes before it`);
      }
      compareWithExpected(testCase, { actors: found });
    });
  }
});

describe('actors: negative cases', () => {
  for (const line of fixtureLines('actors', 'negatives.txt')) {
    it(line, () => assert.deepEqual(run(line), []));
  }
});

// One case a line: `text => mention = actor-id | mention = actor-id` (nothing after "=>": no mention).
describe('actors: one-line cases', () => {
  for (const line of fixtureLines('actors', 'cases.txt')) {
    const arrow = line.indexOf('=>');
    if (arrow < 0) throw new Error(`cases.txt: no "=>" in: ${line}`);
    const input = line.slice(0, arrow).trim();
    const wanted = line.slice(arrow + 2).trim();
    const expected = wanted ? wanted.split(' | ').map((pair) => pair.split(' = ').map((part) => part.trim())) : [];
    it(input, () => assert.deepEqual(run(input).map((m) => [m.text, m.actorId]), expected));
  }
});

describe('actors: lexicon', () => {
  const lexiconPath = fileURLToPath(new URL('../../../resources/actors.json', import.meta.url));
  const data = () => JSON.parse(readFileSync(lexiconPath, 'utf8')) as { actors: Array<Record<string, unknown>> };

  it('loads the default lexicon from the package root', () => {
    assert.equal(lexicon.source, lexiconPath);
    assert.equal(lexicon.actors.get('islamic-state')?.kind, 'armed-group');
  });

  it('rejects an alias claimed by two actors', () => {
    const file = data();
    file.actors.push({ id: 'impostor', name: 'Impostor', kind: 'armed-group', aliases: ['Daesh'] });
    assert.throws(() => compileActorLexicon(file, 'test.json'), /test\.json: alias "Daesh" belongs to both "islamic-state" and "impostor"/);
  });

  it('rejects references to unknown actors', () => {
    const file = data();
    file.actors.push({ id: 'orphan', name: 'Orphan', kind: 'militia', aliases: ['Orphan Brigade'], parent: 'nobody' });
    assert.throws(() => compileActorLexicon(file, 'test.json'), /orphan\.parent refers to unknown actor "nobody"/);
  });

  it('rejects an unknown kind, naming the field', () => {
    const file = data();
    file.actors[0]!.kind = 'gang';
    assert.throws(() => compileActorLexicon(file, 'test.json'), /test\.json: actors\.0\.kind/);
  });

  it('rejects refersTo on a named entry', () => {
    const file = data();
    file.actors.find((a) => a.id === 'islamic-state')!.refersTo = 'coalition';
    assert.throws(() => compileActorLexicon(file, 'test.json'), /test\.json: islamic-state\.refersTo: only a generic entry/);
  });

  it('names the file it cannot read', () => {
    assert.throws(() => loadActorLexicon('/nonexistent/actors.json'), /\/nonexistent\/actors\.json: cannot read actor lexicon/);
  });

  it('lets users extend it: a new alias is found', () => {
    const file = data();
    file.actors.push({ id: 'liwa-test', name: 'Liwa Test', kind: 'militia', aliases: ['Liwa Test', 'LT'] });
    const stage = actors({ lexicon: compileActorLexicon(file) });
    const found = createPipeline([segmentStage(), stage]).analyse(documentFor('LT fighters joined Liwa Test units.')).actors;
    assert.deepEqual(found.map((m) => [m.text, m.actorId]), [['LT fighters', 'liwa-test'], ['Liwa Test units', 'liwa-test']]);
  });

  it('reads the text with the normalizer it was built with', () => {
    const text = 'Hezbolah units moved.';
    const strict = createNameNormalizer({ ...loadTransliterationRules(), collapseDoubles: false });
    const found = (stage: ReturnType<typeof actors>) => createPipeline([segmentStage(), stage]).analyse(documentFor(text)).actors.map((m) => m.text);
    assert.deepEqual(found(actors({ lexicon })), ['Hezbolah units']);
    assert.deepEqual(found(actors({ lexicon: compileActorLexicon(data(), 'strict', strict) })), []);
  });

  it('requires a lexicon', () => {
    assert.throws(() => actors({} as Parameters<typeof actors>[0]), /options\.lexicon is required/);
  });
});

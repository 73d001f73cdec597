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

// resources/facilities.tsv is written by hand: each row must be a GeoNames line with its source,
// and each name must find one facility only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../../src/resources.js';
import { readAdminCodes, readFacilities } from '../../src/geo/gazetteer/sources.js';
import { LOCAL_ID_BASE } from '../../src/geo/gazetteer/geonames-dump.js';
import { createNameNormalizer, loadTransliterationRules } from '../../src/text/normalize.js';

const rows = readFileSync(resourcePath('facilities.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));

test('facility rows: GeoNames columns, a feature code for facilities, a known admin1 code and a source', () => {
  const admin1 = new Set(readAdminCodes('admin1').map((a) => a.code));
  const ids = new Set<string>();
  for (const f of rows) {
    const where = `${f[0]} ${f[1]}`;
    assert.equal(f.length, 20, where);
    assert.ok(!ids.has(f[0]!), `${where}: id used twice`);
    ids.add(f[0]!);
    assert.ok(Number(f[0]) >= LOCAL_ID_BASE, `${where}: an id of Corridor's own, or the row's GeoNames id once it has one`);
    assert.match(`${f[6]}.${f[7]}`, /^(S\.(AIRB|AIRP|AIRF|MILB|DAM|PSTB|BDG|MFG|BLDG|CSTL)|L\.(OILF|GASF))$/, where);
    assert.ok(admin1.has(`${f[8]}.${f[10]}`), `${where}: admin1 ${f[8]}.${f[10]}`);
    assert.ok(Math.abs(Number(f[4])) <= 90 && Math.abs(Number(f[5])) <= 180, where);
    assert.ok(f[19]!.trim().length > 10, `${where}: source`);
  }
});

test('each facility name, folded, finds one facility', () => {
  const key = createNameNormalizer(loadTransliterationRules());
  const owner = new Map<string, string>();
  for (const e of readFacilities()) {
    for (const name of e.names) {
      const k = key(name);
      const other = owner.get(k);
      assert.ok(other === undefined || other === e.name, `"${name}" names both ${other} and ${e.name}`);
      owner.set(k, e.name);
    }
  }
});

/**
 * The rules of RFC 7946 a GeoJSON text must follow, as a checker returning
 * every violation with its path (empty: valid). Written from the RFC, not
 * from Corridor's output, so that the exporter is checked against the spec.
 */

type Json = unknown;

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function geoJsonViolations(root: Json): string[] {
  const problems: string[] = [];
  const fail = (path: string, problem: string) => problems.push(`${path}: ${problem}`);

  // Section 3.1.1: a position is an array of two or three numbers, longitude then latitude (section 4: WGS 84).
  const position = (p: Json, path: string) => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      fail(path, 'a position is an array of 2 or 3 finite numbers');
      return;
    }
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180) fail(path, `longitude ${lon} out of range`);
    if (lat! < -90 || lat! > 90) fail(path, `latitude ${lat} out of range`);
  };
  const positions = (ps: Json, path: string, min: number) => {
    if (!Array.isArray(ps) || ps.length < min) return fail(path, `expected an array of at least ${min} positions`);
    ps.forEach((p, i) => position(p, `${path}[${i}]`));
  };
  // Section 3.1.6: a linear ring is closed and has four or more positions.
  const ring = (r: Json, path: string) => {
    positions(r, path, 4);
    if (Array.isArray(r) && r.length >= 4 && JSON.stringify(r[0]) !== JSON.stringify(r.at(-1))) fail(path, 'a linear ring must be closed');
  };
  const geometry = (g: Json, path: string) => {
    if (!isObject(g)) return fail(path, 'a geometry is an object');
    if (!GEOMETRY_TYPES.has(g['type'] as string)) return fail(path, `unknown geometry type ${JSON.stringify(g['type'])}`);
    if ('crs' in g) fail(path, 'the crs member was removed in RFC 7946');
    const c = g['coordinates'];
    switch (g['type']) {
      case 'Point': return position(c, `${path}.coordinates`);
      case 'MultiPoint': return positions(c, `${path}.coordinates`, 0);
      case 'LineString': return positions(c, `${path}.coordinates`, 2);
      case 'MultiLineString':
        if (!Array.isArray(c)) return fail(`${path}.coordinates`, 'expected an array of LineString coordinates');
        return c.forEach((l, i) => positions(l, `${path}.coordinates[${i}]`, 2));
      case 'Polygon':
        if (!Array.isArray(c)) return fail(`${path}.coordinates`, 'expected an array of rings');
        return c.forEach((r, i) => ring(r, `${path}.coordinates[${i}]`));
      case 'MultiPolygon':
        if (!Array.isArray(c)) return fail(`${path}.coordinates`, 'expected an array of polygons');
        return c.forEach((p, i) => (Array.isArray(p) ? p.forEach((r, j) => ring(r, `${path}.coordinates[${i}][${j}]`)) : fail(`${path}.coordinates[${i}]`, 'expected an array of rings')));
      case 'GeometryCollection': {
        const gs = g['geometries'];
        if (!Array.isArray(gs)) return fail(`${path}.geometries`, 'expected an array');
        return gs.forEach((x, i) => geometry(x, `${path}.geometries[${i}]`));
      }
    }
  };
  // Section 5: a bbox has 2*n numbers, the southwesterly corner first; its latitudes stay in order.
  const bbox = (b: Json, path: string) => {
    if (!Array.isArray(b) || (b.length !== 4 && b.length !== 6) || !b.every((n) => typeof n === 'number' && Number.isFinite(n))) return fail(path, 'a bbox is an array of 4 or 6 numbers');
    const half = b.length / 2;
    const [west, south] = b as number[];
    const [east, north] = (b as number[]).slice(half);
    if (south! > north!) fail(path, 'the bbox south edge lies north of its north edge');
    if ([west, east].some((v) => v! < -180 || v! > 180) || [south, north].some((v) => v! < -90 || v! > 90)) fail(path, 'bbox values out of range');
  };

  if (!isObject(root)) return ['(root): a GeoJSON text is an object'];
  if (root['type'] !== 'FeatureCollection') fail('(root)', 'expected a FeatureCollection');
  if ('crs' in root) fail('(root)', 'the crs member was removed in RFC 7946');
  if ('bbox' in root) bbox(root['bbox'], 'bbox');
  const features = root['features'];
  if (!Array.isArray(features)) return [...problems, 'features: expected an array'];
  features.forEach((f, i) => {
    const path = `features[${i}]`;
    if (!isObject(f)) return fail(path, 'a feature is an object');
    if (f['type'] !== 'Feature') fail(path, 'type must be "Feature"');
    // Section 3.2: geometry and properties are members, possibly null; an id is a string or a number.
    if (!('geometry' in f)) fail(path, 'a feature has a geometry member');
    else if (f['geometry'] !== null) geometry(f['geometry'], `${path}.geometry`);
    if (!('properties' in f) || (f['properties'] !== null && !isObject(f['properties']))) fail(path, 'properties must be an object or null');
    if ('id' in f && typeof f['id'] !== 'string' && typeof f['id'] !== 'number') fail(path, 'an id is a string or a number');
    if ('crs' in f) fail(path, 'the crs member was removed in RFC 7946');
    if ('bbox' in f) bbox(f['bbox'], `${path}.bbox`);
  });
  return problems;
}

// The page's only way to the server: JSON GETs, with the API's error body turned into an Error.

export async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
    error.code = body?.error?.code ?? null;
    throw error;
  }
  return body;
}

export async function getItems(path) {
  return (await getJson(path)).items;
}

/**
 * Every item of a paged list, following each page's `next` link. The page
 * holds `pageSize` items (each route documents its maximum in /openapi.json).
 */
export async function getAllItems(path, pageSize) {
  const items = [];
  for (let next = `${path}${path.includes('?') ? '&' : '?'}limit=${pageSize}`; next;) {
    const page = await getJson(next);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

/** Documents and extractions are fetched once each, on first use. */
export function createDocumentCache() {
  const documents = new Map();
  const extractions = new Map();
  const once = (map, id, path) => {
    if (!map.has(id)) map.set(id, getJson(path).catch((error) => { map.delete(id); throw error; }));
    return map.get(id);
  };
  return {
    document: (id) => once(documents, id, `/api/documents/${encodeURIComponent(id)}`),
    extraction: (id) => once(extractions, id, `/api/documents/${encodeURIComponent(id)}/extraction`),
  };
}

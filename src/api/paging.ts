import type { FastifyRequest } from 'fastify';

/** A list route's `limit` and `offset`, defaults applied by the route's schema (`pageParams`). */
export interface PageQuery {
  limit: number;
  offset: number;
}

/** The body of a paged list route (`pageOf`). */
export interface Page<T> {
  items: T[];
  total?: number;
  limit: number;
  offset: number;
  next: string | null;
}

/** The request's own path and query with the page moved on by one: filters stay as they were. */
export function nextLink(request: FastifyRequest, { limit, offset }: PageQuery): string {
  const url = new URL(request.url, 'http://localhost');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset + limit));
  return `${url.pathname}${url.search}`;
}

/** One page of a list that is known whole: its total is known too. */
export function pageOfList<T>(request: FastifyRequest, all: readonly T[], page: PageQuery): Page<T> {
  const { limit, offset } = page;
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset, next: offset + limit < all.length ? nextLink(request, page) : null };
}

/**
 * One page of a list whose total is not counted: `items` holds up to one
 * item more than the page, which tells whether a next page exists.
 */
export function pageOfStream<T>(request: FastifyRequest, items: readonly T[], page: PageQuery): Page<T> {
  return { items: items.slice(0, page.limit), limit: page.limit, offset: page.offset, next: items.length > page.limit ? nextLink(request, page) : null };
}

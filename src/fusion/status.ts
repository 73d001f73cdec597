import type { ClaimStatus, Corroboration } from './types.js';

/** What a cluster's status is read from: its corroboration and the contradictions it takes part in. */
export interface StatusInput {
  corroboration: Corroboration;
  contradictions: readonly string[];
}

/** One status rule: the status it gives, when it applies, and why (shown with the cluster). */
export interface StatusRule {
  status: ClaimStatus;
  applies(c: StatusInput): boolean;
  why(c: StatusInput): string;
}

const sources = (c: StatusInput) => c.corroboration.independentSources.join(', ');

/** Tried in order, the first that applies decides (as the time stage runs its refiners in a listed order). */
export const STATUS_RULES: readonly StatusRule[] = [
  {
    status: 'contested',
    applies: (c) => c.contradictions.length > 0,
    why: (c) => `takes part in ${c.contradictions.length} contradiction${c.contradictions.length > 1 ? 's' : ''}`,
  },
  {
    status: 'corroborated',
    applies: (c) => c.corroboration.score >= 2,
    why: (c) => `asserted by ${c.corroboration.score} independent sources: ${sources(c)}`,
  },
  {
    status: 'single-source',
    applies: (c) => c.corroboration.score === 1,
    why: (c) => `asserted by one source only: ${sources(c)}`,
  },
  {
    status: 'unsupported',
    applies: () => true,
    why: () => 'no source asserts it: only context, opinion, plans or denials speak of it',
  },
];

export function statusOf(c: StatusInput): { status: ClaimStatus; statusReason: string } {
  const rule = STATUS_RULES.find((r) => r.applies(c))!;
  return { status: rule.status, statusReason: rule.why(c) };
}

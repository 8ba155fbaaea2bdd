/**
 * Operation limits per channel: their names, their built-in defaults and how a configuration overrides
 * them. Each channel ends up with a complete, frozen set of limits, resolved once at startup, so the
 * per-request check is a plain lookup.
 */
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../contracts/principal.ts';

export interface OperationLimits {
  /** Deepest field nesting (a root field is depth 1; fragments add no level). */
  maxDepth: number;
  /** Aliased fields in the document (`__typename` aliases are free). */
  maxAliases: number;
  /** Root fields of the operation, aliases and fragments included: each one is a fetch plan of its own. */
  maxRootFields: number;
  /** Lexical tokens of the document: bounds parsing and validation work before anything else. */
  maxTokens: number;
  /** Directives of each operation, fragments counted at each spread (`@include`, `@skip`...). */
  maxDirectives: number;
  /** Deepest nesting of `{` and `[` in the text (selection sets, inline fragments, values): checked before parsing. */
  maxNesting: number;
  /** Selections of each operation with every fragment spread expanded in place: what planning walks. */
  maxSelections: number;
  /** Most objects the operation may return, lists counted at their size (see list-cost.ts). */
  maxCost: number;
  /** Size assumed for a list whose size the request does not say (no `first`/`last`, no schema default). */
  defaultListSize: number;
}

export type LimitName = keyof OperationLimits;

/**
 * Sized so that every operation of clients/<channel>/operations passes with room to spare (a test checks
 * it) while a query that walks customers -> orders -> items at 100 a page is refused.
 */
export const LIMIT_DEFAULTS: Readonly<{ default: OperationLimits; channels: Record<Channel, Partial<OperationLimits>> }> = Object.freeze({
  default: Object.freeze({
    maxDepth: 10,
    maxAliases: 10,
    maxRootFields: 8,
    maxTokens: 1_000,
    maxDirectives: 20,
    // About twice maxDepth: room for an inline fragment or an input object at each level.
    maxNesting: 20,
    // As many as maxTokens: a document without fragments reaches the token limit first; only fragments
    // spread over and over can reach this one.
    maxSelections: 1_000,
    maxCost: 2_000,
    defaultListSize: 10,
  }),
  channels: Object.freeze({
    // First-party app screens: one round trip per screen, small payloads.
    mobile: Object.freeze({ maxDepth: 8, maxAliases: 5, maxRootFields: 5, maxTokens: 500, maxSelections: 500, maxCost: 1_000 }),
    // Browsers (anonymous visitors included): the default.
    web: Object.freeze({}),
    // Machine clients paging through the catalogue with stock levels: bigger pages, no deep walks.
    partner: Object.freeze({ maxDepth: 8, maxAliases: 5, maxCost: 3_000 }),
    // Staff desks: a whole customer account on one screen.
    agent: Object.freeze({ maxDepth: 12, maxAliases: 20, maxRootFields: 12, maxTokens: 2_000, maxNesting: 30, maxSelections: 2_000, maxCost: 5_000 }),
  }),
});

const limitValues = {
  maxDepth: z.number().int().min(1).max(100),
  maxAliases: z.number().int().min(0).max(1_000),
  maxRootFields: z.number().int().min(1).max(1_000),
  maxTokens: z.number().int().min(1).max(100_000),
  maxDirectives: z.number().int().min(0).max(1_000),
  maxNesting: z.number().int().min(1).max(200),
  maxSelections: z.number().int().min(1).max(100_000),
  maxCost: z.number().int().min(1).max(10_000_000),
  defaultListSize: z.number().int().min(1).max(1_000),
} satisfies Record<LimitName, z.ZodNumber>;

const partialLimits = z.strictObject(limitValues).partial();

/**
 * `limits: { default: {...}, channels: { mobile: {...} } }`, every key optional. A channel's limits are,
 * later winning: the built-in default, the built-in channel value, the configured `default`, the
 * configured `channels.<channel>`.
 */
export const limitsConfigSchema = z.strictObject({
  default: partialLimits.default({}),
  channels: z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, partialLimits.optional()])) as Record<Channel, z.ZodOptional<typeof partialLimits>>).default({}),
}).default({ default: {}, channels: {} }).transform((input): Record<Channel, OperationLimits> =>
  Object.fromEntries(CHANNELS.map((channel) => [channel, {
    ...LIMIT_DEFAULTS.default,
    ...LIMIT_DEFAULTS.channels[channel],
    ...input.default,
    ...input.channels[channel],
  }])) as Record<Channel, OperationLimits>);

export type LimitsByChannel = z.output<typeof limitsConfigSchema>;

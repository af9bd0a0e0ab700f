import type { TRPCProcedureOptions } from "@trpc/client";

/** One page of a cursor list (`catalog.search`, `matching.listMyDemands`, …). */
export interface CursorPage<TItem> {
  items: TItem[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One page of an offset list (`catalog.listMyListings`, …). */
export interface OffsetPage<TItem> {
  items: TItem[];
  /** How many items the whole list has. */
  total: number;
}

type AnyPage = CursorPage<unknown> | OffsetPage<unknown>;

/** A list procedure of the client: `client.catalog.search`, anything with `.query(input)`. */
export interface ListProcedure<TInput, TPage extends AnyPage> {
  query(input: TInput, opts?: TRPCProcedureOptions): Promise<TPage>;
}

export interface PaginateOptions {
  /** Stops the walk (and the request in flight) when aborted. */
  signal?: AbortSignal;
  /** Passed to every page's call, e.g. `{ maxRetries: 5 }`. */
  context?: Record<string, unknown>;
}

/** The items of a list, fetched page by page as you iterate. */
export interface Paginated<TItem, TPage> extends AsyncIterable<TItem> {
  /** Whole pages instead of items, e.g. to read `total` or search facets. */
  pages(): AsyncIterable<TPage>;
  /** Every item in one array. Mind the size of the list. */
  toArray(): Promise<TItem[]>;
}

type ItemOf<TPage extends AnyPage> = TPage["items"][number];

/** `input` may be left out when the procedure needs none of its fields. */
type InputArgs<TInput> =
  Record<never, never> extends TInput
    ? [input?: NoInfer<TInput>, options?: PaginateOptions]
    : [input: NoInfer<TInput>, options?: PaginateOptions];

/**
 * Walks a list procedure to its end, one request per page:
 *
 * ```ts
 * for await (const listing of paginate(client.catalog.search, { q: "LED", limit: 50 })) { … }
 * for await (const page of paginate(client.catalog.listMyListings).pages()) console.log(page.total);
 * ```
 *
 * Cursor lists (`{ items, nextCursor }`) follow `nextCursor` until it is null; offset lists
 * (`{ items, total }`) advance `offset` by the items received until `total` is reached. The input
 * you give (filters, `limit`, a starting `cursor` or `offset`) is sent with every page. Nothing is
 * fetched until you iterate, and each iteration starts again from the first page.
 */
export function paginate<TInput, TPage extends AnyPage>(
  procedure: ListProcedure<TInput, TPage>,
  ...[input, options = {}]: InputArgs<TInput>
): Paginated<ItemOf<TPage>, TPage> {
  async function* pages(): AsyncGenerator<TPage> {
    let pageInput = { ...(input ?? {}) } as Record<string, unknown>;
    for (;;) {
      const page = await procedure.query(pageInput as TInput, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.context ? { context: options.context } : {}),
      });
      yield page;
      if ("nextCursor" in page) {
        if (page.nextCursor === null) return;
        if (page.nextCursor === pageInput.cursor) throw new Error("paginate(): the server sent the same cursor again");
        pageInput = { ...pageInput, cursor: page.nextCursor };
      } else if ("total" in page) {
        const offset = (Number(pageInput.offset) || 0) + page.items.length;
        if (page.items.length === 0 || offset >= page.total) return;
        pageInput = { ...pageInput, offset };
      } else {
        throw new TypeError(
          "paginate() needs a list procedure: one answering { items, nextCursor } or { items, total }",
        );
      }
    }
  }

  async function* items(): AsyncGenerator<ItemOf<TPage>> {
    for await (const page of pages()) yield* page.items as ItemOf<TPage>[];
  }

  return {
    [Symbol.asyncIterator]: () => items(),
    pages,
    async toArray() {
      const all: ItemOf<TPage>[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}

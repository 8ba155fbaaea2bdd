/**
 * Connections speak offsets (`after` = an item's position); the CRM speaks page numbers with a page
 * size of at most 100. An offset that is not a multiple of `first` (e.g. first 10 after item 14) still
 * fits one CRM page of a suitable size; only when none exists do we read two consecutive pages.
 */

export interface CrmPagePlan {
  /** The CRM page size to ask for. */
  size: number;
  /** 1-based CRM page numbers to read, consecutive. */
  pages: number[];
  /** How many items of the first page come before the window. */
  skip: number;
}

export function planCrmPages(offset: number, first: number, maxSize: number): CrmPagePlan {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(first) || first < 0 || first > maxSize) {
    throw new RangeError(`cannot plan CRM pages for offset ${offset}, first ${first}`);
  }
  // first = 0 still needs the total: the smallest page tells it.
  if (first === 0) return { size: 1, pages: [1], skip: 0 };
  const last = offset + first - 1;
  // The smallest size whose page holds the whole window: one call, little over-fetch.
  for (let size = first; size <= maxSize; size++) {
    const page = Math.floor(offset / size);
    if (Math.floor(last / size) === page) return { size, pages: [page + 1], skip: offset - page * size };
  }
  // No single page holds it: two pages of the largest size always do, since first <= maxSize.
  const page = Math.floor(offset / maxSize);
  return { size: maxSize, pages: [page + 1, page + 2], skip: offset - page * maxSize };
}

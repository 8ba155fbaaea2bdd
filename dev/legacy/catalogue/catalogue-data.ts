/**
 * What one Catalogue stand-in serves: the dataset's categories and offerings in legacy shape, plus the
 * edits made through its admin routes. Edits stay in this instance (the dataset is shared and memoised
 * per process), so that tests can change a price or a label and watch the ETag change.
 */
import type { Dataset } from '../common/dataset.ts';
import { toLegacyCategory, toLegacyOffering, type LegacyCategory, type LegacyOffering } from './legacy-records.ts';

export interface OfferingEdit { label?: string; listPriceCents?: number; partnerPriceCents?: number }

export class CatalogueData {
  private readonly byCode = new Map<string, LegacyOffering>();
  private readonly ordered: LegacyOffering[];
  private readonly categoryList: LegacyCategory[];

  constructor(dataset: Dataset) {
    this.ordered = dataset.offerings.map(toLegacyOffering);
    for (const item of this.ordered) this.byCode.set(item.productCode, item);
    this.categoryList = dataset.categories.map(toLegacyCategory);
  }

  offering(code: string): LegacyOffering | undefined {
    return this.byCode.get(code);
  }

  /** Offerings in catalogue order (product code), optionally of one category. */
  offerings(categoryCode?: string): readonly LegacyOffering[] {
    return categoryCode === undefined ? this.ordered : this.ordered.filter((item) => item.categoryCode === categoryCode);
  }

  categories(): readonly LegacyCategory[] {
    return this.categoryList;
  }

  /** Applies an admin edit; false when the code is unknown. */
  editOffering(code: string, edit: OfferingEdit): boolean {
    const item = this.byCode.get(code);
    if (!item) return false;
    if (edit.label !== undefined) item.label = edit.label;
    for (const price of item.prices) {
      const cents = price.priceType === 'LIST' ? edit.listPriceCents : edit.partnerPriceCents;
      if (cents !== undefined) price.amount = String(cents);
    }
    return true;
  }

  editCategory(code: string, label: string): boolean {
    const category = this.categoryList.find((c) => c.categoryCode === code);
    if (!category) return false;
    category.label = label;
    return true;
  }
}

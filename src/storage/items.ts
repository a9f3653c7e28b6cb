/**
 * Item metadata attached to a dataset (titles, store, category from a metadata file),
 * aligned with the dataset's item dictionary. Kept apart from the ratings so a dataset
 * can be re-titled without rewriting its table. Every string is display text
 * (src/core/text/display.ts), shown as text.
 */
import { describeStorageError, openLabDB } from './db.ts';

export interface ItemMetadata {
  /** The dataset these belong to. */
  id: string;
  fileName: string;
  /** Items of the dataset with a readable title: the count a person sees titles for. */
  titled: number;
  /** Per item index of the dataset ('' when the file had none, or nothing readable). */
  titles: string[];
  stores: string[];
  categories: string[];
}

/** What a dataset record says of its metadata: the file, and how many of its items show a title. */
export interface MetadataSummary {
  fileName: string;
  titled: number;
}

/** An item as a metadata file described it, in display text. */
export interface ItemText {
  title: string;
  store: string;
  category: string;
}

/** Metadata aligned with `itemIds`: per item its title, store and category ('' when unknown). */
export function alignMetadata(id: string, fileName: string, itemIds: readonly string[], lookup: (itemId: string) => ItemText | undefined): ItemMetadata {
  const meta: ItemMetadata = { id, fileName, titled: 0, titles: [], stores: [], categories: [] };
  for (const itemId of itemIds) {
    const info = lookup(itemId);
    if (info?.title) meta.titled++;
    meta.titles.push(info?.title ?? '');
    meta.stores.push(info?.store ?? '');
    meta.categories.push(info?.category ?? '');
  }
  return meta;
}

/** A parent dataset's metadata carried over to the items of a dataset filtered from it. */
export function carryMetadata(parent: ItemMetadata, parentItemIds: readonly string[], id: string, itemIds: readonly string[]): ItemMetadata {
  const index = new Map(parentItemIds.map((itemId, k) => [itemId, k]));
  return alignMetadata(id, parent.fileName, itemIds, (itemId) => {
    const k = index.get(itemId);
    return k === undefined ? undefined : { title: parent.titles[k], store: parent.stores[k], category: parent.categories[k] };
  });
}

export function metadataSummary(meta: ItemMetadata): MetadataSummary {
  return { fileName: meta.fileName, titled: meta.titled };
}

export async function saveItemMetadata(meta: ItemMetadata): Promise<void> {
  const db = await openLabDB();
  try {
    await db.put('items', meta);
  } catch (err) {
    throw describeStorageError(err, `the titles from ${meta.fileName}`);
  } finally {
    db.close();
  }
}

export async function loadItemMetadata(datasetId: string): Promise<ItemMetadata | undefined> {
  const db = await openLabDB();
  try {
    return await db.get('items', datasetId);
  } finally {
    db.close();
  }
}

/**
 * Item metadata attached to a dataset (titles, store, category from an Amazon
 * metadata file), aligned with the dataset's item dictionary. Kept apart from the
 * ratings so a dataset can be re-titled without rewriting its table.
 */
import { describeStorageError, openLabDB } from './db.ts';

export interface ItemMetadata {
  /** The dataset these belong to. */
  id: string;
  fileName: string;
  /** Items of the dataset the file described. */
  matched: number;
  /** Per item index of the dataset ('' when the file had none): display titles are plain text, tags stripped. */
  titles: string[];
  stores: string[];
  categories: string[];
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

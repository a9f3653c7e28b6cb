/** A numbered table of items named by title and id, with the columns a list adds (scores, evidence). */
import type { ReactNode } from 'react';
import type { RecommendedItem } from '../../workers/protocol.ts';
import { ItemName } from './ItemName.tsx';

export interface Column<T> {
  head: string;
  /** A number: right-aligned. */
  num?: boolean;
  testId?: string;
  cell(it: T): ReactNode;
}

interface Props<T> {
  items: T[];
  columns: Column<T>[];
  testId: string;
  caption?: string;
}

export function ItemList<T extends RecommendedItem>({ items, columns, testId, caption }: Props<T>) {
  return (
    <table className="stats-table" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Item</th>
          {columns.map((c) => (
            <th key={c.head} scope="col" className={c.num ? 'num' : undefined}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((it, k) => (
          <tr key={it.id}>
            <td>{k + 1}</td>
            <td>
              <ItemName id={it.id} title={it.title} />
            </td>
            {columns.map((c) => (
              <td key={c.head} className={c.num ? 'num' : undefined} data-testid={c.testId}>
                {c.cell(it)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An item as a person reads it: its title in bold (text, never HTML) and its raw id beside it; the id alone when it has no title. */
export function ItemName({ id, title }: { id: string; title: string }) {
  return (
    <span className="item-name">
      {title && <span className="item-title">{title}</span>} <code>{id}</code>
    </span>
  );
}

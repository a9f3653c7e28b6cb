/** A labelled progress bar; indeterminate when the total is unknown. */
export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  return (
    <div className="progress">
      <progress value={max ? value : undefined} max={max ?? undefined} aria-label={label} />
      <span className="progress-label">{label}</span>
    </div>
  );
}

import { CONFIDENCE_ORDER, humanize } from '../format/words';

/** A minimum confidence, weakest first; '' means any. */
export function ConfidenceSelect({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">any confidence</option>
      {CONFIDENCE_ORDER.map((confidence) => (
        <option key={confidence} value={confidence}>
          {humanize(confidence)}
        </option>
      ))}
    </select>
  );
}

import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatTimestamp } from '../format/dates';
import { isTimePoint, useTimeTravel } from './time-travel';

/** `2026-01-15 10:00` and `2026-01-15T10:00` read as UTC timestamps; a date stays a date (the end of that day). */
export function normalizeTimePoint(input: string): string {
  let text = input.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) text += ':00';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)) text += 'Z';
  return text;
}

const isDate = (point: string) => /^\d{4}-\d{2}-\d{2}$/.test(point);

/**
 * "Known at" (as_of: what the ledger had recorded then) and "World on" (valid_at: facts that had
 * happened by then), in the URL so the view can be shared.
 */
export function TimeTravelBar() {
  const time = useTimeTravel();
  const [asOf, setAsOf] = useState(time.asOf ?? '');
  const [validAt, setValidAt] = useState(time.validAt ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setAsOf(time.asOf ?? '');
    setValidAt(time.validAt ?? '');
  }, [time.asOf, time.validAt]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = { asOf: normalizeTimePoint(asOf), validAt: normalizeTimePoint(validAt) };
    const bad = [next.asOf, next.validAt].find((point) => point && !isTimePoint(point));
    if (bad) {
      setError(`“${bad}” is not a date (2026-01-15) or a timestamp (2026-01-15T10:00:00Z).`);
      return;
    }
    setError(null);
    time.set(next);
  };

  return (
    <form className="time-travel" onSubmit={apply} aria-label="Time travel">
      <div className="time-field">
        <label htmlFor={`${id}-as-of`}>Known at</label>
        <input
          id={`${id}-as-of`}
          name="as_of"
          value={asOf}
          onChange={(event) => setAsOf(event.target.value)}
          placeholder="now"
          inputMode="numeric"
          aria-describedby={`${id}-as-of-hint`}
          size={22}
        />
        <span id={`${id}-as-of-hint`} className="hint">
          what the ledger had recorded: a date or UTC timestamp
        </span>
      </div>
      <div className="time-field">
        <label htmlFor={`${id}-valid-at`}>World on</label>
        <input
          id={`${id}-valid-at`}
          name="valid_at"
          type="date"
          value={validAt}
          onChange={(event) => setValidAt(event.target.value)}
          aria-describedby={`${id}-valid-hint`}
        />
        <span id={`${id}-valid-hint`} className="hint">
          facts that had happened by that day
        </span>
      </div>
      <div className="time-actions">
        <button type="submit">Apply</button>
        {time.active ? (
          <button type="button" className="secondary" onClick={() => time.set({})}>
            Back to now
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      ) : null}
      {time.active ? (
        <p className="notice notice-time" role="status">
          Showing{' '}
          {time.asOf ? (
            <>what the ledger knew {isDate(time.asOf) ? `at the end of ${time.asOf} (UTC)` : `at ${formatTimestamp(time.asOf)}`}</>
          ) : (
            'what the ledger knows now'
          )}
          {time.validAt ? (
            <> about the world {isDate(time.validAt) ? `on ${time.validAt}` : `at ${formatTimestamp(time.validAt)}`}</>
          ) : null}
          .
        </p>
      ) : null}
    </form>
  );
}

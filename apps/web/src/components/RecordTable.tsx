import { humanize } from '../format/words';
import { ConfidenceBadge, StatusBadge } from './badges';
import { Fields, Value } from './Value';

type Json = Record<string, unknown>;

export interface RecordColumn {
  key: string;
  header?: string;
  kind?: 'status' | 'confidence';
}

// Bookkeeping that names events rather than facts; reachable from the timeline instead.
const HIDDEN = ['event_id', 'last_event_id', 'state_event_id'];

/** Records of one kind (licences, approvals, restrictions) as rows; fields beyond the columns unfold per row. */
export function RecordTable({ rows, columns, caption }: { rows: unknown[]; columns: RecordColumn[]; caption: string }) {
  if (!rows?.length) return <p className="muted">None.</p>;
  const named = new Set([...columns.map((column) => column.key), ...HIDDEN]);
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.header ?? humanize(column.key)}
              </th>
            ))}
            <th scope="col">More</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const record = (typeof row === 'object' && row !== null ? row : { value: row }) as Json;
            const rest = Object.keys(record).filter((key) => !named.has(key));
            return (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column.key}>
                    {column.kind === 'status' ? (
                      <StatusBadge status={String(record[column.key] ?? 'unknown')} />
                    ) : column.kind === 'confidence' ? (
                      <ConfidenceBadge confidence={record[column.key]} />
                    ) : (
                      <Value value={record[column.key]} />
                    )}
                  </td>
                ))}
                <td>
                  {rest.length ? (
                    <details>
                      <summary>{rest.length} more</summary>
                      <Fields value={record} omit={[...named]} />
                    </details>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

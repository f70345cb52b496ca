import { formatDate } from '../format/dates';
import { humanize } from '../format/words';
import { ConfidenceBadge } from './badges';
import { Field, Fields } from './Value';

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

// Fields shown in the card's own layout; any other field of the source block is listed under it.
const SHOWN = [
  'source_id',
  'publisher',
  'author',
  'title',
  'url',
  'genre',
  'published_at',
  'language',
  'translation',
  'attribution',
  'confidence',
];

/** Who said it: publisher, author, language and translation, who they relayed, how sure, and the link. */
export function SourceCard({ source, heading = 'Source' }: { source: unknown; heading?: string }) {
  if (typeof source !== 'object' || source === null) return null;
  const s = source as Json;
  const translation = (s.translation ?? null) as Json | null;
  const attribution = (s.attribution ?? null) as Json | null;
  const url = text(s.url);
  return (
    <section className="card source" aria-label={heading}>
      <h3>{heading}</h3>
      <p className="source-line">
        <strong>{text(s.publisher) ?? 'Unknown publisher'}</strong>
        {text(s.author) ? <> · {text(s.author)}</> : null}
        {text(s.genre) ? <> · {humanize(text(s.genre))}</> : null} · <ConfidenceBadge confidence={s.confidence} />
      </p>
      {text(s.title) ? <p className="source-title">“{text(s.title)}”</p> : null}
      <dl className="fields">
        <Field label="Published">{text(s.published_at) ? formatDate(text(s.published_at)) : 'not dated'}</Field>
        <Field label="Language">
          {text(s.language) ?? 'not stated'}
          {translation?.is_translation ? ` (translated from ${text(translation.original_language) ?? 'another language'})` : ''}
        </Field>
        {attribution ? (
          <Field label="Attribution">
            relayed from {text(attribution.relayed_from) ?? 'another outlet'}
            {text(attribution.basis) ? ` (${humanize(text(attribution.basis))})` : ''}
          </Field>
        ) : null}
        <Field label="Link">
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {url}
            </a>
          ) : (
            <span className="muted">no link given</span>
          )}
        </Field>
      </dl>
      {Object.keys(s).some((name) => !SHOWN.includes(name)) ? (
        <details>
          <summary>More about this source</summary>
          <Fields value={s} omit={SHOWN} />
        </details>
      ) : null}
    </section>
  );
}

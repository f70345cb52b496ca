import { useParams } from 'react-router';
import type { Resource } from '../api/types';
import { ResourceFooter, ResourceState, SubjectTimeline, useResource } from '../components/resource-parts';
import { Fields } from '../components/Value';

const BOOKKEEPING = [
  'id',
  'subject',
  'kind',
  'sources',
  'confidence',
  'version',
  'last_global_position',
  'provenance',
  'retracted_event_ids',
];

/** An export-control rule, as the corridors cite it. */
export function RulePage() {
  const id = useParams().id ?? '';
  const rule = useResource<Resource>(`/v1/rules/${encodeURIComponent(id)}`);
  return (
    <ResourceState query={rule} what="Loading the rule">
      {(r) => (
        <article>
          <h1>{typeof r.title === 'string' ? r.title : r.id}</h1>
          <Fields value={r} omit={BOOKKEEPING} />
          <ResourceFooter resource={r} />
          <SubjectTimeline subject={r.subject} />
        </article>
      )}
    </ResourceState>
  );
}

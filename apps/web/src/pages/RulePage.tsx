import type { Resource } from '../api/types';
import { BOOKKEEPING_FIELDS, ResourceFooter, ResourcePage, SubjectTimeline } from '../components/resource-parts';
import { Fields } from '../components/Value';

/** An export-control rule, as the corridors cite it. */
export function RulePage() {
  return (
    <ResourcePage<Resource> collection="/v1/rules" what="the rule">
      {(r) => (
        <article>
          <h1>{typeof r.title === 'string' ? r.title : r.id}</h1>
          <Fields value={r} omit={BOOKKEEPING_FIELDS} />
          <ResourceFooter resource={r} />
          <SubjectTimeline subject={r.subject} />
        </article>
      )}
    </ResourcePage>
  );
}

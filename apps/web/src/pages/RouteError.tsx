import { useRouteError } from 'react-router';
import { TLink } from '../time/time-travel';

/** A page that failed to render (a shape this version does not know, say): the rest of the workspace keeps working. */
export function RouteError() {
  const error = useRouteError();
  return (
    <div role="alert" className="notice notice-error">
      <h1>This page could not be shown</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <p>
        Try the <TLink to="/">live timeline</TLink>, or open the resource in the API directly.
      </p>
    </div>
  );
}

import { useCallback, useMemo } from 'react';
import { Link, useLocation, useSearchParams, type LinkProps } from 'react-router';

/** The two times of API.md, carried in the URL so a view can be shared: `as_of` (known at) and `valid_at` (world on). */
export const TIME_PARAMS = ['as_of', 'valid_at'] as const;

export interface TimeTravel {
  asOf: string | undefined;
  validAt: string | undefined;
  active: boolean;
  /** The query parameters to send with every read. */
  query: { as_of?: string; valid_at?: string };
  set(next: { asOf?: string; validAt?: string }): void;
}

export function useTimeTravel(): TimeTravel {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('as_of') || undefined;
  const validAt = params.get('valid_at') || undefined;
  const set = useCallback(
    (next: { asOf?: string; validAt?: string }) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        for (const [name, value] of [
          ['as_of', next.asOf],
          ['valid_at', next.validAt],
        ] as const) {
          if (value) updated.set(name, value);
          else updated.delete(name);
        }
        return updated;
      }),
    [setParams],
  );
  return useMemo(
    () => ({ asOf, validAt, active: !!(asOf || validAt), query: { as_of: asOf, valid_at: validAt }, set }),
    [asOf, validAt, set],
  );
}

/** `to` with the current page's time-travel parameters, so following a link keeps the point in time. */
export function useKeepTime(): (to: string) => string {
  const { search } = useLocation();
  return useCallback((to: string) => keepTime(to, new URLSearchParams(search)), [search]);
}

export function keepTime(to: string, current: URLSearchParams): string {
  const [path, query = ''] = to.split('?');
  const params = new URLSearchParams(query);
  for (const name of TIME_PARAMS) {
    const value = current.get(name);
    if (value && !params.has(name)) params.set(name, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A Link that keeps as_of / valid_at. */
export function TLink({ to, ...rest }: Omit<LinkProps, 'to'> & { to: string }) {
  const keep = useKeepTime();
  return <Link to={keep(to)} {...rest} />;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What the API takes for both times: a date (the end of that day, UTC) or a timestamp with its offset. */
export function isTimePoint(text: string): boolean {
  return DATE.test(text) || TIMESTAMP.test(text);
}

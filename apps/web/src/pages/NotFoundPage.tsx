import { TLink } from '../time/time-travel';

export function NotFoundPage() {
  return (
    <>
      <h1>No such page</h1>
      <p>
        Back to the <TLink to="/">live timeline</TLink>.
      </p>
    </>
  );
}

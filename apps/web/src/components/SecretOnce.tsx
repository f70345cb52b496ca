import { useState } from 'react';

/** A signing secret the API shows once: copy it now, it cannot be read again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice notice-secret" role="alert">
      <p>
        <strong>Signing secret — shown only now.</strong> Store it where your receiver verifies signatures; it cannot be read again (rotate
        to get a new one).
      </p>
      <p>
        <code data-testid="secret" className="secret">
          {secret}
        </code>
      </p>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(secret).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}

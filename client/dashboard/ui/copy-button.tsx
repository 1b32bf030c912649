// Copies a value the operator will paste elsewhere (a new API key, the webhook key), and says so.
import { useEffect, useState } from 'preact/hooks';
import './copy-button.css';

export function CopyButton({ value, label = 'Copy', what }: { value: string; label?: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard (an insecure origin, or permission refused): the value stays selectable.
      setState('failed');
    }
  };
  return (
    <button type="button" onClick={copy} aria-label={state === 'idle' ? `${label} ${what}` : undefined} aria-live="polite">
      {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Select and copy it' : label}
    </button>
  );
}

/** The value in full (wrapped, selectable), its copy button beside it; `pre` keeps line breaks (PEM). */
export function CopyableValue({ value, what, pre = false }: { value: string; what: string; pre?: boolean }) {
  return (
    <div class="copyable">
      {pre ? (
        <pre class="copyable-value" aria-label={what}>
          {value}
        </pre>
      ) : (
        <code class="copyable-value" aria-label={what}>
          {value}
        </code>
      )}
      <CopyButton value={value} what={what} />
    </div>
  );
}

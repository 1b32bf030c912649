// The fields of the filter bars: a label above, the server's complaint about the value below.
import type { ComponentChildren } from 'preact';

export function FilterField({ label, error, children }: { label: string; error?: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** A day for a date filter (the browser's date picker gives YYYY-MM-DD, as the API's Date takes it). */
export function DayField({ label, value, onChange, error }: { label: string; value: string; onChange: (day: string) => void; error?: string }) {
  return (
    <FilterField label={label} error={error}>
      <input type="date" value={value} onChange={(e) => onChange((e.target as HTMLInputElement).value)} aria-invalid={error ? 'true' : undefined} />
    </FilterField>
  );
}

/**
 * A text (or number) filter, applied when committed — Enter or leaving the field (Preact's
 * onChange is the DOM's change event) — rather than at every key.
 */
export function TextField(props: { label: string; value: string; onChange: (v: string) => void; error?: string; placeholder?: string; type?: 'search' | 'number'; min?: number }) {
  const { label, value, onChange, error, placeholder, type = 'search', min } = props;
  return (
    <FilterField label={label} error={error}>
      <input type={type} min={min} value={value} placeholder={placeholder} onChange={(e) => onChange((e.target as HTMLInputElement).value)} aria-invalid={error ? 'true' : undefined} />
    </FilterField>
  );
}

/** A choice among a few values ('' for any). */
export function SelectField({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: [value: string, text: string][] }) {
  return (
    <FilterField label={label}>
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

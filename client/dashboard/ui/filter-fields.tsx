// The boxes of a list's filter bar: each change also sends the list back to its first page (`reset`).

export interface Choice {
  value: string;
  label: string;
}

/** A labelled choice; `''` is the "any" choice, listed first. */
export function ChoiceFilter({ label, value, choices, onChange, reset }: { label: string; value: string; choices: Choice[]; onChange: (value: string) => void; reset: () => void }) {
  return (
    <label class="field">
      <span>{label}</span>
      <select
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          reset();
        }}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A calendar day (YYYY-MM-DD, as DateFilter takes it), or `''` for any day. */
export function DayFilter({ label, value, onChange, reset }: { label: string; value: string; onChange: (day: string) => void; reset: () => void }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="date"
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          reset();
        }}
      />
    </label>
  );
}

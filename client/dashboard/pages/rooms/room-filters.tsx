// The rooms list's filters, as Telnyx's list rooms takes them: an exact name, a day of creation or
// of the last change (on, on or after, on or before), and whether deleted rooms are listed too.
import { useEffect, useState } from 'preact/hooks';
import type { RoomFilter } from '../../generated/graphql.js';

export type DateOp = 'eq' | 'gte' | 'lte';

export interface RoomFilterForm {
  uniqueName: string;
  createdOp: DateOp;
  created: string;
  updatedOp: DateOp;
  updated: string;
  includeDeleted: boolean;
}

export const NO_FILTER: RoomFilterForm = { uniqueName: '', createdOp: 'eq', created: '', updatedOp: 'eq', updated: '', includeDeleted: false };

/** The form as the schema's RoomFilter: only what the operator filled in. */
export function toRoomFilter(f: RoomFilterForm): RoomFilter {
  const filter: RoomFilter = {};
  if (f.uniqueName.trim()) filter.uniqueName = f.uniqueName.trim();
  if (f.created) filter.dateCreatedAt = { [f.createdOp]: f.created };
  if (f.updated) filter.dateUpdatedAt = { [f.updatedOp]: f.updated };
  if (f.includeDeleted) filter.includeDeleted = true;
  return filter;
}

export function isFiltered(f: RoomFilterForm): boolean {
  return Object.keys(toRoomFilter(f)).length > 0;
}

const OPS: { value: DateOp; label: string }[] = [
  { value: 'eq', label: 'on' },
  { value: 'gte', label: 'on or after' },
  { value: 'lte', label: 'on or before' },
];

function DateField({ label, op, date, onChange }: { label: string; op: DateOp; date: string; onChange: (op: DateOp, date: string) => void }) {
  const id = label.toLowerCase().replace(/\W+/g, '-');
  return (
    <div class="field date-filter" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{label}</span>
      <div class="date-filter-inputs">
        <select aria-label={`${label}: how`} value={op} onChange={(e) => onChange(e.currentTarget.value as DateOp, date)}>
          {OPS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <input type="date" aria-label={`${label}: day`} value={date} onChange={(e) => onChange(op, e.currentTarget.value)} />
      </div>
    </div>
  );
}

/** Dates and the checkbox apply at once; the name after a pause in typing (or Enter). */
export function RoomFilters({ value, onChange }: { value: RoomFilterForm; onChange: (f: RoomFilterForm) => void }) {
  const [name, setName] = useState(value.uniqueName);
  useEffect(() => setName(value.uniqueName), [value.uniqueName]);
  useEffect(() => {
    if (name === value.uniqueName) return;
    const t = setTimeout(() => onChange({ ...value, uniqueName: name }), 350);
    return () => clearTimeout(t);
  }, [name]);
  return (
    <form
      class="filters"
      role="search"
      aria-label="Filter rooms"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, uniqueName: name });
      }}
    >
      <label class="field">
        <span>Name</span>
        <input type="search" placeholder="Exact room name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <DateField label="Created" op={value.createdOp} date={value.created} onChange={(createdOp, created) => onChange({ ...value, createdOp, created })} />
      <DateField label="Updated" op={value.updatedOp} date={value.updated} onChange={(updatedOp, updated) => onChange({ ...value, updatedOp, updated })} />
      <label class="check">
        <input type="checkbox" checked={value.includeDeleted} onChange={(e) => onChange({ ...value, includeDeleted: e.currentTarget.checked })} />
        Include deleted
      </label>
      {isFiltered(value) && (
        <button type="button" class="link-button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </form>
  );
}

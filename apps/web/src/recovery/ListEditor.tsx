import type { ReactNode } from 'react';

// A list of rows to add to and remove from (neuromonitoring alerts, intraoperative complications, implants).

export function ListEditor<T>(props: {
  readonly legend: string;
  readonly items: readonly T[];
  readonly onChange: (items: T[]) => void;
  readonly empty: () => T;
  readonly addLabel: string;
  readonly none: string;
  readonly disabled?: boolean;
  readonly row: (item: T, update: (item: T) => void, index: number) => ReactNode;
}) {
  const { items, onChange } = props;
  return (
    <fieldset className="recovery-list" disabled={props.disabled}>
      <legend>{props.legend}</legend>
      {items.length === 0 && <p className="muted">{props.none}</p>}
      {items.map((item, index) => (
        <div className="recovery-list-row" key={index}>
          {props.row(item, (next) => onChange(items.map((old, i) => (i === index ? next : old))), index)}
          <button
            type="button"
            className="small secondary"
            aria-label={`Remove ${props.legend.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(items.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small secondary" onClick={() => onChange([...items, props.empty()])}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

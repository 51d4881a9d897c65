import { useId, useState } from "react";
import type { FacetValue } from "../pages/search.facets";

const SHOWN = 8;

/** One facet as a radio group: "Alle" plus its values with their counts. */
export function FacetGroup(props: {
  label: string;
  values: FacetValue[];
  selected: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const name = useId();
  const [all, setAll] = useState(false);
  const { values, selected } = props;
  const shown = all ? values : values.filter((v, i) => i < SHOWN || v.value === selected);
  return (
    <fieldset className="facet">
      <legend>{props.label}</legend>
      <label className="facet__option">
        <input type="radio" name={name} checked={!selected} onChange={() => props.onChange(undefined)} /> Alle
      </label>
      {shown.map((v) => (
        <label key={v.value} className="facet__option">
          <input
            type="radio"
            name={name}
            value={v.value}
            checked={selected === v.value}
            onChange={() => props.onChange(v.value)}
          />{" "}
          {v.label} <span className="nl-data-badge facet__count">{v.count}</span>
        </label>
      ))}
      {values.length > SHOWN && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Minder tonen" : `Alle ${values.length} tonen`}
        </button>
      )}
    </fieldset>
  );
}

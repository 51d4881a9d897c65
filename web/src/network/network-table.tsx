import { useState } from "react";
import { SECTOR_LABEL, formatFine } from "../format";
import { type NetworkNodeData, communityColour } from "./network.graph";

type Column =
  | "name"
  | "kind"
  | "sector"
  | "community"
  | "degree"
  | "weightedDegree"
  | "betweenness"
  | "closeness"
  | "pageRank";
const COLUMNS: { id: Column; label: string; numeric: boolean }[] = [
  { id: "name", label: "Organisatie", numeric: false },
  { id: "kind", label: "Soort", numeric: false },
  { id: "sector", label: "Domein", numeric: false },
  { id: "community", label: "Gemeenschap", numeric: true },
  { id: "degree", label: "Banden", numeric: true },
  { id: "weightedDegree", label: "Gewogen graad", numeric: true },
  { id: "betweenness", label: "Tussenliggendheid", numeric: true },
  { id: "closeness", label: "Nabijheid", numeric: true },
  { id: "pageRank", label: "PageRank", numeric: true },
];
const PAGE = 50;

/** The network as a sortable table: the same organisations and metrics as the picture, by keyboard. */
export function NetworkTable(props: {
  nodes: NetworkNodeData[];
  focus: Set<string> | null;
  onFocus: (id: string) => void;
}) {
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({
    column: "pageRank",
    ascending: false,
  });
  const [shown, setShown] = useState(PAGE);
  const rows = props.nodes.filter((n) => !props.focus || props.focus.has(n.id));
  const column = sort.column;
  rows.sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const order =
      typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "nl");
    return sort.ascending ? order : -order;
  });
  const onSort = (id: Column, numeric: boolean) =>
    setSort((s) =>
      s.column === id ? { column: id, ascending: !s.ascending } : { column: id, ascending: !numeric },
    );
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="netwerktabel-titel">
        <table className="data-table network-table" data-rows={rows.length}>
          <caption id="netwerktabel-titel">
            Organisaties in het netwerk ({rows.length}
            {props.focus ? " in de focus" : ""}), gesorteerd op{" "}
            {COLUMNS.find((c) => c.id === column)?.label.toLowerCase()}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={sort.column === c.id ? (sort.ascending ? "ascending" : "descending") : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(c.id, c.numeric)}>
                    {c.label}
                    <span aria-hidden="true">
                      {sort.column === c.id ? (sort.ascending ? " ▲" : " ▼") : ""}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => props.onFocus(n.id)}>
                    {n.name}
                  </button>
                </th>
                <td>{n.kind}</td>
                <td>{SECTOR_LABEL[n.sector] ?? n.sector}</td>
                <td>
                  <span
                    className="swatch"
                    style={{ background: communityColour(n.community) }}
                    aria-hidden="true"
                  />
                  {n.community}
                </td>
                <td>{n.degree}</td>
                <td>{formatFine(n.weightedDegree)}</td>
                <td>{formatFine(n.betweenness)}</td>
                <td>{formatFine(n.closeness)}</td>
                <td>{formatFine(n.pageRank)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown && (
        <button type="button" className="secondary-button" onClick={() => setShown(shown + PAGE * 4)}>
          Meer tonen ({rows.length - shown} over)
        </button>
      )}
    </>
  );
}

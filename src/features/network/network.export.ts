import { NetworkExportFormat } from "./network.args";
import type { NetworkModel } from "./network.service";
import { round } from "./network.type";

/**
 * Network files for Gephi, Kumu and spreadsheets, written as a sequence of small strings so that a
 * large network streams to the client instead of being built in memory. Node ids are the
 * organisations' keys; every node carries its metrics, every edge its weight and why it exists.
 */

export interface ExportSpec {
  contentType: string;
  suffix: string;
}

export const EXPORT_SPECS: Record<NetworkExportFormat, ExportSpec> = {
  GEXF: { contentType: "application/gexf+xml; charset=utf-8", suffix: ".gexf" },
  GRAPHML: { contentType: "application/graphml+xml; charset=utf-8", suffix: ".graphml" },
  JSON: { contentType: "application/json; charset=utf-8", suffix: ".json" },
  CSV_NODES: { contentType: "text/csv; charset=utf-8", suffix: "-nodes.csv" },
  CSV_EDGES: { contentType: "text/csv; charset=utf-8", suffix: "-edges.csv" },
};

export function exportFilename(model: NetworkModel, format: NetworkExportFormat): string {
  return `network-${model.projection.toLowerCase().replaceAll("_", "-")}${EXPORT_SPECS[format].suffix}`;
}

type AttributeType = "string" | "integer" | "double";

/** Node attributes in every format, in this order. */
const NODE_ATTRIBUTES: { name: string; type: AttributeType }[] = [
  { name: "kind", type: "string" },
  { name: "scope", type: "string" },
  { name: "sector", type: "string" },
  { name: "degree", type: "integer" },
  { name: "weightedDegree", type: "double" },
  { name: "betweenness", type: "double" },
  { name: "closeness", type: "double" },
  { name: "pageRank", type: "double" },
  { name: "community", type: "integer" },
];

const EDGE_ATTRIBUTES: { name: string; type: AttributeType }[] = [
  { name: "sharedCount", type: "integer" },
  { name: "shared", type: "string" },
];

interface NodeRecord {
  key: string;
  label: string;
  values: Record<string, string | number>;
}

interface EdgeRecord {
  key: string;
  source: string;
  target: string;
  weight: number;
  values: Record<string, string | number>;
}

/** Metrics are computed here, before the first byte is written: a failure is still a clean error. */
export function prepareExport(model: NetworkModel): {
  nodes: () => Iterable<NodeRecord>;
  edges: () => Iterable<EdgeRecord>;
} {
  const a = model.analysis;
  const [betweenness, closeness, pageRank, communities] = [
    a.betweenness(),
    a.closeness(),
    a.pageRank(),
    a.communities().byNode,
  ];
  const graph = a.graph;
  return {
    *nodes() {
      for (const key of graph.nodes()) {
        const n = graph.getNodeAttributes(key);
        yield {
          key,
          label: n.name,
          values: {
            kind: n.kind,
            scope: n.scope,
            sector: n.sector,
            degree: a.degree(key),
            weightedDegree: round(a.weightedDegree(key)),
            betweenness: round(betweenness[key] ?? 0, 8),
            closeness: round(closeness[key] ?? 0, 8),
            pageRank: round(pageRank[key] ?? 0, 8),
            community: communities.get(key) ?? -1,
          },
        };
      }
    },
    *edges() {
      for (const { edge, source, target, attributes } of graph.edgeEntries()) {
        yield {
          key: edge,
          source,
          target,
          weight: round(attributes.weight),
          values: {
            sharedCount: attributes.sharedCount,
            shared: attributes.shared.map((s) => s.name).join("; "),
          },
        };
      }
    },
  };
}

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xml(value: string | number): string {
  return String(value)
    .replace(XML_INVALID, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

function* gexf(model: NetworkModel): Generator<string> {
  const data = prepareExport(model);
  const a = model.analysis;
  const modularity = a.communities().modularity;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n';
  yield `  <meta lastmodifieddate="${new Date().toISOString().slice(0, 10)}">\n`;
  yield "    <creator>zorgwelzijn-kennisgraaf</creator>\n";
  yield `    <description>${xml(
    `Organisation network (${model.projection}): ${a.graph.order} nodes, ${a.graph.size} edges, modularity ${modularity === null ? "n/a" : round(modularity, 4)}`,
  )}</description>\n`;
  yield "  </meta>\n";
  yield '  <graph mode="static" defaultedgetype="undirected">\n';
  yield '    <attributes class="node" mode="static">\n';
  for (const attr of NODE_ATTRIBUTES)
    yield `      <attribute id="${attr.name}" title="${attr.name}" type="${attr.type}"/>\n`;
  yield "    </attributes>\n";
  yield '    <attributes class="edge" mode="static">\n';
  for (const attr of EDGE_ATTRIBUTES)
    yield `      <attribute id="${attr.name}" title="${attr.name}" type="${attr.type}"/>\n`;
  yield "    </attributes>\n";
  yield "    <nodes>\n";
  for (const node of data.nodes()) {
    const values = NODE_ATTRIBUTES.map(
      (attr) => `<attvalue for="${attr.name}" value="${xml(node.values[attr.name] ?? "")}"/>`,
    );
    yield `      <node id="${xml(node.key)}" label="${xml(node.label)}"><attvalues>${values.join("")}</attvalues></node>\n`;
  }
  yield "    </nodes>\n";
  yield "    <edges>\n";
  for (const edge of data.edges()) {
    const values = EDGE_ATTRIBUTES.map(
      (attr) => `<attvalue for="${attr.name}" value="${xml(edge.values[attr.name] ?? "")}"/>`,
    );
    yield `      <edge id="${xml(edge.key)}" source="${xml(edge.source)}" target="${xml(edge.target)}" weight="${edge.weight}"><attvalues>${values.join("")}</attvalues></edge>\n`;
  }
  yield "    </edges>\n";
  yield "  </graph>\n";
  yield "</gexf>\n";
}

const GRAPHML_TYPE: Record<AttributeType, string> = { string: "string", integer: "int", double: "double" };

function* graphml(model: NetworkModel): Generator<string> {
  const data = prepareExport(model);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  yield '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n';
  for (const attr of NODE_ATTRIBUTES)
    yield `  <key id="${attr.name}" for="node" attr.name="${attr.name}" attr.type="${GRAPHML_TYPE[attr.type]}"/>\n`;
  yield '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n';
  for (const attr of EDGE_ATTRIBUTES)
    yield `  <key id="${attr.name}" for="edge" attr.name="${attr.name}" attr.type="${GRAPHML_TYPE[attr.type]}"/>\n`;
  yield `  <graph id="${xml(model.projection)}" edgedefault="undirected">\n`;
  for (const node of data.nodes()) {
    const values = NODE_ATTRIBUTES.map(
      (attr) => `<data key="${attr.name}">${xml(node.values[attr.name] ?? "")}</data>`,
    );
    yield `    <node id="${xml(node.key)}"><data key="label">${xml(node.label)}</data>${values.join("")}</node>\n`;
  }
  for (const edge of data.edges()) {
    const values = EDGE_ATTRIBUTES.map(
      (attr) => `<data key="${attr.name}">${xml(edge.values[attr.name] ?? "")}</data>`,
    );
    yield `    <edge id="${xml(edge.key)}" source="${xml(edge.source)}" target="${xml(edge.target)}"><data key="weight">${edge.weight}</data>${values.join("")}</edge>\n`;
  }
  yield "  </graph>\n";
  yield "</graphml>\n";
}

/** RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csv(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Gephi's spreadsheet import reads Id/Label and Source/Target/Type/Weight. */
function* csvNodes(model: NetworkModel): Generator<string> {
  const data = prepareExport(model);
  yield ["Id", "Label", ...NODE_ATTRIBUTES.map((a) => a.name)].join(",") + "\r\n";
  for (const node of data.nodes())
    yield (
      [node.key, node.label, ...NODE_ATTRIBUTES.map((a) => node.values[a.name] ?? "")].map(csv).join(",") +
      "\r\n"
    );
}

function* csvEdges(model: NetworkModel): Generator<string> {
  const data = prepareExport(model);
  yield ["Source", "Target", "Type", "Weight", ...EDGE_ATTRIBUTES.map((a) => a.name)].join(",") + "\r\n";
  for (const edge of data.edges())
    yield (
      [
        edge.source,
        edge.target,
        "Undirected",
        edge.weight,
        ...EDGE_ATTRIBUTES.map((a) => edge.values[a.name] ?? ""),
      ]
        .map(csv)
        .join(",") + "\r\n"
    );
}

/** graphology's serialisation format (`Graph.from(json)` loads it), with the summary as attributes. */
function* json(model: NetworkModel): Generator<string> {
  const data = prepareExport(model);
  const a = model.analysis;
  const distances = a.distances();
  const communities = a.communities();
  const attributes = {
    projection: model.projection,
    nodes: a.graph.order,
    edges: a.graph.size,
    density: a.density(),
    components: distances.components,
    diameter: distances.diameter,
    averagePathLength: distances.averagePathLength,
    exact: a.exact,
    modularity: communities.modularity,
    communities: communities.list.length,
    truncated: model.truncated,
    totalNodes: model.totalNodes,
  };
  yield `{"attributes":${JSON.stringify(attributes)},"options":{"type":"undirected","multi":false,"allowSelfLoops":false},"nodes":[`;
  let first = true;
  for (const node of data.nodes()) {
    yield `${first ? "" : ","}\n${JSON.stringify({ key: node.key, attributes: { label: node.label, ...node.values } })}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const edge of data.edges()) {
    yield `${first ? "" : ","}\n${JSON.stringify({
      key: edge.key,
      source: edge.source,
      target: edge.target,
      undirected: true,
      attributes: { weight: edge.weight, ...edge.values },
    })}`;
    first = false;
  }
  yield "]}\n";
}

const WRITERS: Record<NetworkExportFormat, (model: NetworkModel) => Generator<string>> = {
  GEXF: gexf,
  GRAPHML: graphml,
  JSON: json,
  CSV_NODES: csvNodes,
  CSV_EDGES: csvEdges,
};

/** The file as a sequence of strings; metrics are computed when the generator starts. */
export function writeNetwork(model: NetworkModel, format: NetworkExportFormat): Generator<string> {
  return WRITERS[format](model);
}

import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type Graph from "graphology";
import { inferSettings } from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import Sigma from "sigma";
import { downloadAsPNG } from "@sigma/export-image";
import type { EdgeAttributes, NodeAttributes } from "./network.graph";

export interface NetworkCanvasHandle {
  downloadPng(fileName: string): Promise<void>;
}

const LAYOUT_MS = 6_000;
/** Above this many ties, edges are left out while ForceAtlas2 moves the nodes (drawn again once it stops). */
const HEAVY_EDGES = 10_000;

/**
 * The WebGL view (sigma) of a graphology graph. ForceAtlas2 runs in a web worker, so the page stays
 * responsive while it settles; it stops by itself after a few seconds and can be resumed.
 */
export const NetworkCanvas = forwardRef<
  NetworkCanvasHandle,
  {
    graph: Graph<NodeAttributes, EdgeAttributes>;
    focus: Set<string> | null;
    focusNode: string | null;
    onSelect: (node: string) => void;
  }
>(function NetworkCanvas({ graph, focus, focusNode, onSelect }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const layout = useRef<FA2Layout | null>(null);
  const controls = useRef<{ start(): void; stop(): void } | null>(null);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState<string>();
  const focusRef = useRef<Set<string> | null>(focus);
  const movingRef = useRef(false);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useImperativeHandle(ref, () => ({
    async downloadPng(fileName: string) {
      // The exporter is typed for sigma's default attributes; it only reads the rendered layers.
      if (sigma.current)
        await downloadAsPNG(sigma.current as unknown as Sigma, { fileName, backgroundColor: "#ffffff" });
    },
  }));

  useEffect(() => {
    if (!container.current) return;
    let renderer: Sigma<NodeAttributes, EdgeAttributes>;
    try {
      renderer = new Sigma(graph, container.current, {
        labelRenderedSizeThreshold: 12,
        labelDensity: 0.5,
        labelFont: "system-ui, sans-serif",
        labelColor: { color: "#1a1a1a" },
        zIndex: true,
        hideEdgesOnMove: graph.size > HEAVY_EDGES,
        nodeReducer: (node, data) => {
          const shown = focusRef.current;
          if (!shown || shown.has(node)) return { ...data, zIndex: 1 };
          return { ...data, color: "#e2e2e2", label: "", forceLabel: false, zIndex: 0 };
        },
        edgeReducer: (edge, data) => {
          if (movingRef.current) return { ...data, hidden: true };
          const shown = focusRef.current;
          if (!shown) return data;
          const [a, b] = graph.extremities(edge);
          return shown.has(a) && shown.has(b) ? { ...data, color: "#7a7a7a" } : { ...data, hidden: true };
        },
      });
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
      return;
    }
    sigma.current = renderer;
    renderer.on("clickNode", ({ node }) => selectRef.current(node));
    const fa2 = new FA2Layout(graph, { settings: { ...inferSettings(graph), slowDown: 5 } });
    layout.current = fa2;
    const heavy = graph.size > HEAVY_EDGES;
    const start = () => {
      movingRef.current = heavy;
      fa2.start();
      setRunning(true);
    };
    const stop = () => {
      fa2.stop();
      movingRef.current = false;
      setRunning(false);
      renderer.refresh();
    };
    controls.current = { start, stop };
    start();
    const timer = window.setTimeout(stop, LAYOUT_MS);
    return () => {
      window.clearTimeout(timer);
      fa2.kill();
      renderer.kill();
      sigma.current = null;
      layout.current = null;
      controls.current = null;
    };
  }, [graph]);

  useEffect(() => {
    focusRef.current = focus;
    const renderer = sigma.current;
    if (!renderer) return;
    renderer.refresh();
    if (focusNode && graph.hasNode(focusNode)) {
      const position = renderer.getNodeDisplayData(focusNode);
      if (position)
        void renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.4 }, { duration: 400 });
    } else {
      void renderer.getCamera().animatedReset({ duration: 300 });
    }
  }, [focus, focusNode, graph]);

  const toggle = () => {
    if (layout.current?.isRunning()) controls.current?.stop();
    else controls.current?.start();
  };

  if (failed)
    return (
      <p role="alert" className="status status--error">
        De netwerkweergave heeft WebGL nodig ({failed}). De tabel hieronder toont hetzelfde netwerk.
      </p>
    );
  return (
    <div className="network-canvas">
      <div
        ref={container}
        className="network-canvas__stage"
        data-testid="network-canvas"
        data-nodes={graph.order}
        data-edges={graph.size}
        role="img"
        aria-label={`Netwerk van ${graph.order} organisaties en ${graph.size} banden. De tabel eronder bevat dezelfde gegevens.`}
      />
      <button type="button" className="secondary-button" onClick={toggle} aria-pressed={running}>
        {running ? "Indeling pauzeren" : "Indeling hervatten"}
      </button>
    </div>
  );
});

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css";
import "@nl-design-system-candidate/link-css/link.css";
import "@nl-design-system-candidate/data-badge-css/data-badge.css";
import "./styles.css";
import { App } from "./app";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

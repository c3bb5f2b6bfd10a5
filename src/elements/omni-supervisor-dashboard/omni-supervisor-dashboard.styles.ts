/** Styles of `<omni-supervisor-dashboard>`. */
import { css } from 'lit';

/** Layout of the queue sections, tables, chart and live region. */
export const dashboardStyles = css`
  :host { display: block; color: var(--_text); background: var(--_surface); }
  [hidden] { display: none !important; }
  .status { padding: 6px 12px; font-size: 0.9em; background: var(--_surface-alt); color: var(--_text); border-radius: var(--_radius); margin-bottom: 8px; }
  .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  section { border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2); margin-bottom: calc(var(--_space) * 2); }
  h2 { margin: 0 0 var(--_space); font-size: 1.15em; }
  .grid { display: grid; gap: calc(var(--_space) * 2); grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); align-items: start; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
  caption { text-align: start; font-weight: 600; padding-bottom: 4px; }
  th, td { text-align: start; padding: 4px 8px; border-bottom: 1px solid var(--_border); }
  thead th { color: var(--_muted); font-weight: 600; font-size: 0.9em; }
  tbody th { font-weight: 400; }
  td { font-variant-numeric: tabular-nums; }
  .empty { color: var(--_muted); margin: 0; }
  .dot { display: inline-block; width: 0.6em; height: 0.6em; border-radius: 50%; margin-inline-end: 6px; background: var(--_muted); }
  .dot.available { background: #2e7d32; }
  .dot.busy { background: var(--_danger); }
  .dot.on-break { background: #b26a00; }
  figure { margin: 0; }
  figcaption { font-weight: 600; padding-bottom: 4px; display: flex; flex-wrap: wrap; gap: 8px; justify-content: space-between; }
  .legend { font-weight: 400; font-size: 0.9em; color: var(--_muted); }
  .key { display: inline-block; width: 0.8em; height: 0.8em; margin-inline: 6px 4px; vertical-align: middle; }
  .key.arrived, rect.arrived { background: var(--_accent); fill: var(--_accent); }
  .key.resolved, rect.resolved { background: var(--_muted); fill: var(--_muted); }
  svg { width: 100%; height: auto; display: block; }
  svg text { fill: var(--_muted); font-size: 10px; }
  svg line { stroke: var(--_border); }
`;

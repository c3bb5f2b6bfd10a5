/**
 * The dashboard's small live chart: today's conversations by hour, arrived and resolved, as
 * grouped bars in inline SVG drawn by Lit (no chart library). The SVG is an image with a summary
 * label; the same numbers are in the figures table, and each bar has a tooltip.
 */
import { svg, html } from 'lit';
import type { HourFigures } from '../../core/protocol.js';
import { dateFormat } from '../shared/language.js';
import { dashboardStrings } from './dashboard-strings.js';

const WIDTH = 480;
const HEIGHT = 120;
const AXIS = 16;
const hourFormat = dateFormat({ hour: 'numeric', timeZone: 'UTC' });

/** Renders the hours of today as bars (arrived: accent, resolved: muted), scaled to the busiest hour. */
export function queueChart(hours: HourFigures[]) {
  const s = dashboardStrings();
  const peak = Math.max(1, ...hours.map((hour) => Math.max(hour.arrived, hour.resolved)));
  const slot = WIDTH / Math.max(hours.length, 1);
  const bar = Math.max(1, slot / 2 - 1);
  const height = (value: number) => ((HEIGHT - AXIS) * value) / peak;
  const total = hours.reduce((sum, hour) => [sum[0]! + hour.arrived, sum[1]! + hour.resolved], [0, 0]);
  const summary = `${s.chartTitle}. ${s.arrived}: ${total[0]}, ${s.resolved}: ${total[1]}.`;
  return html`<figure part="chart">
    <figcaption>${s.chartTitle}
      <span class="legend"><span class="key arrived"></span>${s.arrived} <span class="key resolved"></span>${s.resolved}</span>
    </figcaption>
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${summary}>
      ${hours.map((hour, index) => {
        const x = index * slot;
        const label = s.hourLabel(hourFormat(new Date(hour.hour)), hour.arrived, hour.resolved);
        return svg`<g>
          <title>${label}</title>
          <rect class="arrived" x=${x + 1} y=${HEIGHT - AXIS - height(hour.arrived)} width=${bar} height=${height(hour.arrived)}></rect>
          <rect class="resolved" x=${x + 1 + bar} y=${HEIGHT - AXIS - height(hour.resolved)} width=${bar} height=${height(hour.resolved)}></rect>
          ${index % 3 === 0 ? svg`<text x=${x + 1} y=${HEIGHT - 3}>${hourFormat(new Date(hour.hour))}</text>` : ''}
        </g>`;
      })}
      <line x1="0" x2=${WIDTH} y1=${HEIGHT - AXIS} y2=${HEIGHT - AXIS}></line>
    </svg>
  </figure>`;
}

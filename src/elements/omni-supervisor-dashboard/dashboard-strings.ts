/** The supervisor dashboard's English strings (agent bundle only; not translated into the shipped languages yet); sites override them with `setStrings`. */
import { stringsWith } from '../shared/strings.js';

/** English defaults of the supervisor dashboard. */
export const dashboardDefaults = {
  dashboardTitle: (queue: string) => `Queue ${queue}`,
  figures: 'Figures',
  figure: 'Figure',
  value: 'Value',
  waitingNow: 'Waiting now',
  longestWait: 'Longest wait',
  assignedNow: 'Assigned',
  pendingNow: 'Waiting on customer',
  resolvedToday: 'Resolved today',
  firstResponse: 'Average first response',
  handleTime: 'Average handle time',
  csat: 'CSAT average',
  csatValue: (average: number, count: number) => `${average.toFixed(1)} / 5 (${count === 1 ? '1 rating' : `${count} ratings`})`,
  sla: (seconds: number) => `Answered within ${seconds} s`,
  slaValue: (share: number, met: number, total: number) => `${Math.round(share * 100)} % (${met} of ${total})`,
  none: '—',
  agents: 'Agents',
  agentColumn: 'Agent',
  status: 'Status',
  load: 'Conversations',
  loadValue: (load: number, capacity: number) => `${load} of ${capacity}`,
  statuses: { available: 'Available', busy: 'Busy', 'on-break': 'On break', offline: 'Offline' } as Record<string, string>,
  noAgents: 'No agents serve this queue.',
  waitingList: 'Waiting list',
  customer: 'Customer',
  waited: 'Waiting for',
  nobodyWaiting: 'Nobody is waiting.',
  guest: 'Guest',
  chartTitle: 'Today by hour: arrived and resolved',
  arrived: 'Arrived',
  resolved: 'Resolved',
  hourLabel: (hour: string, arrived: number, resolved: number) => `${hour}: ${arrived} arrived, ${resolved} resolved`,
  duration: (seconds: number) => {
    const whole = Math.max(0, Math.round(seconds));
    if (whole < 60) return `${whole} s`;
    const minutes = Math.floor(whole / 60);
    if (minutes < 60) return `${minutes} min ${whole % 60} s`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  },
  changeWaiting: (queue: string, count: number) => `${queue}: ${count === 1 ? '1 conversation waiting' : `${count} conversations waiting`}`,
  changeResolved: (queue: string, count: number) => `${queue}: ${count} resolved today`,
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  refused: 'Only supervisors can see queue figures.',
  noQueues: 'No queues to show.',
};

/** The dashboard's strings in use. */
export const dashboardStrings = stringsWith(dashboardDefaults);

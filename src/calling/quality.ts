/**
 * Call quality from `RTCPeerConnection.getStats()`: round-trip time, jitter, packet loss and a
 * MOS estimate (simplified ITU-T G.107 E-model), with warnings at the thresholds Telnyx uses.
 */

/** One quality sample. */
export interface CallQuality {
  /** Round-trip time in ms. */
  rttMs: number | undefined;
  /** Receive jitter in ms. */
  jitterMs: number | undefined;
  /** Fraction of packets lost since the previous sample, 0..1. */
  loss: number;
  /** Mean opinion score estimate, 1..4.5. */
  mos: number | undefined;
  /** Bytes sent and received so far. */
  bytesSent: number;
  bytesReceived: number;
  /** Which figures are bad right now. */
  warnings: Array<'high-rtt' | 'high-jitter' | 'high-loss' | 'low-mos'>;
}

/** Warning thresholds. */
export const QUALITY_THRESHOLDS = { rttMs: 400, jitterMs: 30, loss: 0.01, mos: 3.5 } as const;

/** MOS estimate from latency, jitter and loss. */
export function estimateMos(rttMs: number, jitterMs: number, loss: number): number {
  const latency = rttMs / 2 + jitterMs * 2 + 10;
  let r = latency < 160 ? 93.2 - latency / 40 : 93.2 - (latency - 120) / 10;
  r -= loss * 100 * 2.5;
  r = Math.max(0, Math.min(100, r));
  return Math.max(1, Math.min(4.5, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r)));
}

/** Samples a peer connection; keeps counters between samples to compute loss deltas. */
export class QualitySampler {
  private lastLost = 0;
  private lastReceived = 0;

  constructor(private readonly pc: RTCPeerConnection) {}

  /** Takes one sample. */
  async sample(): Promise<CallQuality> {
    let rtt: number | undefined;
    let jitter: number | undefined;
    let lost = 0;
    let received = 0;
    let bytesSent = 0;
    let bytesReceived = 0;
    (await this.pc.getStats()).forEach((report) => {
      if (report.type === 'candidate-pair' && report.nominated && report.currentRoundTripTime !== undefined) rtt = report.currentRoundTripTime * 1000;
      if (report.type === 'remote-inbound-rtp' && report.roundTripTime !== undefined) rtt ??= report.roundTripTime * 1000;
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        jitter = (report.jitter ?? 0) * 1000;
        lost += report.packetsLost ?? 0;
        received += report.packetsReceived ?? 0;
        bytesReceived += report.bytesReceived ?? 0;
      }
      if (report.type === 'outbound-rtp' && report.kind === 'audio') bytesSent += report.bytesSent ?? 0;
    });
    const deltaLost = Math.max(0, lost - this.lastLost);
    const deltaTotal = deltaLost + Math.max(0, received - this.lastReceived);
    this.lastLost = lost;
    this.lastReceived = received;
    const loss = deltaTotal > 0 ? deltaLost / deltaTotal : 0;
    const mos = rtt !== undefined && jitter !== undefined ? estimateMos(rtt, jitter, loss) : undefined;
    const warnings: CallQuality['warnings'] = [];
    if (rtt !== undefined && rtt > QUALITY_THRESHOLDS.rttMs) warnings.push('high-rtt');
    if (jitter !== undefined && jitter > QUALITY_THRESHOLDS.jitterMs) warnings.push('high-jitter');
    if (loss > QUALITY_THRESHOLDS.loss) warnings.push('high-loss');
    if (mos !== undefined && mos < QUALITY_THRESHOLDS.mos) warnings.push('low-mos');
    return { rttMs: rtt, jitterMs: jitter, loss, mos, bytesSent, bytesReceived, warnings };
  }
}

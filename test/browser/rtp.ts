/** Media assertions for call tests in the browser: audio RTP really flows both ways. */
import { waitUntil } from '@open-wc/testing';

/** Audio bytes sent and received so far on a peer connection. */
export async function rtpBytes(pc: RTCPeerConnection): Promise<{ sent: number; received: number }> {
  let sent = 0;
  let received = 0;
  (await pc.getStats()).forEach((report) => {
    if (report.type === 'outbound-rtp' && report.kind === 'audio') sent += report.bytesSent;
    if (report.type === 'inbound-rtp' && report.kind === 'audio') received += report.bytesReceived;
  });
  return { sent, received };
}

/** Waits until both counters grow (the peer connection is looked up each time: it can change on recovery). */
export async function audioFlows(pc: () => RTCPeerConnection): Promise<void> {
  const before = await rtpBytes(pc());
  await waitUntil(async () => {
    const now = await rtpBytes(pc());
    return now.sent > before.sent && now.received > before.received;
  }, 'RTP both ways', { timeout: 8000, interval: 200 });
}

/**
 * A preflight check a page can run before offering the call button: does the microphone give
 * audio, is the SIP signalling reachable, and does ICE complete with the configured servers.
 */
import type { OmniSession } from '../core/session.js';
import { fetchSipCredentials } from './sip-line.js';

/** One check's outcome. */
export interface PreflightCheck {
  ok: boolean;
  ms: number;
  error?: string;
}

/** All outcomes. */
export interface PreflightResult {
  ok: boolean;
  microphone: PreflightCheck;
  signalling: PreflightCheck;
  ice: PreflightCheck;
}

async function timed(work: () => Promise<void>): Promise<PreflightCheck> {
  const started = performance.now();
  try {
    await work();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms))]);
}

/** Runs the three checks (about a second on a good network). */
export async function preflight(session: OmniSession, timeoutMs = 8000): Promise<PreflightResult> {
  const credentials = await fetchSipCredentials(session).catch(() => undefined);
  const microphone = await timed(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const live = stream.getAudioTracks().some((track) => track.readyState === 'live');
    stream.getTracks().forEach((track) => track.stop());
    if (!live) throw new Error('no live audio track');
  });
  const signalling = await timed(async () => {
    if (!credentials) throw new Error('no SIP credentials');
    const socket = new WebSocket(credentials.wsUrl, 'sip');
    try {
      await withTimeout(new Promise<void>((resolve, reject) => {
        socket.onopen = () => socket.send([
          `OPTIONS sip:${credentials.domain} SIP/2.0`,
          `Via: SIP/2.0/WSS preflight.invalid;branch=z9hG4bK${crypto.randomUUID().slice(0, 8)}`,
          'Max-Forwards: 70',
          `From: <sip:preflight@${credentials.domain}>;tag=${crypto.randomUUID().slice(0, 8)}`,
          `To: <sip:${credentials.domain}>`,
          `Call-ID: ${crypto.randomUUID()}`,
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'));
        socket.onmessage = (event) => (/^SIP\/2\.0 \d{3}/.test(String(event.data)) ? resolve() : undefined);
        socket.onerror = () => reject(new Error('SIP WebSocket failed'));
      }), timeoutMs, 'signalling');
    } finally {
      socket.close();
    }
  });
  const ice = await timed(async () => {
    const config = { iceServers: credentials?.iceServers ?? [] };
    const a = new RTCPeerConnection(config);
    const b = new RTCPeerConnection(config);
    try {
      const connected = withTimeout(new Promise<void>((resolve, reject) => {
        a.oniceconnectionstatechange = () => {
          if (a.iceConnectionState === 'connected' || a.iceConnectionState === 'completed') resolve();
          if (a.iceConnectionState === 'failed') reject(new Error('ICE failed'));
        };
      }), timeoutMs, 'ICE');
      a.onicecandidate = (event) => event.candidate && void b.addIceCandidate(event.candidate);
      b.onicecandidate = (event) => event.candidate && void a.addIceCandidate(event.candidate);
      a.createDataChannel('preflight');
      await a.setLocalDescription();
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription();
      await a.setRemoteDescription(b.localDescription!);
      await connected;
    } finally {
      a.close();
      b.close();
    }
  });
  return { ok: microphone.ok && signalling.ok && ice.ok, microphone, signalling, ice };
}

package com.smilingsteps.e2e;

/**
 * Where a call's packets go, for failure messages: per peer connection (the current ones and the
 * retiring ones a signaling reconnect left, which still carry media), its states and whether
 * its remote tracks are muted; every transport
 * (DTLS and ICE state, bytes, selected pair); the selected candidate pair (ids, both addresses,
 * bytes, state); the RTP streams both ways, audio and video, with SSRC, mid and transport; what
 * the other side reports receiving ({@code remote-inbound-rtp}) and sending ({@code remote-outbound-rtp}); and the {@code a=mid} /
 * {@code a=ssrc} lines of the local and remote descriptions, so a sender's SSRC can be compared
 * with what the receiver was told to expect.
 */
final class MediaDiagnosis {

    static final String SCRIPT = """
            async () => {
              const hook = window.__ssv;
              const pcs = [...hook.peerConnections().map(pc => ['current', pc]),
                           ...(hook.retiringPeerConnections ? hook.retiringPeerConnections() : []).map(pc => ['retiring', pc])];
              const sdp = d => !d ? 'none' : d.type + ' ' + d.sdp.split(/\\r?\\n/)
                .filter(l => /^(m=|a=mid:|a=ssrc:\\d+ cname|a=ssrc-group|a=setup:|a=ice-ufrag:|a=(sendrecv|sendonly|recvonly|inactive)$)/.test(l))
                .map(l => l.replace(/^a=ssrc:(\\d+) cname:.*/, 'ssrc:$1').replace(/^m=(\\w+) .*/, '[$1]').replace(/^a=/, ''))
                .join(' ');
              const cand = c => c ? `${c.candidateType} ${c.address || c.ip}:${c.port}` : '?';
              const out = [];
              for (const [role, pc] of pcs) {
                out.push(`\\n  ${role} pc ${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState} receiving `
                  + pc.getReceivers().map(r => `${r.track.kind} ${r.track.muted ? 'muted' : 'unmuted'}`).join(', '));
                let stats;
                try { stats = await pc.getStats(); } catch (e) { out.push('no stats: ' + e); continue; }
                const pairIds = new Set();
                stats.forEach(s => {
                  if (s.type === 'transport') {
                    out.push(`\\n   transport ${s.id} dtls=${s.dtlsState} ice=${s.iceState} role=${s.dtlsRole} sent=${s.bytesSent}`
                      + ` recv=${s.bytesReceived} pair=${s.selectedCandidatePairId}`);
                    if (s.selectedCandidatePairId) pairIds.add(s.selectedCandidatePairId);
                  }
                });
                // Firefox names no selected pair on its transport: the pair it marks selected, else the nominated succeeded one
                if (!pairIds.size) stats.forEach(s => { if (s.type === 'candidate-pair' && (s.selected || (s.nominated && s.state === 'succeeded'))) pairIds.add(s.id); });
                for (const id of pairIds) {
                  const p = stats.get(id);
                  if (!p) continue;
                  out.push(`\\n   pair ${p.id} ${p.state} ${cand(stats.get(p.localCandidateId))} -> ${cand(stats.get(p.remoteCandidateId))}`
                    + ` sent=${p.bytesSent} recv=${p.bytesReceived} rtt=${p.currentRoundTripTime}`);
                }
                stats.forEach(s => {
                  const id = `${s.kind} ssrc=${s.ssrc} mid=${s.mid} transport=${s.transportId}`;
                  if (s.type === 'inbound-rtp') out.push(`\\n   in ${id} packets=${s.packetsReceived} lost=${s.packetsLost} bytes=${s.bytesReceived}`
                    + (s.kind === 'video' ? ` frames=${s.framesReceived} decoded=${s.framesDecoded} dropped=${s.framesDropped}`
                      + ` ${s.frameWidth}x${s.frameHeight} fps=${s.framesPerSecond} pli=${s.pliCount} nack=${s.nackCount}` : ''));
                  if (s.type === 'outbound-rtp') out.push(`\\n   out ${id} packets=${s.packetsSent} bytes=${s.bytesSent}`
                    + (s.kind === 'video' ? ` encoded=${s.framesEncoded} ${s.frameWidth}x${s.frameHeight} fps=${s.framesPerSecond}`
                      + ` limit=${s.qualityLimitationReason} target=${s.targetBitrate} pli=${s.pliCount} nack=${s.nackCount}` : ''));
                  if (s.type === 'remote-inbound-rtp') out.push(`\\n   remote-in ${s.kind} ssrc=${s.ssrc} lost=${s.packetsLost}`
                    + ` fraction=${s.fractionLost} rtt=${s.roundTripTime} packets=${s.packetsReceived}`);
                  if (s.type === 'remote-outbound-rtp') out.push(`\n   remote-out ${s.kind} ssrc=${s.ssrc} packets=${s.packetsSent}`
                    + ` bytes=${s.bytesSent} reports=${s.reportsSent}`);
                });
                out.push(`\\n   local ${sdp(pc.currentLocalDescription)}`);
                out.push(`\\n   remote ${sdp(pc.currentRemoteDescription)}`);
              }
              return out.join('');
            }""";

    private MediaDiagnosis() {
    }
}

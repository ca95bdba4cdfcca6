import { useEffect, useRef } from 'react';

/** A <video> bound to a MediaStream. */
export default function StreamVideo({ stream, muted = false, mirrored = false, fit = 'cover', label, style, sinkId, ...rest }) {
  const ref = useRef(null);
  useEffect(() => {
    // The speaker chosen in the pre-call check (browsers without setSinkId use the default one).
    if (sinkId && ref.current?.setSinkId) ref.current.setSinkId(sinkId).catch(() => {});
  }, [sinkId]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream ?? null;
    if (stream) el.play?.().catch(() => { /* autoplay resumes on the next user gesture */ });
  }, [stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      style={{ width: '100%', height: '100%', objectFit: fit, transform: mirrored ? 'scaleX(-1)' : undefined, display: 'block', ...style }}
      {...rest}
    />
  );
}

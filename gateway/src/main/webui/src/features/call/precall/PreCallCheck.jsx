import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert, Box, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle,
  LinearProgress, MenuItem, Paper, Stack, TextField, Typography,
} from '@mui/material';
import VideocamOffIcon from '@mui/icons-material/VideocamOff';
import VolumeUpIcon from '@mui/icons-material/VolumeUp';
import { Api } from '../../../shared/api/client.js';
import { mediaErrorKind, openLocalMedia } from '../engine/media.js';
import { checkTurn } from './turnCheck.js';
import StreamVideo from '../room/StreamVideo.jsx';

const CAN_PICK_SPEAKER = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

function useMicLevel(stream) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!track || !Ctx) return undefined;
    const ctx = new Ctx();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let raf;
    let last = 0;
    const tick = (t) => {
      raf = requestAnimationFrame(tick);
      if (t - last < 100) return;
      last = t;
      analyser.getByteTimeDomainData(data);
      let sum = 0;
      for (const v of data) { const x = (v - 128) / 128; sum += x * x; }
      const rms = Math.sqrt(sum / data.length);
      setLevel(Math.min(100, Math.round(rms * 300)));
    };
    raf = requestAnimationFrame(tick);
    return () => { cancelAnimationFrame(raf); source.disconnect(); ctx.close().catch(() => {}); };
  }, [stream]);
  return level;
}

const TURN_LABELS = {
  checking: 'Checking relay server…', ok: 'Relay server reachable', failed: 'Relay server unreachable', unavailable: 'No relay server',
};

/**
 * The pre-call check: camera preview, microphone level, device pickers and the TURN relay
 * check. `onJoin(stream)` hands the opened stream over to the call.
 */
export default function PreCallCheck({ session, onJoin, onCancel, joining }) {
  const [stream, setStream] = useState(null);
  const [mediaError, setMediaError] = useState(null);
  const [devices, setDevices] = useState({ cameras: [], mics: [], speakers: [] });
  const [selected, setSelected] = useState({ cameraId: '', micId: '' });
  const [speakerId, setSpeakerId] = useState('');
  const [playing, setPlaying] = useState(false);
  const [turn, setTurn] = useState({ status: 'checking' });
  const [serverMs, setServerMs] = useState(null);
  const streamRef = useRef(null);
  const handedOver = useRef(false);
  const level = useMicLevel(stream);

  const open = useCallback(async (choice) => {
    setMediaError(null);
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    setStream(null);
    try {
      const s = await openLocalMedia(choice);
      streamRef.current = s;
      setStream(s);
      const list = await navigator.mediaDevices.enumerateDevices();
      const speakers = CAN_PICK_SPEAKER ? list.filter((d) => d.kind === 'audiooutput' && d.deviceId) : [];
      setSpeakerId((current) => current || (speakers.find((d) => d.deviceId === 'default') ?? speakers[0])?.deviceId || '');
      setDevices({
        cameras: list.filter((d) => d.kind === 'videoinput'),
        mics: list.filter((d) => d.kind === 'audioinput'),
        speakers,
      });
      setSelected({
        cameraId: s.getVideoTracks()[0]?.getSettings().deviceId ?? '',
        micId: s.getAudioTracks()[0]?.getSettings().deviceId ?? '',
      });
    } catch (e) {
      setMediaError({ kind: e.name === 'NotSupportedError' ? 'unsupported' : mediaErrorKind(e), message: e.message });
    }
  }, []);

  const runTurnCheck = useCallback(async () => {
    setTurn({ status: 'checking' });
    setServerMs(null);
    try {
      const started = performance.now();
      const config = await Api.videoConfig();
      // The config request doubles as a round trip to the server.
      setServerMs(Math.round(performance.now() - started));
      setTurn(await checkTurn(config));
    } catch (e) {
      setTurn({ status: 'failed', detail: e.detail || e.message });
    }
  }, []);

  useEffect(() => {
    open({});
    runTurnCheck();
    return () => {
      if (!handedOver.current) streamRef.current?.getTracks().forEach((t) => t.stop());
    };
  }, [open, runTurnCheck]);

  const choose = (key) => (e) => {
    const next = { ...selected, [key]: e.target.value };
    setSelected(next);
    open(next);
  };

  const join = () => {
    handedOver.current = true;
    onJoin(streamRef.current, { speakerId });
  };

  // A one-second tone, so the user can hear that the speakers (or headphones) work.
  const playTestSound = async () => {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    setPlaying(true);
    const ctx = new Ctx();
    try {
      if (speakerId && ctx.setSinkId) await ctx.setSinkId(speakerId);
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 440;
      gain.gain.setValueAtTime(0.2, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 1);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 1);
      await new Promise((r) => { osc.onended = r; });
    } catch { /* the device could not play: nothing else to do here */ } finally {
      ctx.close().catch(() => {});
      setPlaying(false);
    }
  };

  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const denied = mediaError?.kind === 'denied';

  return (
    <Box component="main" sx={{ minHeight: '100vh', bgcolor: 'background.default', p: { xs: 2, md: 4 } }}>
      <Paper sx={{ maxWidth: 960, mx: 'auto', p: { xs: 2, md: 3 } }} data-testid="precall-check">
        <Typography variant="h5" component="h1" gutterBottom>Get ready for your session</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {session?.sessionType === 'group' ? 'Group session' : 'Individual session'}
          {session?.psychologist?.name ? ` with ${session.psychologist.name}` : ''}. Check your camera, microphone and connection.
        </Typography>
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' } }}>
          <Box sx={{ position: 'relative', aspectRatio: '16 / 9', bgcolor: '#111', borderRadius: 2, overflow: 'hidden' }}>
            {hasVideo ? (
              <StreamVideo stream={stream} muted mirrored label="Your camera preview" data-testid="precall-preview" />
            ) : (
              <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center', color: 'grey.300' }} spacing={1}>
                {stream || mediaError ? <VideocamOffIcon fontSize="large" /> : <CircularProgress color="inherit" aria-label="Starting camera" />}
                <Typography>{stream ? 'No camera: you will join with audio only' : mediaError ? 'Camera unavailable' : 'Starting camera…'}</Typography>
              </Stack>
            )}
          </Box>
          <Stack spacing={2}>
            <TextField select label="Camera" value={devices.cameras.some((d) => d.deviceId === selected.cameraId) ? selected.cameraId : ''}
              onChange={choose('cameraId')} disabled={!devices.cameras.length}
              slotProps={{ htmlInput: { 'data-testid': 'precall-camera-select' } }}>
              {devices.cameras.map((d, i) => <MenuItem key={d.deviceId || i} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</MenuItem>)}
            </TextField>
            <TextField select label="Microphone" value={devices.mics.some((d) => d.deviceId === selected.micId) ? selected.micId : ''}
              onChange={choose('micId')} disabled={!devices.mics.length}
              slotProps={{ htmlInput: { 'data-testid': 'precall-mic-select' } }}>
              {devices.mics.map((d, i) => <MenuItem key={d.deviceId || i} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</MenuItem>)}
            </TextField>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {devices.speakers.length > 0 && (
                <TextField select size="small" label="Speaker" sx={{ flexGrow: 1 }}
                  value={devices.speakers.some((d) => d.deviceId === speakerId) ? speakerId : ''}
                  onChange={(e) => setSpeakerId(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'precall-speaker-select' } }}>
                  {devices.speakers.map((d, i) => <MenuItem key={d.deviceId} value={d.deviceId}>{d.label || `Speaker ${i + 1}`}</MenuItem>)}
                </TextField>
              )}
              <Button variant="outlined" startIcon={<VolumeUpIcon />} onClick={playTestSound} disabled={playing} data-testid="precall-test-sound">
                {playing ? 'Playing…' : 'Test speakers'}
              </Button>
            </Stack>
            <Box>
              <Typography variant="body2" id="mic-level-label" gutterBottom>Microphone level (speak to test)</Typography>
              <LinearProgress variant="determinate" value={level} aria-labelledby="mic-level-label" data-testid="mic-level"
                sx={{ height: 10, borderRadius: 5 }} />
            </Box>
            <Box>
              <Typography variant="body2" gutterBottom>Network</Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip data-testid="turn-check-status" data-status={turn.status}
                  color={turn.status === 'ok' ? 'success' : turn.status === 'checking' ? 'default' : 'warning'}
                  label={`${TURN_LABELS[turn.status]}${turn.ms ? ` (${turn.ms} ms)` : ''}`} />
                {turn.status !== 'checking' && <Button size="small" onClick={runTurnCheck}>Check again</Button>}
              </Stack>
              {serverMs !== null && (
                <Typography variant="caption" color="text.secondary" component="p" data-testid="precall-server-rtt">
                  Server round trip: {serverMs} ms{serverMs > 800 ? ' (slow connection: video may be reduced)' : ''}
                </Typography>
              )}
              {turn.detail && turn.status !== 'ok' && (
                <Typography variant="caption" color="text.secondary" role="status">{turn.detail}</Typography>
              )}
            </Box>
            {mediaError && !denied && (
              <Alert severity="error" role="alert" action={<Button color="inherit" onClick={() => open(selected)}>Retry</Button>}>
                {mediaError.kind === 'in-use' ? 'Your camera or microphone is used by another application.'
                  : mediaError.kind === 'not-found' ? 'No camera or microphone was found.'
                    : mediaError.message || 'Camera and microphone could not be started.'}
              </Alert>
            )}
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              <Button onClick={onCancel}>Back to dashboard</Button>
              <Button variant="contained" size="large" disabled={!stream || joining} onClick={join} data-testid="precall-join-button">
                {joining ? 'Joining…' : 'Join call'}
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Paper>

      <Dialog open={denied} aria-labelledby="perm-title" aria-describedby="perm-desc" data-testid="permission-dialog">
        <DialogTitle id="perm-title">Camera access required</DialogTitle>
        <DialogContent>
          <DialogContentText id="perm-desc">
            Please allow camera and microphone access to join the call. Click the camera icon in your browser&apos;s
            address bar (or open the site settings), allow access, then try again.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} data-testid="permission-cancel">Cancel</Button>
          <Button variant="contained" onClick={() => open(selected)} autoFocus data-testid="permission-retry">Try again</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

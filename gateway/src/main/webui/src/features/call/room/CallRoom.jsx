import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  Alert, Avatar, Badge, Box, Button, Chip, CircularProgress, IconButton, Paper, Snackbar, Stack, Tooltip, Typography,
  useMediaQuery,
} from '@mui/material';
import CallEndIcon from '@mui/icons-material/CallEnd';
import LogoutIcon from '@mui/icons-material/Logout';
import ChatIcon from '@mui/icons-material/Chat';
import MicIcon from '@mui/icons-material/Mic';
import MicOffIcon from '@mui/icons-material/MicOff';
import ScreenShareIcon from '@mui/icons-material/ScreenShare';
import StopScreenShareIcon from '@mui/icons-material/StopScreenShare';
import SignalCellularAltIcon from '@mui/icons-material/SignalCellularAlt';
import VideocamIcon from '@mui/icons-material/Videocam';
import VideocamOffIcon from '@mui/icons-material/VideocamOff';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SettingsIcon from '@mui/icons-material/Settings';
import { formatDuration } from '../../../shared/format.js';
import ChatPanel from './ChatPanel.jsx';
import DeviceSettingsDialog from './DeviceSettingsDialog.jsx';
import { ConnectionFailedDialog, EndSessionDialog, FatalDialog, ParticipantLeftDialog } from './CallDialogs.jsx';
import StreamVideo from './StreamVideo.jsx';

const STATUS_TEXT = {
  connecting: 'Connecting…',
  'waiting-room': 'You are in the waiting room. Your psychologist will let you in shortly.',
  'waiting-participant': 'Waiting for the other participant to join…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Connection failed',
};
const STATUS_COLOR = {
  connecting: 'info', 'waiting-room': 'info', 'waiting-participant': 'info', connected: 'success', reconnecting: 'warning', failed: 'error',
};
const QUALITY_COLOR = { good: '#66bb6a', fair: '#ffca28', poor: '#ef5350', unknown: '#9e9e9e' };

function CallTimer({ startedAt }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  const seconds = startedAt ? (Date.now() - startedAt) / 1000 : 0;
  return (
    <Typography variant="h6" component="p" data-testid="call-timer" aria-label={`Call duration ${formatDuration(seconds)}`}
      sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatDuration(seconds)}
    </Typography>
  );
}

function QualityIndicator({ quality }) {
  const level = quality?.level ?? 'unknown';
  const details = [
    quality?.rttMs != null ? `RTT ${Math.round(quality.rttMs)} ms` : null,
    quality?.packetLoss != null ? `loss ${(quality.packetLoss * 100).toFixed(1)} %` : null,
    quality?.bitrateKbps != null ? `${Math.round(quality.bitrateKbps)} kbps` : null,
    quality?.candidateType ? `via ${quality.candidateType}` : null,
  ].filter(Boolean).join(' · ');
  const label = level === 'unknown' ? 'Network: measuring' : `Network: ${level}`;
  return (
    <Tooltip title={details || 'No measurements yet'}>
      <Chip icon={<SignalCellularAltIcon style={{ color: QUALITY_COLOR[level] }} />} label={label} size="small"
        data-testid="network-quality" data-level={level} tabIndex={0} aria-label={`${label}${details ? `, ${details}` : ''}`}
        sx={{ bgcolor: 'rgba(0,0,0,0.6)', color: 'white' }} />
    </Tooltip>
  );
}

function RemoteTile({ participant, full, sinkId }) {
  const showVideo = participant.stream && !participant.videoMuted;
  return (
    <Box sx={{ position: 'relative', width: '100%', height: '100%', bgcolor: '#111', overflow: 'hidden', borderRadius: full ? 0 : 2 }}>
      <StreamVideo stream={participant.stream} fit={full ? 'contain' : 'cover'} label={`Video of ${participant.name}`} sinkId={sinkId}
        data-testid="remote-video" data-peer-id={participant.peerId} style={{ visibility: showVideo ? 'visible' : 'hidden' }} />
      {!showVideo && (
        <Stack sx={{ position: 'absolute', inset: 0, alignItems: 'center', justifyContent: 'center', color: 'grey.300' }} spacing={1}>
          <Avatar sx={{ width: 72, height: 72, fontSize: 32 }}>{participant.name?.[0]?.toUpperCase() ?? '?'}</Avatar>
          <Typography>{participant.name} {participant.stream ? '(camera off)' : ''}</Typography>
        </Stack>
      )}
      <Typography variant="caption" sx={{ position: 'absolute', left: 8, bottom: 8, bgcolor: 'rgba(0,0,0,0.6)', color: 'white', px: 1, borderRadius: 1 }}>
        {participant.name}{participant.connectionState !== 'connected' ? ` · ${participant.connectionState}` : ''}
      </Typography>
    </Box>
  );
}

function gridColumns(n) {
  if (n <= 1) return 1;
  if (n <= 4) return 2;
  return 3;
}

function ControlButton({ label, active, onClick, children, testid, danger, pressed, disabled, buttonRef }) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton ref={buttonRef} onClick={onClick} aria-label={label} aria-pressed={pressed} data-testid={testid} disabled={disabled}
          sx={{
            width: { xs: 46, sm: 52 }, height: { xs: 46, sm: 52 }, color: 'white',
            bgcolor: danger ? 'error.main' : active ? 'rgba(255,255,255,0.18)' : 'error.dark',
            '&:hover': { bgcolor: danger ? 'error.dark' : active ? 'rgba(255,255,255,0.3)' : 'error.main' },
          }}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/**
 * The call room of the plan: remote video(s), mirrored local picture-in-picture, controls, chat,
 * dialogs. Everyone can leave (and rejoin); only the psychologist ends the session, after confirming.
 */
export default function CallRoom({ engine, isPsychologist, onLeave, onEnd, ending, speakerId: initialSpeaker }) {
  const state = useSyncExternalStore(engine.subscribe, engine.getSnapshot);
  const [chatOpen, setChatOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const chatButton = useRef(null);
  const [speakerId, setSpeakerId] = useState(initialSpeaker ?? '');
  const [seenChat, setSeenChat] = useState(0);
  const [audioOnlyShownFor, setAudioOnlyShownFor] = useState(0);
  const [leftDismissed, setLeftDismissed] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [screenError, setScreenError] = useState(null);
  const narrow = useMediaQuery('(max-width:700px)');
  const canShare = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getDisplayMedia);

  useEffect(() => { if (chatOpen) setSeenChat(state.chat.length); }, [chatOpen, state.chat.length]);
  useEffect(() => { if (!state.participantLeft) setLeftDismissed(false); }, [state.participantLeft]);

  const remotes = state.participants;
  const unread = chatOpen ? 0 : Math.max(0, state.chat.length - seenChat);
  const localStream = state.screenSharing ? state.screenStream : engine.localStream;
  const status = state.status;
  const someoneWaiting = isPsychologist && state.waitingList.length > 0 && status === 'waiting-participant';
  const statusText = someoneWaiting
    ? `${state.waitingList.length === 1 ? `${state.waitingList[0].name} is` : `${state.waitingList.length} clients are`} in the waiting room: admit to start.`
    : STATUS_TEXT[status];

  const toggleScreen = async () => {
    try {
      if (state.screenSharing) await engine.stopScreenShare();
      else await engine.startScreenShare();
    } catch (e) {
      if (e?.name !== 'NotAllowedError' && e?.name !== 'AbortError') setScreenError(e.message || 'Screen sharing failed');
    }
  };

  const single = remotes.length <= 1;
  const cols = gridColumns(remotes.length);

  return (
    <Box component="main" sx={{ height: '100dvh', minHeight: '100vh', display: 'flex', bgcolor: '#1a1a1a', color: 'white', overflow: 'hidden' }}>
      <Box sx={{ position: 'relative', flexGrow: 1, minWidth: 0 }}>
        <h1 className="visually-hidden">Video call</h1>
        {/* Remote video(s) */}
        <Box sx={{ position: 'absolute', inset: 0 }}>
          {remotes.length === 0 ? (
            <Stack sx={{ height: '100%', alignItems: 'center', justifyContent: 'center', px: 3, textAlign: 'center' }} spacing={2}>
              {status !== 'failed' && <CircularProgress color="inherit" aria-label={statusText} />}
              <Typography variant="h6" component="p">{statusText}</Typography>
            </Stack>
          ) : single ? (
            <RemoteTile participant={remotes[0]} full sinkId={speakerId} />
          ) : (
            <Box data-testid="remote-grid" sx={{
              display: 'grid', gap: 1, p: 1, pt: 8, pb: 12, height: '100%',
              gridTemplateColumns: { xs: remotes.length > 2 ? 'repeat(2, 1fr)' : '1fr', md: `repeat(${cols}, 1fr)` },
              gridAutoRows: '1fr',
            }}>
              {remotes.map((p) => <RemoteTile key={p.peerId} participant={p} sinkId={speakerId} />)}
            </Box>
          )}
        </Box>

        {/* Top bar: timer, status banner, network quality */}
        <Stack direction="row" spacing={1} sx={{ position: 'absolute', top: 12, left: 12, right: 12, alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <Paper sx={{ px: 2, py: 0.5, bgcolor: 'rgba(0,0,0,0.7)', color: 'white' }}>
            <CallTimer startedAt={state.callStartedAt} />
          </Paper>
          <Alert severity={STATUS_COLOR[status]} variant="filled" role="status" aria-live="polite" data-testid="call-status" data-status={status}
            sx={{ py: 0, alignItems: 'center', maxWidth: { xs: '100%', sm: 520 } }}>
            {statusText}
          </Alert>
          <QualityIndicator quality={state.quality} />
        </Stack>

        {/* Waiting room list (psychologist) */}
        {isPsychologist && state.waitingList.length > 0 && (
          <Paper sx={{ position: 'absolute', top: 64, left: 12, p: 2, maxWidth: 320, zIndex: 2 }} role="region" aria-label="Waiting room"
            data-testid="waiting-room-list">
            <Typography variant="subtitle2" component="h2" gutterBottom>Waiting room</Typography>
            <Stack spacing={1} aria-live="polite">
              {state.waitingList.map((w) => (
                <Stack key={w.peerId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="waiting-entry" data-peer-id={w.peerId}>
                  <Typography sx={{ flexGrow: 1 }}>{w.name}</Typography>
                  <Button size="small" variant="contained" startIcon={<PersonAddIcon />} onClick={() => engine.admit(w.peerId)}
                    data-testid="admit-button" data-peer-id={w.peerId} aria-label={`Admit ${w.name}`}>
                    Admit
                  </Button>
                </Stack>
              ))}
            </Stack>
          </Paper>
        )}

        {/* Local picture-in-picture */}
        <Paper elevation={8} sx={{
          position: 'absolute', right: 12, top: { xs: 64, sm: 72 }, width: { xs: 112, sm: 200, md: 240 }, aspectRatio: '4 / 3',
          overflow: 'hidden', borderRadius: 2, bgcolor: '#000', zIndex: 1,
        }}>
          <StreamVideo stream={localStream} muted mirrored={!state.screenSharing} label="Your video" data-testid="local-video"
            style={{ visibility: state.cameraOn || state.screenSharing ? 'visible' : 'hidden' }} />
          {!state.cameraOn && !state.screenSharing && (
            <Stack sx={{ position: 'absolute', inset: 0, alignItems: 'center', justifyContent: 'center', color: 'grey.400' }}>
              <VideocamOffIcon />
              <Typography variant="caption">Camera off</Typography>
            </Stack>
          )}
        </Paper>

        {/* Controls */}
        <Stack direction="row" spacing={{ xs: 1, sm: 2 }} role="toolbar" aria-label="Call controls" sx={{
          position: 'absolute', bottom: { xs: 16, sm: 32 }, left: '50%', transform: 'translateX(-50%)',
          bgcolor: 'rgba(0,0,0,0.7)', p: { xs: 1, sm: 1.5 }, borderRadius: 4, zIndex: 3,
        }}>
          <ControlButton label={state.micOn ? 'Mute microphone' : 'Unmute microphone'} active={state.micOn} pressed={!state.micOn}
            onClick={() => engine.toggleMic()} testid="toggle-mic-button">
            {state.micOn ? <MicIcon /> : <MicOffIcon />}
          </ControlButton>
          <ControlButton label={state.cameraOn ? 'Turn camera off' : 'Turn camera on'} active={state.cameraOn} pressed={!state.cameraOn}
            onClick={() => engine.toggleCamera()} testid="toggle-camera-button" disabled={!state.hasCamera}>
            {state.cameraOn ? <VideocamIcon /> : <VideocamOffIcon />}
          </ControlButton>
          {canShare && (
            <ControlButton label={state.screenSharing ? 'Stop sharing screen' : 'Share screen'} active pressed={state.screenSharing}
              onClick={toggleScreen} testid="toggle-screen-button">
              {state.screenSharing ? <StopScreenShareIcon /> : <ScreenShareIcon />}
            </ControlButton>
          )}
          <ControlButton label={chatOpen ? 'Close chat' : unread ? `Open chat (${unread} unread)` : 'Open chat'} active pressed={chatOpen} onClick={() => setChatOpen(!chatOpen)} testid="toggle-chat-button" buttonRef={chatButton}>
            {/* Only a count the label also says: a button's visible text must be part of its name. */}
            {unread ? <Badge badgeContent={unread} color="secondary"><ChatIcon /></Badge> : <ChatIcon />}
          </ControlButton>
          <ControlButton label="Device settings" active onClick={() => setSettingsOpen(true)} testid="toggle-settings-button">
            <SettingsIcon />
          </ControlButton>
          <ControlButton label="Leave call" danger onClick={() => onLeave()} testid="leave-call-button" disabled={ending}>
            <LogoutIcon />
          </ControlButton>
          {isPsychologist && (
            <ControlButton label="End session" danger onClick={() => setConfirmingEnd(true)} testid="end-call-button" disabled={ending}>
              <CallEndIcon />
            </ControlButton>
          )}
        </Stack>
      </Box>

      {chatOpen && (
        <Box sx={narrow
          ? { position: 'fixed', inset: 0, zIndex: 1300 }
          : { width: 340, flexShrink: 0, borderLeft: 1, borderColor: 'divider' }}>
          <ChatPanel messages={state.chat} onSend={(t) => engine.sendChat(t)} onClose={() => { setChatOpen(false); chatButton.current?.focus(); }}
            disabled={!state.inRoom || state.signaling !== 'open'} />
        </Box>
      )}

      <DeviceSettingsDialog open={settingsOpen} engine={engine} speakerId={speakerId} onSpeaker={setSpeakerId}
        onClose={() => setSettingsOpen(false)} />
      <ConnectionFailedDialog open={state.connectionFailed && !state.fatal && !ending} onRetry={() => engine.retry()}
        onLeave={() => onLeave()} />
      <ParticipantLeftDialog open={Boolean(state.participantLeft) && !leftDismissed && !ending && !state.fatal && !confirmingEnd}
        name={state.participantLeft?.name}
        onWait={() => { setLeftDismissed(true); engine.dismissParticipantLeft(); }} onLeave={() => onLeave()}
        onEnd={isPsychologist ? () => setConfirmingEnd(true) : undefined} />
      <EndSessionDialog open={isPsychologist && confirmingEnd && !ending} onCancel={() => setConfirmingEnd(false)}
        onConfirm={() => { setConfirmingEnd(false); onEnd(); }} />
      <FatalDialog open={Boolean(state.fatal)} message={state.fatal?.message} onLeave={() => onLeave()} />

      <Snackbar open={state.audioOnlySuggestion > audioOnlyShownFor} onClose={() => setAudioOnlyShownFor(state.audioOnlySuggestion)}
        anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="warning" data-testid="audio-only-suggestion" action={(
          <>
            <Button color="inherit" size="small" data-testid="audio-only-accept"
              onClick={() => { engine.setCamera(false); setAudioOnlyShownFor(state.audioOnlySuggestion); }}>
              Switch to audio only
            </Button>
            <Button color="inherit" size="small" onClick={() => setAudioOnlyShownFor(state.audioOnlySuggestion)}>Keep video</Button>
          </>
        )}>
          Your connection is poor. Turning your camera off may help.
        </Alert>
      </Snackbar>
      <Snackbar open={Boolean(state.notice || screenError)} autoHideDuration={6000}
        onClose={() => { engine.dismissNotice(); setScreenError(null); }} message={state.notice || screenError} />
    </Box>
  );
}

import { useEffect, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField,
} from '@mui/material';

const CAN_PICK_SPEAKER = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** In-call device switching (the plan's settings control). */
export default function DeviceSettingsDialog({ open, engine, speakerId, onSpeaker, onClose }) {
  const [devices, setDevices] = useState({ cameras: [], mics: [], speakers: [] });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState({ video: '', audio: '' });

  useEffect(() => {
    if (!open) return;
    setError(null);
    setCurrent({ video: engine.currentDeviceId('video'), audio: engine.currentDeviceId('audio') });
    navigator.mediaDevices.enumerateDevices().then((list) => setDevices({
      cameras: list.filter((d) => d.kind === 'videoinput'),
      mics: list.filter((d) => d.kind === 'audioinput'),
      speakers: CAN_PICK_SPEAKER ? list.filter((d) => d.kind === 'audiooutput' && d.deviceId) : [],
    })).catch(() => {});
  }, [open, engine]);

  const switchTo = (kind) => async (e) => {
    const id = e.target.value;
    setBusy(true);
    setError(null);
    try {
      await engine.switchDevice(kind, id);
      setCurrent((c) => ({ ...c, [kind]: id }));
    } catch (err) {
      setError(err.message || 'The device could not be started.');
    } finally {
      setBusy(false);
    }
  };

  const value = (list, id) => (list.some((d) => d.deviceId === id) ? id : '');

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="settings-title" data-testid="settings-dialog">
      <DialogTitle id="settings-title">Devices</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error" role="alert">{error}</Alert>}
          <TextField select label="Camera" value={value(devices.cameras, current.video)} onChange={switchTo('video')}
            disabled={busy || !devices.cameras.length} slotProps={{ htmlInput: { 'data-testid': 'settings-camera-select' } }}>
            {devices.cameras.map((d, i) => <MenuItem key={d.deviceId || i} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</MenuItem>)}
          </TextField>
          <TextField select label="Microphone" value={value(devices.mics, current.audio)} onChange={switchTo('audio')}
            disabled={busy || !devices.mics.length} slotProps={{ htmlInput: { 'data-testid': 'settings-mic-select' } }}>
            {devices.mics.map((d, i) => <MenuItem key={d.deviceId || i} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</MenuItem>)}
          </TextField>
          {devices.speakers.length > 0 && (
            <TextField select label="Speaker" value={value(devices.speakers, speakerId)} onChange={(e) => onSpeaker(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'settings-speaker-select' } }}>
              {devices.speakers.map((d, i) => <MenuItem key={d.deviceId} value={d.deviceId}>{d.label || `Speaker ${i + 1}`}</MenuItem>)}
            </TextField>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="settings-close">Done</Button>
      </DialogActions>
    </Dialog>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Button, CircularProgress, Paper, Typography } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Api } from '../../shared/api/client.js';
import { useAuth } from '../auth/AuthContext.jsx';
import { CallEngine } from './engine/CallEngine.js';
import CallRoom from './room/CallRoom.jsx';
import PreCallCheck from './precall/PreCallCheck.jsx';
import { summaryMinutes } from '../../shared/format.js';

function Refusal({ message, onBack }) {
  const ref = useRef(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}>
      <Paper sx={{ p: 4, maxWidth: 480, textAlign: 'center' }} data-testid="call-refused" role="alert">
        <BlockIcon color="error" sx={{ fontSize: 48 }} />
        <Typography variant="h5" component="h1" gutterBottom ref={ref} tabIndex={-1}>You can&apos;t join this call</Typography>
        <Typography sx={{ mb: 3 }} data-testid="call-refused-detail">{message}</Typography>
        <Button variant="contained" onClick={onBack}>Return to dashboard</Button>
      </Paper>
    </Box>
  );
}

/** Relay-only ICE can be forced for diagnosis with ?iceTransportPolicy=relay, and in the test build with window.__ssv.forceRelay. */
function forcedPolicy(searchParams) {
  if (searchParams.get('iceTransportPolicy') === 'relay') return 'relay';
  if (import.meta.env.MODE === 'e2e' && window.__ssv?.forceRelay) return 'relay';
  return null;
}

export default function VideoCallPage() {
  const { sessionId } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [phase, setPhase] = useState('loading');
  const [session, setSession] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [engine, setEngine] = useState(null);
  const [joining, setJoining] = useState(false);
  const [ending, setEnding] = useState(false);
  const [speakerId, setSpeakerId] = useState('');

  useEffect(() => {
    if (user.role === 'admin') {
      setRefusal('Admins can see session details but never join therapy calls.');
      setPhase('refused');
      return undefined;
    }
    let cancelled = false;
    Api.callSession(sessionId)
      .then((res) => { if (!cancelled) { setSession(res?.session ?? res); setPhase('precall'); } })
      .catch((e) => { if (!cancelled) { setRefusal(e.detail || e.message); setPhase('refused'); } });
    return () => { cancelled = true; };
  }, [sessionId, user.role]);

  // Deferred dispose: React's development StrictMode runs effects twice.
  useEffect(() => {
    if (!engine) return undefined;
    clearTimeout(engine.disposeTimer);
    const leave = () => engine.dispose();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      engine.disposeTimer = setTimeout(() => engine.dispose(), 0);
    };
  }, [engine]);

  const join = useCallback(async (stream, { speakerId: speaker = '' } = {}) => {
    setJoining(true);
    setSpeakerId(speaker);
    const e = new CallEngine({ sessionId, localStream: stream, forcedPolicy: forcedPolicy(searchParams) });
    try {
      await e.join();
      setEngine(e);
      setPhase('call');
    } catch (err) {
      e.dispose();
      setRefusal(err.detail || err.message);
      setPhase('refused');
    } finally {
      setJoining(false);
    }
  }, [sessionId, searchParams]);

  /** Hang up: the session stays open, so this participant (or the other) can rejoin. */
  const leave = useCallback(async () => {
    if (!engine || ending) return;
    setEnding(true);
    await engine.leave();
    navigate('/dashboard');
  }, [engine, ending, navigate]);

  /** The psychologist ends the session for both (confirmed in the call room). */
  const end = useCallback(async () => {
    if (!engine || ending) return;
    setEnding(true);
    const { duration, seconds, endError } = await engine.end();
    navigate('/dashboard', { state: { callSummary: { minutes: summaryMinutes(duration, seconds), endError } } });
  }, [engine, ending, navigate]);

  if (phase === 'loading') {
    return (
      <Box component="main" sx={{ display: 'grid', placeItems: 'center', height: '100vh' }} aria-busy="true">
        <CircularProgress aria-label="Loading session" />
      </Box>
    );
  }
  if (phase === 'refused') return <Refusal message={refusal} onBack={() => navigate('/dashboard')} />;
  if (phase === 'precall') {
    return <PreCallCheck session={session} onJoin={join} joining={joining} onCancel={() => navigate('/dashboard')} />;
  }
  return (
    <CallRoom engine={engine} isPsychologist={user.role === 'psychologist'} onLeave={leave} onEnd={end} ending={ending}
      speakerId={speakerId} />
  );
}

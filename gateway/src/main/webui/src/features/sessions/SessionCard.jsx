import { Box, Button, Card, CardActions, CardContent, Chip, Stack, Tooltip, Typography } from '@mui/material';
import VideocamIcon from '@mui/icons-material/Videocam';
import { useNavigate } from 'react-router-dom';
import { canJoinCall, joinBlocker, joinWindow } from './joinWindow.js';
import { formatDateTime } from '../../shared/format.js';
import { isGroup, seatsSummary, sessionId, statusColor, statusLabel } from './sessions.js';

/**
 * One session with its join button; `actions` adds role-specific buttons. A group session is
 * named by its title (the psychologist's card, without a counterpart, shows the seats paid).
 */
export default function SessionCard({ session, counterpart, now, actions, showJoin = true }) {
  const navigate = useNavigate();
  const id = sessionId(session);
  const joinable = canJoinCall(session, now);
  const blocker = joinable ? null : joinBlocker(session, now);
  const { opensAt } = joinWindow(session.sessionDate);
  const headingId = `session-${id}-title`;
  const hint = joinable ? 'Join the video call' : blocker.startsWith('Opens')
    ? `Available from ${opensAt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : blocker;

  return (
    <Card variant="outlined" component="article" aria-labelledby={headingId} data-testid="session-card" data-session-id={id}>
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'flex-start', flexWrap: 'wrap', gap: 1 }}>
          <Box>
            <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 700 }}>
              {(isGroup(session) ? session.title : counterpart?.name) ?? 'Session'}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {session.sessionType === 'group' ? 'Group therapy' : 'Individual therapy'}
              {isGroup(session) && counterpart?.name ? ` with ${counterpart.name}` : ''} · {formatDateTime(session.sessionDate)}
            </Typography>
            {isGroup(session) && counterpart == null && (
              <Typography variant="body2" color="text.secondary" data-testid="group-seats">{seatsSummary(session)}</Typography>
            )}
          </Box>
          <Stack direction="row" spacing={1}>
            <Chip size="small" label={statusLabel(session)} color={statusColor(session.status)} data-testid="session-status" />
            <Chip size="small" variant="outlined" label={`Payment: ${session.paymentStatus ?? 'unknown'}`} data-testid="session-payment-status" />
          </Stack>
        </Stack>
        {session.callDuration != null && String(session.status).toLowerCase() === 'completed' && (
          <Typography variant="body2" sx={{ mt: 1 }}>Call duration: {session.callDuration} minutes</Typography>
        )}
      </CardContent>
      <CardActions sx={{ flexWrap: 'wrap', gap: 1, px: 2, pb: 2 }}>
        {showJoin && (
          <Tooltip title={hint}>
            {/* The span keeps the tooltip working on a disabled button. */}
            <span>
              <Button variant="contained" startIcon={<VideocamIcon />} disabled={!joinable}
                onClick={() => navigate(`/video-call/${encodeURIComponent(id)}`)}
                aria-describedby={blocker ? `${headingId}-hint` : undefined}
                data-testid="join-video-call-button" data-session-id={id}>
                Join Video Call
              </Button>
            </span>
          </Tooltip>
        )}
        {actions}
        {showJoin && blocker && (
          <Typography id={`${headingId}-hint`} variant="caption" color="text.secondary">{hint}</Typography>
        )}
      </CardActions>
    </Card>
  );
}

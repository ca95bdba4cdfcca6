import { useEffect, useRef, useState } from 'react';
import { Alert } from '@mui/material';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.jsx';
import ClientDashboard from '../booking/ClientDashboard.jsx';
import PsychologistDashboard from '../psychologist/PsychologistDashboard.jsx';
import AdminDashboard from '../admin/AdminDashboard.jsx';

export default function DashboardPage() {
  const { user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [summary] = useState(() => location.state?.callSummary ?? null);
  const summaryRef = useRef(null);

  useEffect(() => {
    if (location.state?.callSummary) {
      // Keep the message on screen but not across reloads.
      navigate(location.pathname, { replace: true, state: null });
    }
    if (summary) summaryRef.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  let body;
  if (user.role === 'psychologist') body = <PsychologistDashboard psychologistId={user.id} name={user.name} />;
  else if (user.role === 'admin') body = <AdminDashboard />;
  else body = <ClientDashboard />;

  return (
    <>
      {summary && !summary.endError && (
        <Alert severity="success" role="status" sx={{ mb: 3 }} ref={summaryRef} tabIndex={-1} data-testid="call-summary">
          Session completed. Duration: {summary.minutes} minutes
        </Alert>
      )}
      {summary?.endError && (
        // the call is over for you, but the session is still open: say so instead of "completed"
        <Alert severity="error" role="alert" sx={{ mb: 3 }} ref={summaryRef} tabIndex={-1} data-testid="call-end-failed">
          You have left the call, but the session could not be marked completed: {summary.endError}. Open the
          session&apos;s call again and use End session.
        </Alert>
      )}
      {body}
    </>
  );
}

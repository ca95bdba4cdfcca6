import { Alert, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import AuthCard from '../auth/AuthCard.jsx';

/** Where the person lands once their account is erased: signed out, nothing left to sign in to. */
export default function AccountDeletedPage() {
  return (
    <AuthCard title="Account deleted">
      <Alert severity="success" data-testid="account-deleted" sx={{ mb: 2 }}>
        Your account has been deleted and you have been signed out.
      </Alert>
      <Typography variant="body2">
        What the practice must keep (past sessions, payments) no longer carries your name, email or phone.
        See the <Link component={RouterLink} to="/privacy">privacy notice</Link>.
      </Typography>
    </AuthCard>
  );
}

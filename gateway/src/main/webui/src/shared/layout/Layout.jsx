import { AppBar, Box, Button, Chip, Container, Link, Toolbar, Typography } from '@mui/material';
import { Outlet, Link as RouterLink } from 'react-router-dom';
import { useAuth } from '../../features/auth/AuthContext.jsx';
import AccountNotices from '../../features/account/AccountNotices.jsx';

export default function Layout() {
  const { user, logout } = useAuth();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <a href="#main" className="skip-link">Skip to content</a>
      <AppBar position="static" color="primary" component="header">
        <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component={RouterLink} to="/dashboard" sx={{ flexGrow: 1, color: 'inherit', textDecoration: 'none' }}>
            Smiling Steps Video
          </Typography>
          {user && (
            <>
              <Typography variant="body2" component={RouterLink} to="/profile" data-testid="current-user" title="Your account"
                sx={{ display: { xs: 'none', sm: 'block' }, color: 'inherit' }}>{user.name}</Typography>
              {/* Darker than the bar, not lighter: white on a lightened bar fell to a 3.4:1 contrast. */}
              <Chip size="small" label={user.role} sx={{ bgcolor: 'rgba(0,0,0,0.25)', color: 'inherit' }} />
              <Button color="inherit" component={RouterLink} to="/account/password" data-testid="change-password-link">Password</Button>
              <Button color="inherit" onClick={logout} data-testid="logout-button">Log out</Button>
            </>
          )}
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" tabIndex={-1} maxWidth="lg" sx={{ py: { xs: 2, md: 4 }, flexGrow: 1, outline: 'none' }}>
        <AccountNotices />
        <Outlet />
      </Container>
      <Box component="footer" sx={{ py: 2, textAlign: 'center' }}>
        <Link component={RouterLink} to="/privacy" variant="body2" data-testid="privacy-notice-link">Privacy notice</Link>
      </Box>
    </Box>
  );
}

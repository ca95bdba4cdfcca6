import { Suspense, lazy } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './features/auth/AuthContext.jsx';
import RequireAuth from './features/auth/RequireAuth.jsx';
import { theme } from './shared/layout/theme.js';
import Layout from './shared/layout/Layout.jsx';
import LoginPage from './features/auth/LoginPage.jsx';
import RegisterPage from './features/auth/RegisterPage.jsx';
import DashboardPage from './features/dashboard/DashboardPage.jsx';
import ProfilePage from './features/profile/ProfilePage.jsx';
import VerifyEmailPage from './features/account/VerifyEmailPage.jsx';
import ForgotPasswordPage from './features/account/ForgotPasswordPage.jsx';
import SetPasswordPage from './features/account/SetPasswordPage.jsx';
import ChangePasswordPage from './features/account/ChangePasswordPage.jsx';
import JoinLinkPage from './features/joinlink/JoinLinkPage.jsx';
import NotFoundPage from './shared/layout/NotFoundPage.jsx';
import PrivacyNoticePage from './features/privacy/PrivacyNoticePage.jsx';
import AccountDeletedPage from './features/privacy/AccountDeletedPage.jsx';

// The call code (WebRTC engine, call room) loads only when a call page opens.
const VideoCallPage = lazy(() => import('./features/call/VideoCallPage.jsx'));

function Loading() {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }} aria-busy="true">
      <CircularProgress aria-label="Loading" />
    </Box>
  );
}

export default function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AuthProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/verify-email" element={<VerifyEmailPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<SetPasswordPage />} />
          <Route path="/set-password" element={<SetPasswordPage invitation />} />
          <Route path="/privacy" element={<PrivacyNoticePage />} />
          <Route path="/account-deleted" element={<AccountDeletedPage />} />
          <Route path="/join" element={<JoinLinkPage />} />
          <Route path="/video-call/:sessionId" element={<RequireAuth><Suspense fallback={<Loading />}><VideoCallPage /></Suspense></RequireAuth>} />
          <Route element={<RequireAuth><Layout /></RequireAuth>}>
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/account/password" element={<ChangePasswordPage />} />
          </Route>
          <Route path="/" element={<Navigate to="/dashboard" replace />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AuthProvider>
    </ThemeProvider>
  );
}

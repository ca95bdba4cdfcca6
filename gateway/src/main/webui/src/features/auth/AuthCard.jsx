import { Box, Paper, Typography } from '@mui/material';

export default function AuthCard({ title, children }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}>
      <Paper sx={{ p: { xs: 3, sm: 4 }, width: '100%', maxWidth: 420 }} elevation={2}>
        <Typography variant="h5" component="h1" sx={{ mb: 0.5, fontWeight: 700 }}>Smiling Steps Video</Typography>
        <Typography variant="subtitle1" component="h2" color="text.secondary" sx={{ mb: 3 }}>{title}</Typography>
        {children}
      </Paper>
    </Box>
  );
}

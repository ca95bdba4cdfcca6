import { Box, Button, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

export default function NotFoundPage() {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', textAlign: 'center', p: 2 }}>
      <div>
        <Typography variant="h4" component="h1" gutterBottom>Page not found</Typography>
        <Button variant="contained" component={RouterLink} to="/dashboard">Go to dashboard</Button>
      </div>
    </Box>
  );
}

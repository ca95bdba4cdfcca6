import { createTheme } from '@mui/material/styles';

// System fonts only: nothing is fetched from a font CDN.
export const theme = createTheme({
  palette: {
    primary: { main: '#2e7d6b' },
    secondary: { main: '#5c6bc0' },
    background: { default: '#f5f7f6' },
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
  },
});

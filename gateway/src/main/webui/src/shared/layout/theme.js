import { createTheme } from '@mui/material/styles';

// System fonts only: nothing is fetched from a font CDN.
export const theme = createTheme({
  palette: {
    primary: { main: '#2e7d6b' },
    secondary: { main: '#5c6bc0' },
    background: { default: '#f5f7f6' },
    // MUI's default warning (#ed6c02) and info (#0288d1) give white chip text a contrast of 3.1 and
    // 3.9: below WCAG AA's 4.5 for small text (axe colour-contrast, e.g. the "Pending" chip).
    warning: { main: '#b45309' },
    info: { main: '#0271ad' },
    // A greyed-out field's label is still read (e.g. a device picker while the devices load): the
    // default rgba(0,0,0,0.38) is 2.7:1 on white; this is 4.6:1.
    text: { primary: 'rgba(0, 0, 0, 0.87)', secondary: 'rgba(0, 0, 0, 0.6)', disabled: 'rgba(0, 0, 0, 0.58)' },
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

import { Checkbox, FormControlLabel, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

/**
 * "I have read the privacy notice": the consent registration, an invitation's first password and
 * any account the practice created ask for before they go on; the notice opens in a new tab so the
 * form keeps what was typed. The caller sends NOTICE_VERSION with the form when it is checked.
 */
export default function PrivacyConsentCheckbox({ checked, onChange, testId }) {
  return (
    <FormControlLabel
      control={<Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} required
        slotProps={{ input: { 'data-testid': testId } }} />}
      label={(
        <Typography variant="body2">
          I have read the{' '}
          <Link component={RouterLink} to="/privacy" target="_blank" rel="noopener" data-testid="privacy-link">privacy notice</Link>
          {' '}and agree to the practice keeping my data as it describes.
        </Typography>
      )} />
  );
}

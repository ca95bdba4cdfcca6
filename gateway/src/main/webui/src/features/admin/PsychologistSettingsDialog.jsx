import {
  Button, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Stack, Typography,
} from '@mui/material';
import RatesForm from './RatesForm.jsx';
import WorkingHoursEditor from '../availability/WorkingHoursEditor.jsx';
import PhotoUpload from '../profile/PhotoUpload.jsx';

/** What makes a psychologist bookable, set by an admin: rates, then weekly hours and time off. */
export default function PsychologistSettingsDialog({ psychologist, onClose }) {
  return (
    <Dialog open={Boolean(psychologist)} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="psychologist-settings-title"
      data-testid="psychologist-settings-dialog">
      <DialogTitle id="psychologist-settings-title">Rates and hours: {psychologist?.name}</DialogTitle>
      <DialogContent>
        {psychologist && (
          <Stack spacing={3} sx={{ pt: 1 }}>
            <section aria-labelledby="rates-heading">
              <Typography variant="h6" component="h2" id="rates-heading" gutterBottom>Rates</Typography>
              <RatesForm psychologistId={psychologist.id} />
            </section>
            <Divider />
            <section aria-labelledby="hours-heading">
              <Typography variant="h6" component="h2" id="hours-heading" gutterBottom>Working hours and time off</Typography>
              <WorkingHoursEditor psychologistId={psychologist.id} />
            </section>
            <Divider />
            <section aria-labelledby="photo-heading">
              <Typography variant="h6" component="h2" id="photo-heading" gutterBottom>Profile photo</Typography>
              <PhotoUpload psychologistId={psychologist.id} name={psychologist.name} />
            </section>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="psychologist-settings-close">Close</Button>
      </DialogActions>
    </Dialog>
  );
}

import { useState } from 'react';
import { Avatar, Box, Button, Stack, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { useImage } from '../../shared/useImage.js';
import { SubmissionResult, useSubmission } from '../../shared/useSubmission.jsx';
import { shrinkPhoto } from './shrinkPhoto.js';

/**
 * A psychologist's profile photo as clients see it in the directory, and a button to replace it:
 * the picture is scaled down here, checked again by the server (size, real image type).
 */
export default function PhotoUpload({ psychologistId, name }) {
  const [current, setCurrent] = useState(`/api/psychologists/${encodeURIComponent(psychologistId)}/photo`);
  const src = useImage(current);
  const { busy, result, submit } = useSubmission();
  const choose = async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const saved = await submit(async () => Api.uploadPhoto(psychologistId, await shrinkPhoto(file)),
      () => 'Photo saved. Clients see it in the directory.');
    if (saved?.photo) setCurrent(saved.photo);
  };
  return (
    <Stack spacing={1} data-testid="photo-upload">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Avatar src={src ?? undefined} alt={src ? `Photo of ${name}` : undefined} sx={{ width: 72, height: 72 }}>
          {name?.[0]}
        </Avatar>
        <Box>
          <Button component="label" variant="outlined" disabled={busy}>
            {busy ? 'Sending…' : 'Choose a photo'}
            <input type="file" hidden accept="image/jpeg,image/png,image/webp" onChange={choose} data-testid="photo-input" />
          </Button>
          <Typography variant="body2" color="text.secondary">JPEG, PNG or WebP; scaled to 512 px before sending.</Typography>
        </Box>
      </Stack>
      <SubmissionResult result={result} testId="photo" />
    </Stack>
  );
}

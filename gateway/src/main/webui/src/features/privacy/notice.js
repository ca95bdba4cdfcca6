/**
 * The version of the privacy notice this page shows. Registration sends it as the consent given;
 * session-service accepts only its current one (PrivacyConsent.CURRENT_NOTICE): change both together
 * whenever the notice changes, so everyone signing up afterwards consents to the new text.
 */
export const NOTICE_VERSION = '2026-11-29';

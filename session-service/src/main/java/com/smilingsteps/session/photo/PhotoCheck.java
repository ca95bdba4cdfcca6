package com.smilingsteps.session.photo;

import java.util.Arrays;

import com.smilingsteps.kit.problem.ProblemException;

/**
 * What a profile photo may be: a JPEG, PNG or WebP image of at most {@link #MAX_BYTES}, recognised
 * by its first bytes, which must agree with the type the uploader declared. The SPA scales photos
 * down before sending them; anything else (an SVG with script, HTML named .png) is refused.
 */
public final class PhotoCheck {

    /** Below the services' 64 KiB request limit; a 512 px JPEG fits easily. */
    public static final int MAX_BYTES = 60 * 1024;

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private PhotoCheck() {
    }

    /** The image type the bytes are, or null. */
    public static String detect(byte[] bytes) {
        if (startsWith(bytes, JPEG, 0)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, PNG, 0)) {
            return "image/png";
        }
        if (startsWith(bytes, "RIFF".getBytes(), 0) && startsWith(bytes, "WEBP".getBytes(), 8)) {
            return "image/webp";
        }
        return null;
    }

    /** The checked type of an upload: 413 when too large, 415 when not one of the image types or not what it claims. */
    public static String require(byte[] bytes, String declaredType) {
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.badRequest("photo", "the photo is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ProblemException(413, "photo-too-large", "Payload too large",
                    "a photo is at most " + MAX_BYTES / 1024 + " KiB", "photo");
        }
        String detected = detect(bytes);
        String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (detected == null || !detected.equals(declared)) {
            throw new ProblemException(415, "unsupported-photo-type", "Unsupported media type",
                    "a photo is a JPEG, PNG or WebP image sent with its own type", "photo");
        }
        return detected;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        return bytes != null && bytes.length >= at + prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}

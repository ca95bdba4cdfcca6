package com.smilingsteps.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small moving picture for chromium's fake camera ({@code --use-file-for-fake-video-capture}):
 * 320×180 at 15 frames per second instead of the fake device's 720p at 30, so that a four-way group
 * call on a 2-core build machine spends its time on what the tests check (signaling, ICE, frames
 * decoded) rather than on encoding pictures nobody looks at. A Y4M file, written once per machine.
 */
final class FakeCamera {

    static final int WIDTH = 320;
    static final int HEIGHT = 180;
    private static final int FPS = 15;
    private static final int FRAMES = 30;

    private FakeCamera() {
    }

    /** The file, written under the temporary directory if it is not there yet. */
    static synchronized Path file() {
        // the name says what is in it: a file of another size or rate is never taken for this one
        Path file = Path.of(System.getProperty("java.io.tmpdir"),
                "ssv-fake-camera-" + WIDTH + "x" + HEIGHT + "-" + FPS + "fps-" + FRAMES + "f.y4m");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Path partial = Files.createTempFile(file.getParent(), "ssv-fake-camera", ".part",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
            try (OutputStream out = Files.newOutputStream(partial)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F" + FPS + ":1 Ip A1:1 C420jpeg\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int frame = 0; frame < FRAMES; frame++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(frame(frame));
                }
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the fake camera's picture", e);
        }
    }

    /** One I420 frame: a bright bar moving across a gradient, so that every frame differs. */
    private static byte[] frame(int index) {
        byte[] yuv = new byte[WIDTH * HEIGHT * 3 / 2];
        int bar = index * WIDTH / FRAMES;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean onBar = x >= bar && x < bar + WIDTH / 10;
                yuv[y * WIDTH + x] = (byte) (onBar ? 235 : 16 + (x + y) % 200);
            }
        }
        for (int i = WIDTH * HEIGHT; i < yuv.length; i++) {
            yuv[i] = (byte) (i < WIDTH * HEIGHT * 5 / 4 ? 90 : 160);
        }
        return yuv;
    }
}

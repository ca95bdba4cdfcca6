package com.smilingsteps.turn.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * coturn's own test client, {@code turnutils_uclient}: allocates relays with a username and
 * password and sends packets through them. Exit 0 when the allocation succeeded, 255 when
 * coturn refused the credentials.
 */
public final class TurnClient {

    public enum Transport { UDP, TCP, TLS }

    /** The client's exit code and its output, for assertion messages. */
    public record Outcome(int exitCode, String output) {
        public boolean allocated() {
            return exitCode == 0;
        }
    }

    private TurnClient() {
    }

    public static Outcome allocate(String username, String password, int port, Transport transport) {
        List<String> command = new ArrayList<>(List.of("turnutils_uclient", "-y", "-n", "1", "-m", "1", "-c"));
        if (transport != Transport.UDP) {
            command.add("-t");
        }
        if (transport == Transport.TLS) {
            command.add("-S");
        }
        command.addAll(List.of("-u", username, "-w", password, "-p", Integer.toString(port), "127.0.0.1"));
        try {
            Path log = Files.createTempFile("uclient-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, "turnutils_uclient did not finish within 60 s");
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("turnutils_uclient could not run (apt-get install -y coturn)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

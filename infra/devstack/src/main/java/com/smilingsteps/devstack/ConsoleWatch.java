package com.smilingsteps.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the dev stack's console shows while it runs: each service's ERROR lines (the log files keep
 * everything else) and a service that stopped by itself. Polled, so it needs no thread per file.
 */
final class ConsoleWatch {

    private final Collection<ServiceProcess> services;
    private final PrintStream out;
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, Boolean> reportedDead = new HashMap<>();

    ConsoleWatch(Collection<ServiceProcess> services, PrintStream out) {
        this.services = services;
        this.out = out;
        services.forEach(s -> offsets.put(s.name(), size(s.log())));
    }

    /** One look at every service: new ERROR lines, and processes that have exited. */
    void poll() {
        for (ServiceProcess service : services) {
            printNewErrors(service);
            boolean dead = !service.isAlive();
            if (dead && !reportedDead.getOrDefault(service.name(), false)) {
                out.println("[" + service.name() + "] stopped by itself; its log: " + service.log());
            }
            reportedDead.put(service.name(), dead);
        }
    }

    private void printNewErrors(ServiceProcess service) {
        long from = offsets.getOrDefault(service.name(), 0L);
        long size = size(service.log());
        if (size < from) {
            from = 0; // the log was truncated or replaced
        }
        if (size == from) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(service.log().toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(size - from, 1 << 20)];
            file.seek(from);
            file.readFully(bytes);
            String chunk = new String(bytes, StandardCharsets.UTF_8);
            int complete = chunk.lastIndexOf('\n') + 1; // a half-written last line waits for the next poll
            for (String line : chunk.substring(0, complete).split("\n")) {
                if (isError(line)) {
                    out.println("[" + service.name() + "] " + line);
                }
            }
            offsets.put(service.name(), from + chunk.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
        } catch (IOException e) {
            offsets.put(service.name(), size);
        }
    }

    /** Quarkus' console format ("12:00:00 ERROR [cat] ...") and its JSON format ("level":"ERROR"). */
    static boolean isError(String line) {
        return line.matches("^\\S+ ERROR .*") || line.contains("\"level\":\"ERROR\"");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}

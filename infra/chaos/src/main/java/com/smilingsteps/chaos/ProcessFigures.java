package com.smilingsteps.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What one service JVM holds, from /proc and jcmd: RSS, heap after a full GC, threads, open files. */
record ProcessFigures(long rssKb, long heapAfterGcKb, long threads, long openFiles) {

    static ProcessFigures of(long pid, int port) {
        gc(pid);
        return new ProcessFigures(status(pid, "VmRSS:"), (long) (Chaos.metric(port, "jvm_memory_used_bytes{area=\"heap\"") / 1024),
                status(pid, "Threads:"), openFiles(pid));
    }

    @Override
    public String toString() {
        return String.format("RSS %d MiB, heap after GC %d MiB, %d threads, %d open files", rssKb / 1024,
                heapAfterGcKb / 1024, threads, openFiles);
    }

    private static void gc(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("jcmd GC.run failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long status(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith(field)).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long openFiles(long pid) {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}

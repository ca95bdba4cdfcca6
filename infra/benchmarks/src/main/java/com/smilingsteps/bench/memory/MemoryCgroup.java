package com.smilingsteps.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory cgroup with a deployment's memory limit, for one started service: the kernel counts and
 * limits its memory exactly as it does a container's (heap, metaspace, thread stacks, code cache,
 * page cache), so the peak it reports is what the limit has to hold, not the RSS. Works on cgroup v1
 * (this machine's memory controller), in the benchmark's own cgroup, and on v2, beside it when its
 * parent gives children the memory controller (otherwise it says so); needs root.
 *
 * <p>The kernel's own peak includes the page cache (the service's jars, read at start), which it
 * reclaims before the limit is hit; so a sampler also keeps the peak of what it cannot reclaim
 * (the charge less the page cache: the JVM's anonymous memory and kernel memory).
 *
 * <p>On v1 the kernel charges TCP socket buffers to a separate counter, which the container's limit
 * does not include; this class switches that counter on and reports its peak separately, because on
 * cgroup v2 (today's Docker and Kubernetes) the same buffers count against the limit.
 */
public final class MemoryCgroup implements AutoCloseable {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    /** v1's "no limit" for the TCP buffer counter: writing it switches the counting on without limiting. */
    private static final String V1_UNLIMITED = "-1";

    private final Path directory;
    private final boolean v2;
    private final boolean tcpCounted;
    private final AtomicLong unreclaimablePeak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "memory-cgroup-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private MemoryCgroup(Path directory, boolean v2, boolean tcpCounted) {
        this.directory = directory;
        this.v2 = v2;
        this.tcpCounted = tcpCounted;
        sampler.scheduleAtFixedRate(() -> unreclaimablePeak.accumulateAndGet(unreclaimable(), Math::max),
                0, 100, TimeUnit.MILLISECONDS);
    }

    /** A new cgroup named {@code name} under this process's own, limited to {@code limitBytes}. */
    public static MemoryCgroup create(String name, long limitBytes) throws IOException {
        boolean v2 = Files.exists(ROOT.resolve("cgroup.controllers"))
                && Files.readString(ROOT.resolve("cgroup.controllers")).contains("memory");
        // v2: beside this process's own cgroup, not in it (a cgroup with processes of its own cannot give
        // its children the memory controller; its parent gave it to this one, so to siblings as well)
        Path own = v2 ? ROOT.resolve(ownPath("")) : ROOT.resolve("memory").resolve(ownPath("memory"));
        Path parent = v2 && !own.equals(ROOT) ? own.getParent() : own;
        Path directory = parent.resolve("bench-" + name + "-" + ProcessHandle.current().pid());
        Files.createDirectories(directory);
        try {
            boolean tcpCounted = false;
            if (v2) {
                if (!Files.exists(directory.resolve("memory.max"))) {
                    throw new IllegalStateException("cgroup v2: " + parent + " does not give its children the memory"
                            + " controller (+memory in its cgroup.subtree_control)");
                }
                Files.writeString(directory.resolve("memory.max"), Long.toString(limitBytes));
                if (Files.exists(directory.resolve("memory.swap.max"))) {
                    Files.writeString(directory.resolve("memory.swap.max"), "0");
                }
            } else {
                Files.writeString(directory.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
                try {
                    Files.writeString(directory.resolve("memory.kmem.tcp.limit_in_bytes"), V1_UNLIMITED);
                    tcpCounted = true;
                } catch (IOException notOnThisKernel) {
                    // the report then leaves socket buffers out, and says so
                }
            }
            MemoryCgroup cgroup = new MemoryCgroup(directory, v2, tcpCounted);
            // a benchmark stopped by a signal still stops its services and removes their cgroups
            Runtime.getRuntime().addShutdownHook(new Thread(cgroup::closeQuietly));
            return cgroup;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(directory);
            throw e;
        }
    }

    /** A limit as compose or Kubernetes write it, in binary units: {@code 640m}, {@code 640M}, {@code 640Mi}, {@code 1g}, {@code 1Gi}. */
    public static long bytes(String limit) {
        Matcher m = Pattern.compile("(\\d+)([mMgG])i?").matcher(limit);
        if (!m.matches()) {
            throw new IllegalArgumentException("a memory limit in megabytes or gigabytes, like 640m or 640Mi: " + limit);
        }
        return Long.parseLong(m.group(1)) << (Character.toLowerCase(m.group(2).charAt(0)) == 'm' ? 20 : 30);
    }

    /** {@code command}, run by a shell that first moves itself into this cgroup, so the JVM starts inside it. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                directory.resolve("cgroup.procs").toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The highest charge since the start, and how often the limit was hit, in one line. */
    public String report() {
        long peak = v2 && !Files.exists(directory.resolve("memory.peak")) ? -1 // before Linux 5.19
                : read(v2 ? "memory.peak" : "memory.max_usage_in_bytes");
        long limit = read(v2 ? "memory.max" : "memory.limit_in_bytes");
        String hits = v2 ? eventCount("max") : Long.toString(read("memory.failcnt"));
        String tcp = v2 ? "included"
                : tcpCounted ? mib(read("memory.kmem.tcp.max_usage_in_bytes")) + " MiB more (counted on cgroup v2)"
                : "not counted";
        long unreclaimable = unreclaimablePeak.get();
        return String.format("limit %s MiB; peak without page cache %s MiB (%.0f %%, sampled every 0.1 s), with it %s MiB;"
                + " now %s MiB; limit hit %s times, OOM kills %s; TCP buffers %s",
                mib(limit), mib(unreclaimable), 100.0 * unreclaimable / limit, peak < 0 ? "?" : mib(peak), mib(usage()), hits,
                v2 ? eventCount("oom_kill") : statValue("memory.oom_control", "oom_kill"), tcp);
    }

    private long usage() {
        return read(v2 ? "memory.current" : "memory.usage_in_bytes");
    }

    /**
     * The charge less the page cache the kernel can drop; 0 once the cgroup is gone or unreadable (a
     * sample that threw would end the sampling).
     */
    private long unreclaimable() {
        try {
            return usage() - Long.parseLong(statValue("memory.stat", v2 ? "file" : "cache"));
        } catch (RuntimeException goneOrUnreadable) {
            return 0;
        }
    }

    /** Stops what still runs in the cgroup and removes it (waiting up to 10 s for that); never throws. */
    @Override
    public void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        sampler.shutdownNow();
        try {
            // normally gone already; still there when the benchmark itself was stopped by a signal
            Files.readAllLines(directory.resolve("cgroup.procs")).forEach(pid ->
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroy));
        } catch (IOException | RuntimeException goneOrUnreadable) {
            // nothing to stop
        }
        for (int attempt = 0; Files.exists(directory); attempt++) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException stillInUse) {
                if (attempt == 100) {
                    System.err.println("could not remove " + directory + " (remove it once its process is gone): " + stillInUse);
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String ownPath(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] fields = line.split(":", 3);
            if (fields[1].equals(controller)) {
                return fields[2].substring(1);
            }
        }
        throw new IllegalStateException("no " + (controller.isEmpty() ? "cgroup v2" : controller) + " cgroup in /proc/self/cgroup");
    }

    private long read(String file) {
        try {
            String value = Files.readString(directory.resolve(file)).trim();
            return value.equals("max") ? Long.MAX_VALUE : Long.parseLong(value);
        } catch (IOException e) {
            throw new IllegalStateException(directory.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private String eventCount(String event) {
        return statValue("memory.events", event);
    }

    /** The value of {@code key} in a file of "key value" lines. */
    private String statValue(String file, String key) {
        try {
            return Files.readAllLines(directory.resolve(file)).stream()
                    .filter(line -> line.startsWith(key + " ")).map(line -> line.substring(key.length() + 1))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            throw new IllegalStateException(directory.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private static String mib(long bytes) {
        return String.format("%.0f", bytes / 1048576.0);
    }
}

package com.smilingsteps.bench.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.smilingsteps.infra.testing.TestJwt;

/** How many authenticated idle sockets one signaling instance holds, and their memory (issue 16 goal 5). */
final class IdleConnections {

    private IdleConnections() {
    }

    /**
     * Opens up to {@code target} authenticated idle connections straight to the signaling instance
     * (the target is per instance), holds them through a ping round and reports how far it got and
     * the RSS; with {@code histogram}, also what a socket costs by class, the heap and native memory
     * ({@link ServerMemory}). {@code holdSeconds}: how long the connections stay open, idle, before the
     * server's memory is read (30 s or more spans one server ping round, 25 s).
     */
    static void measure(HttpClient http, ServerProcess server, int asked, int holdSeconds, boolean histogram) throws Exception {
        URI direct = URI.create("ws://127.0.0.1:" + server.port + "/ws/signaling");
        // every connection is a file descriptor here too, and the embedded Kafka in this process dies
        // (halting the JVM) when it cannot open files: keep a reserve for it
        long limit = fdLimit();
        int target = (int) Math.min(asked, limit - openFilesOfThisProcess() - 1000);
        if (target < asked) {
            System.out.printf("%nidle: asked for %d connections; this client can open %d (ulimit -n = %d per process, "
                    + "%d in use here, 1000 kept for the embedded Kafka)%n", asked, target, limit, openFilesOfThisProcess());
        }
        ServerMemory memory = new ServerMemory(server.pid());
        if (histogram) {
            memory.baseline();
        }
        double rssBefore = server.rssMiB();
        List<String> tokens = IntStream.range(0, 100).parallel()
                .mapToObj(i -> TestJwt.accessToken("idle-" + i, "client")).toList();
        ConcurrentLinkedQueue<BenchPeer> open = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(200);
        CountDownLatch attempts = new CountDownLatch(target);
        long start = System.nanoTime();
        for (int i = 0; i < target && firstFailure.get() == null; i++) {
            inFlight.acquire();
            BenchPeer.connect(http, direct, tokens.get(i % tokens.size())).whenComplete((peer, failure) -> {
                if (failure != null) {
                    firstFailure.compareAndSet(null, failure);
                } else {
                    open.add(peer);
                }
                inFlight.release();
                attempts.countDown();
            });
        }
        inFlight.acquire(200);
        long elapsed = System.nanoTime() - start;
        Thread.sleep(holdSeconds * 1000L);
        double rss = server.rssMiB();
        long stillOpen = open.stream().filter(BenchPeer::isOpen).count();
        System.out.printf("%nidle: %d of %d authenticated connections open in %.1f s, %d still open after %d s; "
                + "server RSS %.0f MiB (%.0f MiB before, %.1f KiB per connection), server fds %d%n",
                open.size(), target, elapsed / 1e9, stillOpen, holdSeconds, rss, rssBefore,
                (rss - rssBefore) * 1024 / Math.max(1, open.size()), server.openFiles());
        if (histogram) {
            memory.printPerSocket(open.size(), 25);
            System.out.printf("server RSS after the histogram's full GC: %.0f MiB%n", server.rssMiB());
        }
        Throwable failure = firstFailure.get();
        if (failure != null) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.printf("stopped at the first failed connection: %s (file descriptor limit here: ulimit -n = %d "
                    + "per process, for the server and for this client alike)%n", root, fdLimit());
        }
        open.forEach(BenchPeer::close);
    }

    static long fdLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> Long.parseLong(l.replaceAll("\\s+", " ").split(" ")[3])).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /proc/self/limits", e);
        }
    }

    static long openFilesOfThisProcess() {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

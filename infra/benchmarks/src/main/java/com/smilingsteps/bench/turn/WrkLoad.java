package com.smilingsteps.bench.turn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mint load driven by Debian's wrk, as the issue measured it: two threads, {@code clients}
 * connections, each request a random user's token. A warm-up run first, then the measured one
 * with the server processes' CPU and the audit records counted around it.
 */
final class WrkLoad {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private WrkLoad() {
    }

    static void run(String url, List<String> tokens, int clients, int warmupSeconds, int seconds,
            List<ProcessHandle> servers, AuditRecords audit) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wrk-mint-");
        Path tokenFile = Files.write(dir.resolve("tokens.txt"), tokens);
        Path script = Files.writeString(dir.resolve("mint.lua"), """
                local tokens = {}
                for line in io.lines("%s") do tokens[#tokens + 1] = line end
                math.randomseed(os.time() + math.floor(os.clock() * 1000000))
                request = function()
                  return wrk.format("GET", "%s", { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
                end
                """.formatted(tokenFile, URI.create(url).getPath()));
        wrk(url, script, clients, warmupSeconds);
        Duration cpuBefore = TurnMintBenchmark.cpu(servers);
        List<Duration> eachBefore = servers.stream().map(p -> TurnMintBenchmark.cpu(List.of(p))).toList();
        long auditBefore = audit == null ? 0 : audit.count();
        String out = wrk(url, script, clients, seconds);
        Duration cpu = TurnMintBenchmark.cpu(servers).minus(cpuBefore);
        List<Duration> each = new java.util.ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            each.add(TurnMintBenchmark.cpu(List.of(servers.get(i))).minus(eachBefore.get(i)));
        }
        long total = Long.parseLong(find(TOTAL, out, "0"));
        long failed = Long.parseLong(find(NON_2XX, out, "0"));
        long ok = total - failed;
        System.out.printf("wrk -t2 -c%d -d%ds after a %d s warm-up:%n%s", clients, seconds, warmupSeconds, out);
        System.out.printf("mint requests/s: %s (%d ok, %d not 2xx)%n", find(REQUESTS_PER_SECOND, out, "?"), ok, failed);
        if (!servers.isEmpty() && ok > 0) {
            System.out.printf("%s CPU: %.1f s, %.0f us per request %s (machine load average %.1f on %d cores)%n",
                    servers.size() > 1 ? "service + gateway" : "service", cpu.toNanos() / 1e9,
                    cpu.toNanos() / 1e3 / ok, each.stream().map(d -> String.format("%.0f", d.toNanos() / 1e3 / ok)).toList(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
        if (audit != null && ok > 0) {
            audit.print(auditBefore, ok);
        }
    }

    private static String wrk(String url, Path script, int clients, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static String find(Pattern pattern, String text, String otherwise) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }
}

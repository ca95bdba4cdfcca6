package com.smilingsteps.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleWatchTest {

    @Test
    void errorLinesOfBothLogFormatsAreShownAndOthersAreNot() {
        assertTrue(ConsoleWatch.isError("15:01:44 ERROR [io.qu.ve.ht.ru.QuarkusErrorHandler] (executor-thread-1) boom"));
        assertTrue(ConsoleWatch.isError("{\"timestamp\":\"2026-11-28\",\"level\":\"ERROR\",\"message\":\"boom\"}"));
        assertFalse(ConsoleWatch.isError("15:01:44 INFO  [or.mo.dr.client] (main) MongoClient created"));
        assertFalse(ConsoleWatch.isError("15:01:44 WARN  [io.sm.re.me.kafka] (main) an ERROR in the message text"));
    }

    @Test
    void showsOnlyNewErrorsAndAStoppedServiceOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("session-service.log");
        Files.writeString(log, "15:00:00 ERROR [old] (main) before the watch started\n");
        ServiceProcess neverStarted = new ServiceProcess("session-service", dir.resolve("none.jar"), 1, log, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleWatch watch = new ConsoleWatch(List.of(neverStarted), new PrintStream(console, true, StandardCharsets.UTF_8));

        Files.writeString(log, "15:00:01 INFO  [a] (main) fine\n15:00:02 ERROR [b] (main) boom\n15:00:03 ERROR [c] (main) half",
                StandardOpenOption.APPEND);
        watch.poll();
        watch.poll();
        Files.writeString(log, " written\n", StandardOpenOption.APPEND);
        watch.poll();

        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "[session-service] 15:00:02 ERROR [b] (main) boom",
                "[session-service] stopped by itself; its log: " + log,
                "[session-service] 15:00:03 ERROR [c] (main) half written"), lines);
    }
}

package com.smilingsteps.infra.testing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record the test's JVM publishes while it is open (the service under test included):
 * for tests of what must, or must never, reach a log.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
        Logger.getLogger("").addHandler(handler);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Each record as "logger: message [parameters]", to search. */
    public List<String> lines() {
        return records.stream().map(CapturedLogs::line).toList();
    }

    /** The records at ERROR (SEVERE) or above, as {@link #lines()}. */
    public List<String> errors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).map(CapturedLogs::line)
                .toList();
    }

    private static String line(LogRecord record) {
        return record.getLoggerName() + ": " + record.getMessage() + " "
                + Arrays.toString(record.getParameters() == null ? new Object[0] : record.getParameters());
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}

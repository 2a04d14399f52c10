package com.autotrader.bench;

/** What every benchmark main does around its run: report a failure, and end the JVM either way. */
final class Benchmarks {

    interface Run {
        void run() throws Exception;
    }

    private Benchmarks() {
    }

    static void main(Run run) {
        int status = 0;
        try {
            run.run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        // WireMock and the embedded servers keep non-daemon threads: end the JVM explicitly
        System.exit(status);
    }
}

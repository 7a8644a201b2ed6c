package io.innoleap.testkit;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers once whether a Docker engine answers (about 0.3 s when none does). */
final class Docker {
    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            if ("false".equalsIgnoreCase(Settings.get("INNOLEAP_TEST_DOCKER", "innoleap.test.docker"))) {
                available = false;
            } else {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable t) {
                    available = false;
                }
            }
        }
        return available;
    }
}

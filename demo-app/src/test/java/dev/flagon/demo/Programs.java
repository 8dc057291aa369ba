package dev.flagon.demo;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real programs some tests drive. Where one is missing, the test is skipped, except where the
 * environment variable {@code CI} is set: there it fails, so that CI cannot pass without them.
 *
 * @author Flagon team
 */
final class Programs {

	private Programs() {
	}

	static void require(String description, String install, String... paths) {
		for (String path : paths) {
			if (!Files.isExecutable(Path.of(path))) {
				String message = description + " is needed (" + path + " is missing): " + install;
				if (System.getenv("CI") != null) {
					fail(message);
				}
				assumeTrue(false, message);
			}
		}
	}

}

package dev.flagon.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that drive a real program (redis-server, Flask, Chromium) need it installed. Where it
 * is missing the test is skipped on a developer's machine, and fails in CI (the {@code CI}
 * environment variable is set), where a test that did not run is a failure.
 *
 * @author Flagon team
 */
public final class RequiredProgram {

	private RequiredProgram() {
	}

	/**
	 * Skip (or, in CI, fail) the current test unless the program is available.
	 * @param available whether the program is available
	 * @param what what is missing and how to install it
	 */
	public static void assume(boolean available, String what) {
		if (available) {
			return;
		}
		if (System.getenv("CI") != null) {
			throw new IllegalStateException(what + " is required in CI but is not available");
		}
		Assumptions.abort(what + " is not available; skipping");
	}

}

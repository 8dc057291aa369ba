package dev.flagon.benchmarks;

import java.time.Duration;

import dev.flagon.context.FlagonApp;
import dev.flagon.internal.AppRuntime;
import dev.flagon.session.internal.DisabledSessionStore;

import org.springframework.context.support.GenericApplicationContext;

/**
 * The smallest {@link FlagonApp} that contexts accept: a name, an empty Spring context and no
 * hooks.
 *
 * @author Flagon team
 */
final class BenchFlagonApp {

	private BenchFlagonApp() {
	}

	static FlagonApp create() {
		GenericApplicationContext applicationContext = new GenericApplicationContext();
		applicationContext.refresh();
		return new AppRuntime("bench", "", applicationContext, new DisabledSessionStore(), Duration.ofDays(31))
			.getApp();
	}

}

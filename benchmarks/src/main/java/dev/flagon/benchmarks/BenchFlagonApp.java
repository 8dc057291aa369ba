package dev.flagon.benchmarks;

import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;

import org.springframework.context.ApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The smallest {@link FlagonApp} that contexts accept: a name and an empty Spring context.
 *
 * @author Flagon team
 */
final class BenchFlagonApp implements FlagonApp {

	private final GenericApplicationContext applicationContext = new GenericApplicationContext();

	@Override
	public String getName() {
		return "bench";
	}

	@Override
	public String getPrefix() {
		return "";
	}

	@Override
	public ApplicationContext getApplicationContext() {
		return this.applicationContext;
	}

	@Override
	public AppContext appContext() {
		throw new UnsupportedOperationException("Not used by the benchmarks");
	}

	@Override
	public RequestContext testRequestContext(String pathAndQuery) {
		throw new UnsupportedOperationException("Not used by the benchmarks");
	}

}

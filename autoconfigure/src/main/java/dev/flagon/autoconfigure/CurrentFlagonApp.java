package dev.flagon.autoconfigure;

import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;
import dev.flagon.internal.ContextHolder;

import org.springframework.context.ApplicationContext;

/**
 * The injectable {@link FlagonApp}: the application of the current context, or, on a thread
 * with no context, the application whose Spring context defined this bean (so that jobs and
 * runners can push contexts with it).
 *
 * @author Flagon team
 */
final class CurrentFlagonApp implements FlagonApp {

	private final FlagonApp own;

	CurrentFlagonApp(FlagonApp own) {
		this.own = own;
	}

	private FlagonApp current() {
		AppContext context = ContextHolder.get();
		return (context != null) ? context.getApp() : this.own;
	}

	@Override
	public String getName() {
		return current().getName();
	}

	@Override
	public String getPrefix() {
		return current().getPrefix();
	}

	@Override
	public ApplicationContext getApplicationContext() {
		return current().getApplicationContext();
	}

	@Override
	public AppContext appContext() {
		return current().appContext();
	}

	@Override
	public RequestContext testRequestContext(String pathAndQuery) {
		return current().testRequestContext(pathAndQuery);
	}

	@Override
	public String toString() {
		return current().toString();
	}

}

package dev.flagon.internal;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.RequestContext;
import dev.flagon.events.internal.FlagonEvents;
import dev.flagon.session.SessionStore;
import dev.flagon.session.internal.SessionRequestWrapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * What one application is made of at run time: its name and prefix, its Spring context, its
 * hooks (found once all its singletons exist) and its session store. One bean of this type
 * lives in each application's context.
 *
 * @author Flagon team
 */
public final class AppRuntime implements SmartInitializingSingleton {

	private static final boolean SPRING_TEST_PRESENT = ClassUtils
		.isPresent("org.springframework.mock.web.MockHttpServletRequest", AppRuntime.class.getClassLoader());

	private final String name;

	private final String prefix;

	private final ApplicationContext applicationContext;

	private final SessionStore<?> sessionStore;

	private final Duration permanentLifetime;

	private final FlagonApp app = new DefaultFlagonApp();

	private final FlagonEvents events = new FlagonEvents(this.app);

	private volatile RequestHooks hooks = RequestHooks.none();

	/**
	 * Create a new runtime.
	 * @param name the application's name
	 * @param prefix the URL prefix, empty for the root application
	 * @param applicationContext the application's Spring context
	 * @param sessionStore the application's session store
	 * @param permanentLifetime how long permanent sessions live
	 */
	public AppRuntime(String name, String prefix, ApplicationContext applicationContext, SessionStore<?> sessionStore,
			Duration permanentLifetime) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(prefix, "'prefix' must not be null");
		Assert.notNull(applicationContext, "'applicationContext' must not be null");
		Assert.notNull(sessionStore, "'sessionStore' must not be null");
		Assert.notNull(permanentLifetime, "'permanentLifetime' must not be null");
		this.name = name;
		this.prefix = prefix;
		this.applicationContext = applicationContext;
		this.sessionStore = sessionStore;
		this.permanentLifetime = permanentLifetime;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.applicationContext instanceof ConfigurableApplicationContext configurable) {
			this.hooks = RequestHooks.discover(configurable.getBeanFactory());
		}
	}

	/**
	 * Return the application.
	 * @return the application
	 */
	public FlagonApp getApp() {
		return this.app;
	}

	/**
	 * Return the application's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the application's URL prefix.
	 * @return the prefix, empty for the root application
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Return the application's hooks.
	 * @return the hooks
	 */
	public RequestHooks getHooks() {
		return this.hooks;
	}

	FlagonEvents getEvents() {
		return this.events;
	}

	/**
	 * Return the application's session store.
	 * @return the session store
	 */
	public SessionStore<?> getSessionStore() {
		return this.sessionStore;
	}

	SessionRequestWrapper wrap(HttpServletRequest request) {
		return new SessionRequestWrapper(request, this.sessionStore, this.permanentLifetime);
	}

	@Override
	public String toString() {
		return "<FlagonApp '" + this.name + "'" + (this.prefix.isEmpty() ? "" : " at " + this.prefix) + ">";
	}

	private final class DefaultFlagonApp implements FlagonApp {

		@Override
		public String getName() {
			return AppRuntime.this.name;
		}

		@Override
		public String getPrefix() {
			return AppRuntime.this.prefix;
		}

		@Override
		public ApplicationContext getApplicationContext() {
			return AppRuntime.this.applicationContext;
		}

		@Override
		public AppContext appContext() {
			return new Lifecycle(AppRuntime.this, null, null).push();
		}

		@Override
		public RequestContext testRequestContext(String pathAndQuery) {
			Assert.state(SPRING_TEST_PRESENT, "testRequestContext(...) needs spring-test on the classpath "
					+ "(org.springframework:spring-test, usually through spring-boot-starter-test)");
			Assert.isTrue(pathAndQuery.startsWith("/"), () -> "Path must start with '/': '" + pathAndQuery + "'");
			HttpServletRequest request = TestRequests.request(AppRuntime.this.prefix, pathAndQuery);
			HttpServletResponse response = TestRequests.response();
			return new Lifecycle(AppRuntime.this, wrap(request), response).push();
		}

		@Override
		public String toString() {
			return AppRuntime.this.toString();
		}

	}

}

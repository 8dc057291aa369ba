package dev.flagon.events.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.events.AppContextPoppedEvent;
import dev.flagon.events.AppContextPushedEvent;
import dev.flagon.events.AppContextTearingDownEvent;
import dev.flagon.events.RequestExceptionEvent;
import dev.flagon.events.RequestFinishedEvent;
import dev.flagon.events.RequestStartedEvent;
import dev.flagon.events.RequestTearingDownEvent;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

/**
 * Publishes one application's events (Flask's signals) to its Spring context, one method per
 * signal, and only those that some listener may receive: with no listener for a type,
 * sending it allocates nothing and never reaches Spring's multicaster.
 * <p>
 * Whether anyone listens is worked out as Spring's multicaster works it out, for the
 * application's context and each of its parents (a child context publishes to its parents
 * too): every listener instance registered with the context (singleton listener beans, found
 * by Spring's {@code ApplicationListenerDetector}, {@code @EventListener} methods, listeners
 * added by {@code addApplicationListener}) is asked {@code supportsEventType} and
 * {@code supportsSourceType}; every listener bean not created yet is judged by its declared
 * event type, and counts when that type is unknown. The answer is kept per event type, and
 * worked out again whenever the set of listener instances of one of those contexts changes
 * size, which every {@code addApplicationListener} does. Until a context has finished its
 * refresh (or after it stopped), nothing is kept and every event is published.
 * <p>
 * A listener registered directly with a context's {@code ApplicationEventMulticaster}, rather
 * than through the context, is not seen until the context's own listeners change.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class FlagonEvents {

	private static final int APP_CONTEXT_PUSHED = 0;

	private static final int REQUEST_STARTED = 1;

	private static final int REQUEST_EXCEPTION = 2;

	private static final int REQUEST_FINISHED = 3;

	private static final int REQUEST_TEARING_DOWN = 4;

	private static final int APP_CONTEXT_TEARING_DOWN = 5;

	private static final int APP_CONTEXT_POPPED = 6;

	private static final ResolvableType[] TYPES = { ResolvableType.forClass(AppContextPushedEvent.class),
			ResolvableType.forClass(RequestStartedEvent.class), ResolvableType.forClass(RequestExceptionEvent.class),
			ResolvableType.forClass(RequestFinishedEvent.class), ResolvableType.forClass(RequestTearingDownEvent.class),
			ResolvableType.forClass(AppContextTearingDownEvent.class),
			ResolvableType.forClass(AppContextPoppedEvent.class) };

	private final FlagonApp app;

	private volatile @Nullable Listeners listeners;

	/**
	 * Create the events of an application.
	 * @param app the application, whose Spring context the events are published to
	 */
	public FlagonEvents(FlagonApp app) {
		Assert.notNull(app, "'app' must not be null");
		this.app = app;
	}

	/**
	 * Send {@link AppContextPushedEvent}: the application context has just been pushed.
	 */
	public void appContextPushed() {
		if (listens(APP_CONTEXT_PUSHED)) {
			publish(new AppContextPushedEvent(this.app));
		}
	}

	/**
	 * Send {@link RequestStartedEvent}: before the {@code @BeforeRequest} hooks.
	 */
	public void requestStarted() {
		if (listens(REQUEST_STARTED)) {
			publish(new RequestStartedEvent(this.app));
		}
	}

	/**
	 * Send {@link RequestExceptionEvent}: the request's handling threw an exception that
	 * nothing resolved.
	 * @param exception the exception
	 */
	public void requestException(Throwable exception) {
		if (listens(REQUEST_EXCEPTION)) {
			publish(new RequestExceptionEvent(this.app, exception));
		}
	}

	/**
	 * Send {@link RequestFinishedEvent}: the {@code @AfterRequest} hooks have run and the
	 * session is saved.
	 * @param response the response, not yet committed
	 */
	public void requestFinished(HttpServletResponse response) {
		if (listens(REQUEST_FINISHED)) {
			publish(new RequestFinishedEvent(this.app, response));
		}
	}

	/**
	 * Return whether {@link #requestTearingDown} would publish anything, so that a request
	 * with no teardown hook binds its contexts for teardown only when a listener needs them.
	 * @return whether a listener for {@link RequestTearingDownEvent} may exist
	 */
	public boolean listensToRequestTearingDown() {
		return listens(REQUEST_TEARING_DOWN);
	}

	/**
	 * Send {@link RequestTearingDownEvent}: the {@code @TeardownRequest} hooks have run.
	 * @param exception the exception that ended the request, or {@code null}
	 */
	public void requestTearingDown(@Nullable Throwable exception) {
		if (listens(REQUEST_TEARING_DOWN)) {
			publish(new RequestTearingDownEvent(this.app, exception));
		}
	}

	/**
	 * Return whether {@link #appContextTearingDown} would publish anything.
	 * @return whether a listener for {@link AppContextTearingDownEvent} may exist
	 */
	public boolean listensToAppContextTearingDown() {
		return listens(APP_CONTEXT_TEARING_DOWN);
	}

	/**
	 * Send {@link AppContextTearingDownEvent}: the {@code @TeardownAppContext} hooks have run.
	 * @param exception the exception that ended the context, or {@code null}
	 */
	public void appContextTearingDown(@Nullable Throwable exception) {
		if (listens(APP_CONTEXT_TEARING_DOWN)) {
			publish(new AppContextTearingDownEvent(this.app, exception));
		}
	}

	/**
	 * Send {@link AppContextPoppedEvent}: the application context has ended.
	 */
	public void appContextPopped() {
		if (listens(APP_CONTEXT_POPPED)) {
			publish(new AppContextPoppedEvent(this.app));
		}
	}

	private void publish(Object event) {
		this.app.getApplicationContext().publishEvent(event);
	}

	private boolean listens(int type) {
		Listeners listeners = this.listeners;
		if (listeners == null || listeners.isStale()) {
			listeners = Listeners.find(this.app.getApplicationContext(), this.app.getClass());
			if (listeners == null) {
				return true;
			}
			this.listeners = listeners;
		}
		return listeners.listening[type];
	}

	/**
	 * Which event types some listener of a context or its parents may receive, and the
	 * listener sets it was worked out from.
	 */
	private static final class Listeners {

		private final Collection<?>[] sets;

		private final int[] sizes;

		private final boolean[] listening = new boolean[TYPES.length];

		private Listeners(List<AbstractApplicationContext> contexts) {
			this.sets = new Collection<?>[contexts.size()];
			this.sizes = new int[contexts.size()];
			for (int i = 0; i < this.sets.length; i++) {
				// Sized before looking: a listener added meanwhile makes these answers stale
				this.sets[i] = contexts.get(i).getApplicationListeners();
				this.sizes[i] = this.sets[i].size();
			}
		}

		boolean isStale() {
			for (int i = 0; i < this.sets.length; i++) {
				if (this.sets[i].size() != this.sizes[i]) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Work out the listeners of a context and its parents, or return {@code null} when
		 * they cannot be known yet (a context still refreshing, stopped, or of a kind that
		 * does not tell its listeners).
		 */
		static @Nullable Listeners find(ApplicationContext context, Class<?> sourceType) {
			List<AbstractApplicationContext> contexts = new ArrayList<>(2);
			for (ApplicationContext candidate = context; candidate != null; candidate = candidate.getParent()) {
				if (!(candidate instanceof AbstractApplicationContext abstractContext) || !abstractContext.isRunning()) {
					return null;
				}
				contexts.add(abstractContext);
			}
			Listeners listeners = new Listeners(contexts);
			try {
				for (int type = 0; type < TYPES.length; type++) {
					for (AbstractApplicationContext candidate : contexts) {
						if (mayReceive(candidate, TYPES[type], sourceType)) {
							listeners.listening[type] = true;
							break;
						}
					}
				}
			}
			catch (ConcurrentModificationException ex) {
				// A listener was added while we looked: work it out again next time
				return null;
			}
			return listeners;
		}

		private static boolean mayReceive(AbstractApplicationContext context, ResolvableType eventType,
				Class<?> sourceType) {
			for (ApplicationListener<?> listener : List.copyOf(context.getApplicationListeners())) {
				if (supports(listener, eventType, sourceType)) {
					return true;
				}
			}
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			for (String beanName : beanFactory.getBeanNamesForType(ApplicationListener.class, true, false)) {
				if (beanMayReceive(beanFactory, beanName, eventType, sourceType)) {
					return true;
				}
			}
			return false;
		}

		private static boolean supports(ApplicationListener<?> listener, ResolvableType eventType,
				Class<?> sourceType) {
			GenericApplicationListener generic = (listener instanceof GenericApplicationListener genericListener)
					? genericListener : new GenericApplicationListenerAdapter(listener);
			return generic.supportsEventType(eventType) && generic.supportsSourceType(sourceType);
		}

		/**
		 * Whether a listener bean may receive the event: asked if it exists, judged by its
		 * declared event type if not, and counted when that says nothing.
		 */
		private static boolean beanMayReceive(ConfigurableListableBeanFactory beanFactory, String beanName,
				ResolvableType eventType, Class<?> sourceType) {
			if (beanFactory.containsSingleton(beanName)
					&& beanFactory.getSingleton(beanName) instanceof ApplicationListener<?> listener) {
				return supports(listener, eventType, sourceType);
			}
			Class<?> type = beanFactory.getType(beanName, false);
			if (type == null || SmartApplicationListener.class.isAssignableFrom(type)) {
				return true;
			}
			if (!declares(ResolvableType.forClass(type), eventType)) {
				return false;
			}
			try {
				return declares(beanFactory.getMergedBeanDefinition(beanName).getResolvableType(), eventType);
			}
			catch (NoSuchBeanDefinitionException ex) {
				return true;
			}
		}

		/**
		 * Whether a listener type may receive the event type: true unless it declares an
		 * event type that is not assignable from it.
		 */
		private static boolean declares(ResolvableType listenerType, ResolvableType eventType) {
			ResolvableType declared = listenerType.as(ApplicationListener.class).getGeneric();
			return declared == ResolvableType.NONE || declared.resolve() == null || declared.isAssignableFrom(eventType);
		}

	}

}
